import { randomBytes } from "node:crypto";
import { SqliteAdapter, sql, type Transaction } from "kysely";
import { appendAudit, type Clock, caseAuditSnapshot, systemClock } from "../audit/index.ts";
import { issue, type Observation, yearOf } from "../core/index.ts";
import type { CaseRow, LedgerDatabase, LedgerDb } from "../store/index.ts";
import { type Coverage, coverage } from "./coverage.ts";
import { type CaseKey, decryptJson, encryptJson } from "./crypto.ts";
import { type CaseRecord, caseSchema, describeZodIssues, type StoredCase } from "./model.ts";

/**
 * The case register in the database. The whole record (person, detention, timeline, WGEID fields)
 * is one AES-256-GCM envelope in `cases.payload`; in clear stand only
 *   id (random, says nothing), jurisdiction (province), year taken, status, key id —
 * what the coverage aggregates need. The exact date taken stays encrypted: province + exact date
 * can single a person out, province + year cannot on its own. Deadlines decrypt (key and case role
 * needed anyway). Every read and every write of a case is an audit entry whose JSON holds only
 * those clear columns, never personal data (the audit log is append-only and cannot be purged).
 */

type Db = LedgerDb | Transaction<LedgerDatabase>;

export const CASE_ENTITY = "cases";

export interface CaseContext {
  readonly db: LedgerDb;
  readonly key: CaseKey;
  /** The acting account (already checked by requireCaseAccount). */
  readonly actor: string;
  readonly clock?: Clock;
}

export class CaseError extends Error {
  override name = "CaseError";
  constructor(
    message: string,
    readonly problems: ReadonlyArray<string> = [],
  ) {
    super(problems.length > 0 ? `${message}:\n  ${problems.join("\n  ")}` : message);
  }
}

const aadOf = (id: string) => `cases:${id}`;
const exportAad = (id: string, caseId: string) => `case_exports:${id}:${caseId}`;

export function newCaseId(): string {
  return `case-${randomBytes(6).toString("hex")}`;
}

/** The clear columns of a case: all that audit entries and aggregates may see. */
export function publicColumns(record: CaseRecord): Pick<CaseRow, "jurisdiction" | "year" | "status"> {
  return {
    jurisdiction: record.detention.jurisdiction,
    year: record.detention.taken_on === null ? null : yearOf(record.detention.taken_on),
    status: record.status,
  };
}

/** Validates an input case; issues are "path: message" lines. */
export function parseCase(input: unknown): { ok: true; value: CaseRecord } | { ok: false; problems: string[] } {
  const result = caseSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: describeZodIssues(result.error).map((i) => `${i.path || "(case)"}: ${i.message}`) };
}

async function knownJurisdictions(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom("jurisdictions").select("code").execute()).map((r) => r.code));
}

/** Inserts validated records in the caller's transaction, with one audit entry each; returns their ids. */
export async function insertCases(
  trx: Transaction<LedgerDatabase>,
  key: CaseKey,
  records: ReadonlyArray<CaseRecord>,
  options: { actor: string; reason: string; clock?: Clock },
): Promise<string[]> {
  const known = await knownJurisdictions(trx);
  const unknown = records.filter((r) => !known.has(r.detention.jurisdiction));
  if (unknown.length > 0) {
    throw new CaseError("unknown jurisdiction", [
      ...new Set(
        unknown.map(
          (r) =>
            `detention.jurisdiction: ${issue("jurisdictionNotInLedger", { code: r.detention.jurisdiction }).message}`,
        ),
      ),
    ]);
  }
  const rows = records.map((record) => {
    const id = newCaseId();
    return { id, key_id: key.id, payload: encryptJson(key, record, aadOf(id)), ...publicColumns(record) };
  });
  for (const row of rows) await trx.insertInto("cases").values(row).execute();
  await appendAudit(
    trx,
    rows.map((row) => ({
      actor: options.actor,
      action: "import" as const,
      entity: CASE_ENTITY,
      entityId: row.id,
      // The clear columns and the ciphertext's SHA-256, so `audit verify` sees a row changed behind its back.
      after: caseAuditSnapshot(row),
      reason: options.reason,
    })),
    options.clock ?? systemClock,
  );
  return rows.map((r) => r.id);
}

/** Adds one case from unchecked input; throws CaseError naming every problem. */
export async function addCase(ctx: CaseContext, input: unknown): Promise<string> {
  const parsed = parseCase(input);
  if (!parsed.ok) throw new CaseError("the case is not valid", parsed.problems);
  const [id] = await ctx.db
    .transaction()
    .execute((trx) =>
      insertCases(trx, ctx.key, [parsed.value], { actor: ctx.actor, reason: "case add", clock: ctx.clock }),
    );
  return id!;
}

/**
 * Replaces a case's record (an edit, or an event added to its timeline) from unchecked input, in one
 * transaction: validated as on add, re-encrypted under the loaded key, the clear columns updated, and
 * one audit entry ("update") holding only the clear columns before and after, with `reason`.
 * Throws CaseError naming every problem; nothing is written then.
 */
export async function updateCase(ctx: CaseContext, id: string, input: unknown, reason: string): Promise<void> {
  const parsed = parseCase(input);
  if (!parsed.ok) throw new CaseError("the case is not valid", parsed.problems);
  const record = parsed.value;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new CaseError(`no case '${id}'`);
    // Opening it proves the loaded key is the case's (a wrong key is refused, never overwrites).
    openRow(ctx.key, row);
    if (!(await knownJurisdictions(trx)).has(record.detention.jurisdiction)) {
      throw new CaseError("unknown jurisdiction", [
        `detention.jurisdiction: ${issue("jurisdictionNotInLedger", { code: record.detention.jurisdiction }).message}`,
      ]);
    }
    const next = { ...publicColumns(record), key_id: ctx.key.id, payload: encryptJson(ctx.key, record, aadOf(id)) };
    await trx.updateTable("cases").set(next).where("id", "=", id).execute();
    await appendAudit(
      trx,
      [
        {
          actor: ctx.actor,
          action: "update",
          entity: CASE_ENTITY,
          entityId: id,
          // The clear columns and the ciphertexts' SHA-256 only, so `audit verify` can replay the row.
          before: caseAuditSnapshot(row),
          after: caseAuditSnapshot(next),
          reason,
        },
      ],
      ctx.clock ?? systemClock,
    );
  });
}

function openRow(key: CaseKey, row: CaseRow): StoredCase {
  const stored = decryptJson(key, row.payload, aadOf(row.id));
  const parsed = caseSchema.safeParse(stored);
  // A case saved before the text policy may hold text it now refuses: it is read as it was stored
  // (it was whole then), and saving it again asks for the text to be fixed.
  return { id: row.id, record: parsed.success ? parsed.data : (stored as CaseRecord) };
}

/** Reads one case, writing the read to the audit log (with why). */
export async function readCase(ctx: CaseContext, id: string, purpose: string): Promise<StoredCase> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new CaseError(`no case '${id}'`);
    const opened = openRow(ctx.key, row);
    await appendAudit(
      trx,
      [{ actor: ctx.actor, action: "read", entity: CASE_ENTITY, entityId: id, reason: purpose }],
      ctx.clock ?? systemClock,
    );
    return opened;
  });
}

/** Reads every case (optionally only open ones), one audit entry per case read. */
export async function readCases(
  ctx: CaseContext,
  purpose: string,
  filter: { status?: "open" | "closed" } = {},
): Promise<StoredCase[]> {
  return ctx.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("cases").selectAll().orderBy("id");
    if (filter.status) query = query.where("status", "=", filter.status);
    const rows = await query.execute();
    const opened = rows.map((row) => openRow(ctx.key, row));
    await appendAudit(
      trx,
      rows.map((row) => ({
        actor: ctx.actor,
        action: "read" as const,
        entity: CASE_ENTITY,
        entityId: row.id,
        reason: purpose,
      })),
      ctx.clock ?? systemClock,
    );
    return opened;
  });
}

/** The clear columns of every case: what coverage needs, no key required. */
export async function caseAggregateRows(db: Db): Promise<Array<Pick<CaseRow, "jurisdiction" | "year" | "status">>> {
  return db.selectFrom("cases").select(["jurisdiction", "year", "status"]).execute();
}

/**
 * What public outputs (reports, the dashboard) may show of the register: documented cases against
 * official figures, aggregated and suppressed, from the clear columns (no key needed, so it works
 * while cases are locked); null when the register holds no case, so that outputs stay as they were.
 */
export async function publicCoverage(db: Db, observations: ReadonlyArray<Observation>): Promise<Coverage | null> {
  const rows = await caseAggregateRows(db);
  return rows.length === 0 ? null : coverage(rows, observations);
}

export interface ExportEntry {
  readonly path: string;
  readonly format: string;
  readonly at: string;
}

/** Records (encrypted) a file the application wrote from a case, so deleting the case can remove it. */
export async function registerExport(ctx: CaseContext, caseId: string, entry: ExportEntry): Promise<void> {
  const id = `export-${randomBytes(6).toString("hex")}`;
  await ctx.db
    .insertInto("case_exports")
    .values({ id, case_id: caseId, payload: encryptJson(ctx.key, entry, exportAad(id, caseId)) })
    .execute();
}

/** The files registered for a case. */
export async function exportsOf(db: Db, key: CaseKey, caseId: string): Promise<ExportEntry[]> {
  const rows = await db.selectFrom("case_exports").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
  return rows.map((row) => decryptJson(key, row.payload, exportAad(row.id, row.case_id)) as ExportEntry);
}

/** Makes SQLite overwrite freed pages, so deleted envelopes do not linger in the file. */
/** Folds SQLite's write-ahead log back into the database file and empties it (no-op on PostgreSQL). */
export async function checkpoint(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

export async function secureDelete(trx: Db): Promise<void> {
  if (trx.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`pragma secure_delete = on`.execute(trx);
  }
}
