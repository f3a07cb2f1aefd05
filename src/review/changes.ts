import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { AccountError, type ApprovalPasskey, roleAtLeast, verifyPasskeyAssertion } from "../accounts/index.ts";
import {
  type ApprovalAssertion,
  appendAudit,
  approvalChallenge,
  type Clock,
  changeAuditSnapshot,
  credentialAuditSnapshot,
  payloadSha256,
  systemClock,
} from "../audit/index.ts";
import { issue, LEDGER_TABLES, type Ledger, type RowIssue, textIssue } from "../core/index.ts";
import { readLedger, type TableInput, validateAdditions } from "../ledger/index.ts";
import type { ChangeRow, LedgerDatabase, LedgerDb } from "../store/index.ts";
import { asFiled, type Change, parsePayload, payloadJson, rowHash, toChange } from "./records.ts";

/**
 * The tables editors change through review. Jurisdictions are the fixed list of ISO 3166-2:CN
 * codes: they are corrected (a population figure added or fixed), never created. Assumptions
 * change by import only.
 */
export const EDITABLE_TABLES = ["observations", "sources", "jurisdictions"] as const;
export type EditableTable = (typeof EDITABLE_TABLES)[number];
export const CHANGE_ACTIONS = ["create", "update"] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Refused with the reasons, each naming the field where there is one; nothing was written. */
export class ChangeRefused extends Error {
  override name = "ChangeRefused";
  constructor(
    message: string,
    readonly issues: ReadonlyArray<RowIssue> = [],
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(issues.length ? `${message}: ${issues.map((i) => `${i.column ?? "row"} ${i.message}`).join("; ")}` : message);
  }
}

/** The column through which a row of each table may name a source proposed in the same change. */
export const SOURCE_LINK: Partial<Record<EditableTable, string>> = {
  observations: "source_id",
  jurisdictions: "population_source_id",
};

/** The prefix of issue columns about the new source proposed with a row (`source.publisher`). */
export const NEW_SOURCE_PREFIX = "source.";

const tableOf = (name: EditableTable) => LEDGER_TABLES.find((t) => t.name === name)!;

/**
 * Validates a proposed row exactly as the import does (same schema, same cross-table checks),
 * against the ledger as it stands, together with the new source it may bring: a create must bring
 * a new key, an update must name an existing row. Every problem is returned at once, each naming
 * its field (`source.…` for the new source's), with `extra` issues (a missing reason) among them.
 */
function validateRow(
  ledger: Ledger,
  table: EditableTable,
  action: ChangeAction,
  input: unknown,
  newSource: unknown = null,
  extra: ReadonlyArray<RowIssue> = [],
  draftSources: ReadonlyArray<Ledger["sources"][number]> = [],
) {
  const def = tableOf(table);
  const key = def.primaryKey;
  const id = String((input as Record<string, unknown> | null)?.[key] ?? "");
  const current = (ledger[table] as ReadonlyArray<Record<string, unknown>>).find((r) => r[key] === id) ?? null;
  if (action === "update" && !current)
    throw new ChangeRefused(`no ${table} row with ${key} '${id}' to correct`, [], 404);
  if (action === "create" && table === "jurisdictions") {
    throw new ChangeRefused(
      "jurisdictions are the fixed list of ISO 3166-2:CN codes: propose a correction to one instead",
    );
  }
  if (newSource !== null && !SOURCE_LINK[table]) {
    throw new ChangeRefused(`a new source cannot come with a change to ${table}: propose the source on its own`);
  }
  const base = action === "update" ? { ...ledger, [table]: ledger[table].filter((r) => r !== current) } : ledger;
  const inputs: TableInput[] = [
    { table, file: "row", header: def.columns, rows: [{ ...emptyRow(table), ...(input as object) }] },
  ];
  if (newSource !== null) {
    inputs.unshift({
      table: "sources",
      file: "source",
      header: tableOf("sources").columns,
      rows: [{ ...emptyRow("sources"), ...(newSource as object) }],
    });
  }
  const { additions, issues } = validateAdditions(withDraftSources(base, draftSources), inputs);
  const all = [
    ...extra,
    ...issues.map(({ file, ...i }) => ({
      ...i,
      row: null,
      column: file === "source" && i.column ? `${NEW_SOURCE_PREFIX}${i.column}` : i.column,
    })),
  ];
  if (all.length > 0) throw new ChangeRefused(`the ${table} row is not valid`, all);
  const source = newSource === null ? null : (additions.sources[0] as unknown as Record<string, unknown>);
  return { row: additions[table][0] as unknown as Record<string, unknown>, source, current, id };
}

/** Draft sources count as known to a proposal (not to an approval): a new figure may cite a new page. */
function withDraftSources(base: Ledger, drafts: ReadonlyArray<Ledger["sources"][number]>): Ledger {
  if (drafts.length === 0) return base;
  const known = new Set(base.sources.map((s) => s.id));
  return { ...base, sources: [...base.sources, ...drafts.filter((s) => !known.has(s.id))] };
}

/** The sources proposed on their own and still drafts (a bundle's new source travels with its row instead). */
async function draftSources(trx: Transaction<LedgerDatabase>): Promise<Array<Ledger["sources"][number]>> {
  const rows = await trx
    .selectFrom("changes")
    .select("payload_json")
    .where("table_name", "=", "sources")
    .where("action", "=", "create")
    .where("status", "=", "draft")
    .execute();
  return rows.map((r) => parsePayload(r.payload_json).row as unknown as Ledger["sources"][number]);
}

function emptyRow(table: EditableTable): Record<string, null> {
  return Object.fromEntries(tableOf(table).columns.map((c) => [c, null]));
}

async function requireRole(db: LedgerDb, name: string, role: "editor" | "reviewer") {
  const user = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  if (!user || user.disabled === 1 || !roleAtLeast(user.role, role)) {
    throw new ChangeRefused(`'${name}' may not do this: it needs an active ${role} account`, [], 403);
  }
}

/** A program that files drafts (the monitor): `kind:name`, which no account name can be, so it can never review. */
export const SYSTEM_AUTHOR = /^[a-z]+:[a-z0-9._-]+$/;

/**
 * Proposes a new row or a correction, optionally with the new source it cites (`newSource`); it
 * stays a draft, invisible to the public, until approved. Refusals list every problem at once.
 * An observation may also cite a source that is itself still a draft (approved after its source).
 * `system: true` files as a program (`monitor:watch`) without an account, for the command line only;
 * `meta` is kept with the draft for the reviewer (the monitor's evidence).
 */
export async function proposeChange(
  db: LedgerDb,
  input: {
    author: string;
    table: string;
    action: string;
    row: unknown;
    reason: string;
    newSource?: unknown;
    system?: boolean;
    meta?: Record<string, unknown> | null;
  },
  clock: Clock = systemClock,
): Promise<Change> {
  if (!(EDITABLE_TABLES as ReadonlyArray<string>).includes(input.table)) {
    throw new ChangeRefused(`invalid table '${input.table}': expected one of ${EDITABLE_TABLES.join(", ")}`);
  }
  if (!(CHANGE_ACTIONS as ReadonlyArray<string>).includes(input.action)) {
    throw new ChangeRefused(`invalid action '${input.action}': expected one of ${CHANGE_ACTIONS.join(", ")}`);
  }
  const noReason = typeof input.reason !== "string" || input.reason.trim() === "";
  const reasonIssues: RowIssue[] = noReason
    ? [{ row: null, column: "reason", ...issue("required") }]
    : reasonProblems(input.reason);
  if (input.system === true) {
    if (!SYSTEM_AUTHOR.test(input.author))
      throw new ChangeRefused(`invalid program author '${input.author}': expected kind:name, e.g. monitor:watch`);
  } else await requireRole(db, input.author, "editor");
  const table = input.table as EditableTable;
  const action = input.action as ChangeAction;
  return db.transaction().execute(async (trx) => {
    if (input.system === true) await ensureProgramAccount(trx, input.author, clock);
    const drafts = table === "observations" ? await draftSources(trx) : [];
    const { row, source, current, id } = validateRow(
      await readLedger(trx),
      table,
      action,
      input.row,
      input.newSource ?? null,
      reasonIssues,
      drafts,
    );
    if (noReason) throw new ChangeRefused("a reason is required for every change", reasonIssues);
    if (reasonIssues.length > 0) throw new ChangeRefused(`reason: ${reasonIssues[0]!.message}`, reasonIssues);
    const change: ChangeRow = {
      id: randomUUID(),
      table_name: table,
      action,
      target_id: id,
      payload_json: payloadJson(row, source),
      reason: input.reason.trim(),
      author: input.author,
      status: "draft",
      created_at: clock().toISOString(),
      reviewer: null,
      reviewed_at: null,
      review_reason: null,
      base_hash: current ? rowHash(current) : null,
      meta_json: input.meta ? JSON.stringify(input.meta) : null,
    };
    await trx.insertInto("changes").values(change).execute();
    const entry = { actor: input.author, action: "propose" as const, reason: change.reason };
    await appendAudit(
      trx,
      [
        ...(source ? [{ ...entry, entity: "sources", entityId: String(source.id), after: source }] : []),
        { ...entry, entity: table, entityId: id, before: current, after: row },
        { ...entry, entity: "changes", entityId: change.id, after: changeAuditSnapshot(change) },
      ],
      clock,
    );
    return toChange(change);
  });
}

/**
 * A program's drafts need an author row (changes.author refers to users): a disabled account with no
 * password, named kind:name (which no person's account can be), so it can neither sign in nor review.
 * Created once, and audited like any account.
 */
async function ensureProgramAccount(trx: Transaction<LedgerDatabase>, name: string, clock: Clock) {
  const existing = await trx.selectFrom("users").select("name").where("name", "=", name).executeTakeFirst();
  if (existing) return;
  await trx
    .insertInto("users")
    .values({
      name,
      role: "editor",
      password_hash: null,
      setup_token_hash: null,
      setup_expires_at: null,
      disabled: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: clock().toISOString(),
    })
    .execute();
  await appendAudit(
    trx,
    [
      {
        actor: name,
        action: "account-create",
        entity: "users",
        entityId: name,
        // `disabled` recorded: `audit verify` replays accounts and compares it with the row.
        after: {
          name,
          role: "editor",
          disabled: true,
          setup: "program: files drafts, cannot sign in or review",
          ...credentialAuditSnapshot({ password_hash: null, setup_token_hash: null }),
        },
      },
    ],
    clock,
  );
}

/**
 * Claims a draft for its review inside the caller's transaction: the status moves from draft to the
 * outcome only if it is still a draft, so of two reviewers acting at once exactly one succeeds and
 * the other gets a 409 (and everything its transaction did is rolled back).
 */
async function claimDraft(
  trx: Transaction<LedgerDatabase>,
  changeId: string,
  reviewer: string,
  outcome: "approved" | "rejected",
  now: string,
  reviewReason: string | null,
): Promise<Change> {
  const row = await trx.selectFrom("changes").selectAll().where("id", "=", changeId).executeTakeFirst();
  if (!row) throw new ChangeRefused(`no change '${changeId}'`, [], 404);
  if (row.author === reviewer) {
    throw new ChangeRefused("a change must be approved or rejected by someone other than its author", [], 403);
  }
  const claimed = await trx
    .updateTable("changes")
    .set({ status: outcome, reviewer, reviewed_at: now, review_reason: reviewReason })
    .where("id", "=", changeId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    const status = (await trx.selectFrom("changes").select("status").where("id", "=", changeId).executeTakeFirst())
      ?.status;
    throw new ChangeRefused(`change '${changeId}' is already ${status ?? "gone"}`, [], 409);
  }
  return toChange({ ...row, status: outcome, reviewer, reviewed_at: now, review_reason: reviewReason });
}

/**
 * Approves a draft: applies it to the ledger, checked again against the ledger as it now is (a
 * correction made against a row that has changed since is refused), and records who and when.
 */
export async function approveChange(
  db: LedgerDb,
  input: { changeId: string; reviewer: string; reason?: string; passkey?: ApprovalPasskey },
  clock: Clock = systemClock,
): Promise<Change> {
  const problems = input.reason ? reasonProblems(input.reason) : [];
  if (problems.length > 0) throw new ChangeRefused(`reason: ${problems[0]!.message}`, problems);
  await requireRole(db, input.reviewer, "reviewer");
  return db.transaction().execute(async (trx) => {
    const now = clock().toISOString();
    const change = await claimDraft(trx, input.changeId, input.reviewer, "approved", now, input.reason ?? null);
    const base = await trx
      .selectFrom("changes")
      .select(["base_hash", "payload_json"])
      .where("id", "=", change.id)
      .executeTakeFirstOrThrow();
    const payloadSha = payloadSha256(base.payload_json);
    await requireProposedPayload(trx, change.id, payloadSha);
    const assertion = await requirePasskey(
      trx,
      input.reviewer,
      approvalChallenge(change.id, payloadSha),
      input.passkey,
    );
    const ledger = await readLedger(trx);
    const cited = change.table === "observations" && !change.newSource ? String(change.row.source_id ?? "") : "";
    if (cited && !ledger.sources.some((s) => s.id === cited) && (await draftSources(trx)).some((s) => s.id === cited))
      throw new ChangeRefused(`its source '${cited}' is still a draft: approve that source first`, [], 409);
    const { row, source, current } = validateRow(ledger, change.table, change.action, change.row, change.newSource);
    if (
      change.action === "update" &&
      ![rowHash(current), rowHash(asFiled(current, change.row))].includes(base.base_hash ?? "")
    ) {
      throw new ChangeRefused(
        `${change.table} '${change.targetId}' was changed after this correction was proposed: propose it again against the row as it now is`,
        [],
        409,
      );
    }
    if (source)
      await trx
        .insertInto("sources")
        .values(source as never)
        .execute();
    const key = tableOf(change.table).primaryKey;
    if (change.action === "create")
      await trx
        .insertInto(change.table)
        .values(row as never)
        .execute();
    else
      await trx
        .updateTable(change.table)
        .set(row as never)
        .where(key as never, "=", change.targetId as never)
        .execute();
    const entry = {
      actor: input.reviewer,
      action: "approve" as const,
      reason: `${change.reason} (proposed by ${change.author}, change ${change.id})${input.reason ? `; ${input.reason}` : ""}`,
    };
    await appendAudit(
      trx,
      [
        ...(source ? [{ ...entry, entity: "sources", entityId: String(source.id), before: null, after: source }] : []),
        { ...entry, entity: change.table, entityId: change.targetId, before: current, after: row },
        {
          ...entry,
          entity: "changes",
          entityId: change.id,
          after: { status: "approved", reviewer: input.reviewer, payload_sha256: payloadSha, passkey: assertion },
        },
      ],
      clock,
    );
    return change;
  });
}

/** A reason under the core's text policy (multi-line text: no control or reordering characters, a bounded length). */
function reasonProblems(reason: string): RowIssue[] {
  const problem = textIssue(reason.trim(), "multiline");
  return problem ? [{ row: null, column: "reason", ...problem }] : [];
}

/**
 * What was proposed is what is approved: the draft's payload must hash to what its proposal entry
 * recorded. A draft rewritten in the database after it was proposed is refused. Drafts filed before
 * the log recorded proposals have no such entry and are taken as they stand.
 */
async function requireProposedPayload(trx: Transaction<LedgerDatabase>, changeId: string, payloadSha: string) {
  const proposal = await trx
    .selectFrom("audit_log")
    .select(["seq", "after_json"])
    .where("entity", "=", "changes")
    .where("entity_id", "=", changeId)
    .where("action", "=", "propose")
    .executeTakeFirst();
  if (!proposal) return;
  const recorded = (JSON.parse(proposal.after_json ?? "{}") as { payload_sha256?: string }).payload_sha256;
  if (recorded !== payloadSha) {
    throw new ChangeRefused(
      `this draft is not what was proposed (audit entry ${proposal.seq}): it was changed in the database since; nothing was approved`,
      [],
      409,
    );
  }
}

/**
 * The passkey policy: a reviewer who has registered a passkey must sign each approval with it (over
 * the change's id and proposed payload), checked here and kept in the log for `audit verify`; an
 * approval without it is refused, whatever the session. A reviewer without a passkey approves with
 * their session alone (recorded as such, and listed by `audit verify`).
 */
async function requirePasskey(
  trx: Transaction<LedgerDatabase>,
  reviewer: string,
  challenge: string,
  passkey: ApprovalPasskey | undefined,
): Promise<ApprovalAssertion | null> {
  const count = await trx.selectFrom("passkeys").select("credential_id").where("user_name", "=", reviewer).execute();
  if (count.length === 0) return null;
  if (!passkey) {
    throw new ChangeRefused(
      `'${reviewer}' has a passkey: approvals must be signed with it (on the review page); nothing was approved`,
      [],
      403,
    );
  }
  try {
    return await verifyPasskeyAssertion(trx, reviewer, challenge, passkey);
  } catch (error) {
    if (error instanceof AccountError) throw new ChangeRefused(`${error.message}; nothing was approved`, [], 403);
    throw error;
  }
}

/** Rejects a draft, with the reason the author will read. */
export async function rejectChange(
  db: LedgerDb,
  input: { changeId: string; reviewer: string; reason: string },
  clock: Clock = systemClock,
): Promise<Change> {
  if (typeof input.reason !== "string" || input.reason.trim() === "") {
    throw new ChangeRefused("a rejection needs a reason", [{ row: null, column: "reason", ...issue("required") }]);
  }
  const problems = reasonProblems(input.reason);
  if (problems.length > 0) throw new ChangeRefused(`reason: ${problems[0]!.message}`, problems);
  await requireRole(db, input.reviewer, "reviewer");
  const reason = input.reason.trim();
  return db.transaction().execute(async (trx) => {
    const change = await claimDraft(trx, input.changeId, input.reviewer, "rejected", clock().toISOString(), reason);
    const entry = { actor: input.reviewer, action: "reject" as const, after: { change: change.id }, reason };
    await appendAudit(
      trx,
      [
        ...(change.newSource ? [{ ...entry, entity: "sources", entityId: String(change.newSource.id) }] : []),
        { ...entry, entity: change.table, entityId: change.targetId },
        { ...entry, entity: "changes", entityId: change.id, after: { status: "rejected", reviewer: input.reviewer } },
      ],
      clock,
    );
    return change;
  });
}
