/**
 * A change as the database keeps it: its shape, the payload encoding (a row, or a row with the new
 * source it cites), the hash of the row a correction was made against, and reading changes back.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/index.ts";
import type { ChangeRow, LedgerDb } from "../store/index.ts";
import type { ChangeAction, EditableTable } from "./changes.ts";

export interface Change {
  readonly id: string;
  readonly table: EditableTable;
  readonly action: ChangeAction;
  readonly targetId: string;
  readonly row: Record<string, unknown>;
  /**
   * A source not yet in the ledger, proposed with the row that cites it (the figure comes from a
   * page the ledger does not hold yet): reviewed, approved or rejected together with the row.
   */
  readonly newSource: Record<string, unknown> | null;
  readonly reason: string;
  readonly author: string;
  readonly status: "draft" | "approved" | "rejected";
  readonly createdAt: string;
  readonly reviewer: string | null;
  readonly reviewedAt: string | null;
  readonly reviewReason: string | null;
  /** What a program's draft carries besides the row (the monitor's evidence); null for a person's. */
  readonly meta: Record<string, unknown> | null;
}

/**
 * payload_json holds the row itself, or, when a new source comes with it,
 * `{"$bundle": 1, "row": {…}, "source": {…}}` (ledger columns never start with "$").
 */
export function parsePayload(json: string): {
  row: Record<string, unknown>;
  newSource: Record<string, unknown> | null;
} {
  const payload = JSON.parse(json) as Record<string, unknown>;
  if (payload.$bundle === 1) {
    return { row: payload.row as Record<string, unknown>, newSource: payload.source as Record<string, unknown> };
  }
  return { row: payload, newSource: null };
}

export const payloadJson = (row: Record<string, unknown>, newSource: Record<string, unknown> | null) =>
  JSON.stringify(newSource ? { $bundle: 1, row, source: newSource } : row);

export function toChange(row: ChangeRow): Change {
  return {
    id: row.id,
    table: row.table_name as EditableTable,
    action: row.action as ChangeAction,
    targetId: row.target_id,
    ...parsePayload(row.payload_json),
    reason: row.reason,
    author: row.author,
    status: row.status as Change["status"],
    createdAt: row.created_at,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    reviewReason: row.review_reason,
    meta: row.meta_json ? (JSON.parse(row.meta_json) as Record<string, unknown>) : null,
  };
}

/** SHA-256 of a row's canonical serialization: what a correction was made against. */
export const rowHash = (row: unknown) => createHash("sha256").update(canonicalJson(row)).digest("hex");

/**
 * The current row as a draft filed before a migration added columns knew it: the columns still
 * empty and absent from the draft left out. So a correction filed before an upgrade is not refused
 * as "changed since" only because the table gained an empty column (007 added sources.title_zh).
 */
export function asFiled(current: unknown, draft: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(current as Record<string, unknown>).filter(([key, value]) => value !== null || key in draft),
  );
}

/** One change by id, or null. */
export async function getChange(db: LedgerDb, id: string): Promise<Change | null> {
  const row = await db.selectFrom("changes").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toChange(row) : null;
}

export async function listChanges(db: LedgerDb, status?: Change["status"]): Promise<Change[]> {
  let query = db.selectFrom("changes").selectAll().orderBy("created_at").orderBy("id");
  if (status) query = query.where("status", "=", status);
  return (await query.execute()).map(toChange);
}
