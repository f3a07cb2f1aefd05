import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { LedgerDb } from "../store/index.ts";
import { sha256 } from "./users.ts";

/**
 * Guessing limits per name, in place of a lock-out. After `free` failures in a row, each further
 * attempt for the name must wait twice as long as the last (15 s, 30 s … at most `maxSeconds`):
 * a stranger who keeps guessing gets one try per `maxSeconds`, and never locks the account for
 * everyone, because a browser the account has signed in from before (its `lz_device` cookie) skips
 * the name's delay. Counted in the database for every name asked about, known or unknown, so the
 * answer never tells which names exist, before or after a restart. Failures older than `forgetHours`
 * are forgotten.
 */
export const THROTTLE = { free: 5, firstSeconds: 15, maxSeconds: 300, forgetHours: 24 } as const;

/** The wait (ms) after the n-th failure in a row: none, then 15 s, 30 s, 60 s … at most 5 minutes. */
export function delayMs(failures: number): number {
  if (failures < THROTTLE.free) return 0;
  return Math.min(THROTTLE.firstSeconds * 2 ** (failures - THROTTLE.free), THROTTLE.maxSeconds) * 1000;
}

/** The same schedule as an SQL expression of `failures` (numbers only), so reserving is one atomic UPDATE. */
function delaySql(failures: string): string {
  const steps = [`when ${failures} < ${THROTTLE.free} then 0`];
  for (let n = THROTTLE.free; delayMs(n) < THROTTLE.maxSeconds * 1000; n++) {
    steps.push(`when ${failures} = ${n} then ${delayMs(n)}`);
  }
  return `(case ${steps.join(" ")} else ${THROTTLE.maxSeconds * 1000} end)`;
}

export type Reservation = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Counts an attempt for `name` before its password is checked, in one UPDATE that succeeds only if
 * the name's delay has passed: parallel guesses cannot slip through together. The count is undone
 * by `clearFailures` when the password was right.
 */
export async function reserveAttempt(db: LedgerDb, name: string, nowMs: number): Promise<Reservation> {
  const inserted = await db
    .insertInto("sign_in_throttle")
    .values({ name, failures: 0, last_ms: nowMs, next_ms: 0 })
    .onConflict((oc) => oc.column("name").doNothing())
    .executeTakeFirst();
  const cutoff = nowMs - THROTTLE.forgetHours * 3600_000;
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    // A new name: forget the quiet ones, so guessing many names cannot grow the table without end.
    await db.deleteFrom("sign_in_throttle").where("last_ms", "<", cutoff).execute();
  }
  const failures = `((case when last_ms < ${Number(cutoff)} then 0 else failures end) + 1)`;
  const reserved = await db
    .updateTable("sign_in_throttle")
    .set({
      failures: sql.raw(failures),
      last_ms: nowMs,
      next_ms: sql`cast(${nowMs} as double precision) + ${sql.raw(delaySql(failures))}`,
    })
    .where("name", "=", name)
    .where("next_ms", "<=", nowMs)
    .returning("failures")
    .executeTakeFirst();
  if (reserved) return { ok: true };
  const row = await db.selectFrom("sign_in_throttle").select("next_ms").where("name", "=", name).executeTakeFirst();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((row?.next_ms ?? nowMs) - nowMs) / 1000)) };
}

/** The right password: the name starts afresh. */
export async function clearFailures(db: LedgerDb, name: string): Promise<void> {
  await db.updateTable("sign_in_throttle").set({ failures: 0, next_ms: 0 }).where("name", "=", name).execute();
}

/** Remembers the browser an account signed in from; returns the cookie's token (only its hash is kept). */
export async function rememberDevice(db: LedgerDb, userName: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sign_in_devices")
    .values({ token_hash: sha256(token), user_name: userName, created_at: now.toISOString() })
    .execute();
  return token;
}

/** Whether the device cookie is one the account `name` signed in from. */
export async function isKnownDevice(db: LedgerDb, name: string, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db
    .selectFrom("sign_in_devices")
    .select("user_name")
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  return row?.user_name === name;
}
