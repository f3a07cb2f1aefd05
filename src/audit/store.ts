import { sql, type Transaction } from "kysely";
import type { LedgerDatabase, LedgerDb } from "../store/index.ts";
import { type AuditAction, type AuditEntry, canonicalJson, entryHash, verifyChain } from "./chain.ts";
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
