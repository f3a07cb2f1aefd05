import { createHash } from "node:crypto";
import type { AuditEntry } from "./chain.ts";

/**
 * The replay beyond the ledger: accounts (their role, whether disabled) and the case register's
 * rows (clear columns and the SHA-256 of the ciphertext, never plaintext) must be what the log last
 * recorded for them. A role granted with `UPDATE users SET role='admin'`, a case row deleted or its
 * envelope swapped behind the software's back, is named here though the chain itself is intact.
 *
 * Rule, for both: every entry about the entity with an `after` record merges that record into the
 * expected state (so an account-create sets role and disabled=false, an account-disable sets
 * disabled; a case import, edit or re-key sets its columns); a `delete` removes it. Only the keys a
 * record holds are compared, so logs written before a key was recorded (cases before
 * `payload_sha256`) still verify, on what they hold.
 */

export interface RegisterMismatch {
  readonly table: "users" | "cases" | "sessions" | "passkeys" | "changes";
  readonly id: string;
  readonly seq: number | null;
  readonly problem: string;
}

/** What the check reads of an account: what gives it power (role, credentials), not its counters. */
export interface AccountState {
  readonly name: string;
  readonly role: string;
  readonly disabled: number;
  readonly password_hash: string | null;
  readonly setup_token_hash: string | null;
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * What an entry about an account's credentials records: the SHA-256 of its password hash and of
 * its setup token's hash (null when none), so a hash rewritten in the database is named, and the
 * log itself holds nothing a guesser could use.
 */
export function credentialAuditSnapshot(row: { password_hash: string | null; setup_token_hash: string | null }) {
  return {
    password_sha256: row.password_hash === null ? null : sha(row.password_hash),
    setup_sha256: row.setup_token_hash === null ? null : sha(row.setup_token_hash),
  };
}

/** What the check reads of a session: its token's hash, account and expiry. */
export interface SessionState {
  readonly token_hash: string;
  readonly user_name: string;
  readonly expires_at: string;
}

/** What a `session` entry records (entity_id: the SHA-256 of the token's hash). */
export const sessionAuditSnapshot = (row: Omit<SessionState, "token_hash">) => ({
  user_name: row.user_name,
  expires_at: row.expires_at,
});
export const sessionAuditId = (tokenHash: string) => sha(tokenHash);

/** What the check reads of a passkey; a `passkey` entry records the same (entity_id: its credential id). */
export interface PasskeyState {
  readonly credential_id: string;
  readonly user_name: string;
  readonly public_key: string;
}

/** What the check reads of a case: its clear columns and its ciphertext. */
export interface CaseState {
  readonly id: string;
  readonly jurisdiction: string;
  readonly year: number | null;
  readonly status: string;
  readonly key_id: string;
  readonly payload: string;
}

/**
 * What an audit entry about a case records of it: the clear columns and the ciphertext's SHA-256.
 * Writers of the `cases` table put this in `after` of every entry that changes a row.
 */
export function caseAuditSnapshot(row: Omit<CaseState, "id">) {
  return {
    jurisdiction: row.jurisdiction,
    year: row.year,
    status: row.status,
    key_id: row.key_id,
    payload_sha256: createHash("sha256").update(row.payload).digest("hex"),
  };
}

export interface Expected {
  readonly seq: number;
  readonly state: Record<string, unknown>;
}

export function replay(entries: ReadonlyArray<AuditEntry>, entity: string): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  for (const entry of entries) {
    if (entry.entity !== entity || entry.entity_id === null) continue;
    if (entry.action === "delete") {
      expected.delete(entry.entity_id);
      continue;
    }
    if (entry.after_json === null) continue;
    const after = JSON.parse(entry.after_json) as Record<string, unknown>;
    const base = entry.action === "account-create" ? { disabled: false } : expected.get(entry.entity_id)?.state;
    expected.set(entry.entity_id, { seq: entry.seq, state: { ...base, ...after } });
  }
  return expected;
}

export function compare<R extends object>(
  table: RegisterMismatch["table"],
  rows: ReadonlyArray<R>,
  idOf: (row: R) => string,
  expected: Map<string, Expected>,
  actual: (row: R) => Record<string, unknown>,
  noun: string,
): RegisterMismatch[] {
  const problems: RegisterMismatch[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = idOf(row);
    seen.add(id);
    const recorded = expected.get(id);
    if (!recorded) {
      problems.push({ table, id, seq: null, problem: `is in the ${noun} but was never recorded in the audit log` });
      continue;
    }
    const now = actual(row);
    const differing = Object.keys(now).filter((k) => k in recorded.state && recorded.state[k] !== now[k]);
    if (differing.length > 0) {
      problems.push({
        table,
        id,
        seq: recorded.seq,
        problem: `differs from its last recorded version (entry ${recorded.seq}) in ${differing
          .map((k) => `${k} (${JSON.stringify(now[k])}, recorded ${JSON.stringify(recorded.state[k])})`)
          .join(", ")}: it was changed outside the log`,
      });
    }
  }
  for (const [id, recorded] of expected) {
    if (!seen.has(id)) {
      problems.push({
        table,
        id,
        seq: recorded.seq,
        problem: `was recorded (entry ${recorded.seq}) but is missing from the ${noun}: it was deleted outside the log`,
      });
    }
  }
  return problems;
}

/** Accounts against the log: who exists, with which role, disabled or not. */
export function checkAccountsAgainstLog(
  users: ReadonlyArray<AccountState>,
  entries: ReadonlyArray<AuditEntry>,
): RegisterMismatch[] {
  return compare(
    "users",
    users,
    (u) => u.name,
    replay(entries, "users"),
    (u) => ({ role: u.role, disabled: u.disabled === 1, ...credentialAuditSnapshot(u) }),
    "accounts",
  );
}

/**
 * Sessions against the log: each live row must have been recorded when it started, for the same
 * account and expiry. Rows gone (signed out, expired) are fine: ending a session gives no power.
 */
export function checkSessionsAgainstLog(
  sessions: ReadonlyArray<SessionState>,
  entries: ReadonlyArray<AuditEntry>,
): RegisterMismatch[] {
  const expected = replay(entries, "sessions");
  return compare(
    "sessions",
    sessions,
    (s) => sessionAuditId(s.token_hash),
    expected,
    (s) => sessionAuditSnapshot(s),
    "sessions",
  ).filter((m) => !m.problem.startsWith("was recorded"));
}

/** Passkeys against the log: who owns which public key; one deleted would let approvals skip it. */
export function checkPasskeysAgainstLog(
  passkeys: ReadonlyArray<PasskeyState>,
  entries: ReadonlyArray<AuditEntry>,
): RegisterMismatch[] {
  return compare(
    "passkeys",
    passkeys,
    (p) => p.credential_id,
    replay(entries, "passkeys"),
    (p) => ({ user_name: p.user_name, public_key: p.public_key }),
    "passkeys",
  );
}

/** Case rows against the log: which exist, their clear columns, the hash of their ciphertext. */
export function checkCasesAgainstLog(
  cases: ReadonlyArray<CaseState>,
  entries: ReadonlyArray<AuditEntry>,
): RegisterMismatch[] {
  return compare("cases", cases, (c) => c.id, replay(entries, "cases"), caseAuditSnapshot, "case register");
}
