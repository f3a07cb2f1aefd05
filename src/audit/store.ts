import { PostgresAdapter, sql, type Transaction } from "kysely";
import type { LedgerDatabase, LedgerDb } from "../store/index.ts";
import { type AuditAction, type AuditEntry, canonicalJson, entryHash, verifyChain } from "./chain.ts";
import { sessionAuditId, sessionAuditSnapshot } from "./register-check.ts";
import { currentAuditSigner } from "./signing.ts";

type Db = LedgerDb | Transaction<LedgerDatabase>;

export interface AuditRecord {
  readonly actor: string;
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
}

/** The clock, injectable so tests can fix it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * Appends entries to the log inside the caller's transaction, so an entry is written if and only if
 * the change it records is. The head row is updated first: that takes the write lock before the
 * previous hash is read, so two writers can never fork the chain.
 */
export async function appendAudit(
  trx: Transaction<LedgerDatabase>,
  records: ReadonlyArray<AuditRecord>,
  clock: Clock = systemClock,
): Promise<AuditEntry[]> {
  if (records.length === 0) return [];
  const signer = currentAuditSigner();
  await trx
    .updateTable("audit_head")
    .set({ seq: sql`seq + ${records.length}` })
    .where("id", "=", 1)
    .execute();
  const head = await trx.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  let seq = head.seq - records.length;
  let prev = head.hash;
  const at = clock().toISOString();
  const entries: AuditEntry[] = records.map((r) => {
    seq += 1;
    const fields = {
      seq,
      at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entity_id: r.entityId ?? null,
      before_json: r.before === undefined || r.before === null ? null : canonicalJson(r.before),
      after_json: r.after === undefined || r.after === null ? null : canonicalJson(r.after),
      reason: r.reason ?? null,
      prev_hash: prev,
    };
    const hash = entryHash(fields);
    const entry = { ...fields, hash, signature: signer ? signer.sign(hash) : null };
    prev = entry.hash;
    return entry;
  });
  for (let i = 0; i < entries.length; i += 200)
    await trx
      .insertInto("audit_log")
      .values(entries.slice(i, i + 200))
      .execute();
  await trx.updateTable("audit_head").set({ hash: prev }).where("id", "=", 1).execute();
  return entries;
}

/** The whole log in storage order (by sequence number). */
export async function readAuditLog(db: Db): Promise<AuditEntry[]> {
  return db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
}

export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string }> {
  return db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
}

/** Verifies the stored chain end to end, head included. */
export async function verifyAuditLog(db: Db) {
  return verifyChain(await readAuditLog(db), await readAuditHead(db));
}

/** Every entry about one record (its versions, reviews, reads), oldest first. */
export async function historyOf(db: Db, entity: string, entityId: string): Promise<AuditEntry[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("seq")
    .execute();
}

/** Accounts, sessions, passkeys, changes and case rows as the replay compares them (see register-check.ts). */
export async function readRegisterState(db: Db) {
  const [users, cases, sessions, passkeys, changes] = await Promise.all([
    db
      .selectFrom("users")
      .select(["name", "role", "disabled", "password_hash", "setup_token_hash"])
      .orderBy("name")
      .execute(),
    db
      .selectFrom("cases")
      .select(["id", "jurisdiction", "year", "status", "key_id", "payload"])
      .orderBy("id")
      .execute(),
    db.selectFrom("sessions").select(["token_hash", "user_name", "expires_at"]).execute(),
    db.selectFrom("passkeys").select(["credential_id", "user_name", "public_key"]).execute(),
    db
      .selectFrom("changes")
      .select(["id", "author", "status", "reviewer", "payload_json", "created_at"])
      .orderBy("created_at")
      .execute(),
  ]);
  return { users, cases, sessions, passkeys, changes };
}

/**
 * Whether the database still refuses to update or delete audit entries: the append-only triggers of
 * migration 002 present, as created. Dropped triggers leave history rewritable by anyone with the
 * database; the chain and signatures still name a rewrite, this names the open door. Returns problems.
 */
export async function checkAppendOnly(db: Db): Promise<string[]> {
  const problems: string[] = [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const rows = await sql<{ tgname: string; tgenabled: string; source: string }>`
      select t.tgname, t.tgenabled, p.prosrc as source from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where t.tgrelid = 'audit_log'::regclass and not t.tgisinternal`.execute(db);
    const trigger = rows.rows.find((r) => r.tgname === "audit_log_no_change");
    if (!trigger) problems.push("the trigger audit_log_no_change is missing: audit entries can be updated and deleted");
    else if (trigger.tgenabled === "D") problems.push("the trigger audit_log_no_change is disabled");
    else if (!/raise exception/i.test(trigger.source))
      problems.push("the trigger audit_log_no_change no longer raises an error: it was replaced");
    return problems;
  }
  const rows = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`.execute(db);
  for (const event of ["update", "delete"]) {
    const name = `audit_log_no_${event}`;
    const trigger = rows.rows.find((r) => r.name === name);
    const normal = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
    const expected = normal(
      `create trigger ${name} before ${event} on "audit_log" begin select raise(abort, 'audit_log is append-only'); end`,
    );
    if (!trigger) problems.push(`the trigger ${name} is missing: audit entries can be ${event}d`);
    else if (normal(trigger.sql) !== expected)
      problems.push(`the trigger ${name} is not the one the software created: ${trigger.sql.replace(/\s+/g, " ")}`);
  }
  const extra = rows.rows.filter((r) => !["audit_log_no_update", "audit_log_no_delete"].includes(r.name));
  for (const r of extra) problems.push(`an unknown trigger ${r.name} acts on audit_log: ${r.sql.replace(/\s+/g, " ")}`);
  return problems;
}

/**
 * Whether a session row was started by the software: the log holds its `session` entry (same account,
 * same expiry) and, when this process has the server key, that entry carries the key's signature.
 * A session row inserted into the database (with or without a forged entry) is then no session.
 */
export async function sessionRecorded(
  db: Db,
  row: { token_hash: string; user_name: string; expires_at: string },
): Promise<boolean> {
  const entry = await db
    .selectFrom("audit_log")
    .select(["hash", "after_json", "signature", "seq", "at", "actor", "action", "entity", "entity_id"])
    .select(["before_json", "reason", "prev_hash"])
    .where("entity", "=", "sessions")
    .where("entity_id", "=", sessionAuditId(row.token_hash))
    .where("action", "=", "session")
    .executeTakeFirst();
  if (!entry || entry.after_json !== canonicalJson(sessionAuditSnapshot(row))) return false;
  if (entryHash(entry) !== entry.hash) return false;
  const signer = currentAuditSigner();
  return signer === null || (entry.signature !== null && signer.verify(entry.hash, entry.signature));
}
