import { randomBytes } from "node:crypto";
import { appendAudit, type Clock, sessionAuditSnapshot, sessionRecorded, systemClock } from "../audit/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { publicUser, sha256 } from "./users.ts";

/** Sessions last 8 hours: a working day, not a week on a shared computer. */
export const SESSION_HOURS = 8;

/**
 * Starts a session; returns the cookie token (only its hash is stored) and the CSRF token. The
 * session is recorded in the audit log (the SHA-256 of its token hash, the account, the expiry), so
 * `audit verify` names a session row someone inserted into the database to act as an account.
 */
export async function createSession(db: LedgerDb, userName: string, clock: Clock = systemClock) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const now = clock();
  const row = {
    token_hash: sha256(token),
    user_name: userName,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("sessions").values(row).execute();
    await appendAudit(
      trx,
      [
        {
          actor: userName,
          action: "session",
          entity: "sessions",
          entityId: sha256(row.token_hash),
          after: sessionAuditSnapshot(row),
        },
      ],
      clock,
    );
  });
  return { token, csrfToken };
}

/** The live session for a cookie token, with its user; null when unknown, expired or the account disabled. */
export async function findSession(db: LedgerDb, token: string, clock: Clock = systemClock) {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.name", "sessions.user_name")
    .selectAll("users")
    .select(["sessions.csrf_token", "sessions.expires_at", "sessions.token_hash"])
    .where("sessions.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= clock().toISOString() || row.disabled === 1) return null;
  // A session row the software did not start (inserted into the database) opens nothing.
  if (!(await sessionRecorded(db, { token_hash: row.token_hash, user_name: row.name, expires_at: row.expires_at })))
    return null;
  return { user: publicUser(row), csrfToken: row.csrf_token };
}

export async function endSession(db: LedgerDb, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", sha256(token)).execute();
}
