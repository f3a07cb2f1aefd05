import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { appendAudit, type Clock, systemClock } from "../audit/index.ts";
import type { LedgerDb, UserRow } from "../store/index.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./password.ts";

export const ROLES = ["viewer", "editor", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, in rising order: a reviewer can also edit, an admin can do everything. */
export function roleAtLeast(role: string, needed: Role): boolean {
  return ROLES.indexOf(role as Role) >= ROLES.indexOf(needed);
}

/** Failed sign-ins before an account is locked, and for how long. */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;

const NAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export class AccountError extends Error {
  override name = "AccountError";
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The public face of an account: never its password hash or tokens. */
export function publicUser(row: UserRow) {
  return { name: row.name, role: row.role as Role, disabled: row.disabled === 1, createdAt: row.created_at };
}

/**
 * Creates an account. With a password it is ready; without one, a one-time setup token is returned
 * (its hash stored, valid 24 hours) for a link that lets the person choose their own password.
 */
export async function createUser(
  db: LedgerDb,
  input: { name: string; role: string; password?: string; actor: string },
  clock: Clock = systemClock,
): Promise<{ setupToken: string | null }> {
  if (!NAME.test(input.name)) {
    throw new AccountError(`invalid name '${input.name}': use 2–32 lower-case letters, digits, '.', '_' or '-'`);
  }
  if (!(ROLES as ReadonlyArray<string>).includes(input.role)) {
    throw new AccountError(`invalid role '${input.role}': expected one of ${ROLES.join(", ")}`);
  }
  const problem = input.password === undefined ? null : passwordProblem(input.password);
  if (problem) throw new AccountError(`password ${problem}`);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const setupToken = passwordHash === null ? randomBytes(24).toString("base64url") : null;
  const now = clock();
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").select("name").where("name", "=", input.name).executeTakeFirst();
    if (existing) throw new AccountError(`an account named '${input.name}' already exists`);
    await trx
      .insertInto("users")
      .values({
        name: input.name,
        role: input.role,
        password_hash: passwordHash,
        setup_token_hash: setupToken ? sha256(setupToken) : null,
        setup_expires_at: setupToken ? new Date(now.getTime() + 24 * 3600_000).toISOString() : null,
        disabled: 0,
        failed_logins: 0,
        locked_until: null,
        created_at: now.toISOString(),
      })
      .execute();
    await appendAudit(
      trx,
      [
        {
          actor: input.actor,
          action: "account-create",
          entity: "users",
          entityId: input.name,
          after: { name: input.name, role: input.role, setup: setupToken ? "one-time link" : "password" },
        },
      ],
      clock,
    );
  });
  return { setupToken };
}

export async function setUserDisabled(
  db: LedgerDb,
  input: { name: string; disabled: boolean; actor: string; reason?: string },
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").selectAll().where("name", "=", input.name).executeTakeFirst();
    if (!user) throw new AccountError(`no account named '${input.name}'`);
    await trx
      .updateTable("users")
      .set({ disabled: input.disabled ? 1 : 0 })
      .where("name", "=", input.name)
      .execute();
    if (input.disabled) await trx.deleteFrom("sessions").where("user_name", "=", input.name).execute();
    await appendAudit(
      trx,
      [
        {
          actor: input.actor,
          action: "account-disable",
          entity: "users",
          entityId: input.name,
          before: { disabled: user.disabled === 1 },
          after: { disabled: input.disabled },
          reason: input.reason ?? null,
        },
      ],
      clock,
    );
  });
}

/** Sets a password through a one-time setup token; the token then stops working. */
export async function completeSetup(db: LedgerDb, token: string, password: string, clock: Clock = systemClock) {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(`password ${problem}`);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .selectAll()
      .where("setup_token_hash", "=", sha256(token))
      .executeTakeFirst();
    if (!user || user.disabled === 1 || (user.setup_expires_at ?? "") < clock().toISOString()) {
      throw new AccountError("this setup link is not valid (used, expired or unknown)");
    }
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, setup_token_hash: null, setup_expires_at: null })
      .where("name", "=", user.name)
      .execute();
    await appendAudit(
      trx,
      [{ actor: user.name, action: "account-password", entity: "users", entityId: user.name }],
      clock,
    );
    return publicUser(user);
  });
}

export type SignInResult =
  | { readonly ok: true; readonly user: ReturnType<typeof publicUser> }
  | { readonly ok: false; readonly reason: "invalid" | "locked" };

/**
 * Failed sign-ins for names that have no account, kept in memory so that an unknown name locks
 * exactly as a real one does: answers never tell which names exist. Bounded: the oldest go first.
 */
const phantomFailures = new Map<string, { count: number; lockedUntil: number }>();
const PHANTOM_LIMIT = 10_000;

function phantomAttempt(name: string, now: number): "invalid" | "locked" {
  const entry = phantomFailures.get(name) ?? { count: 0, lockedUntil: 0 };
  phantomFailures.delete(name);
  if (entry.lockedUntil > now) {
    phantomFailures.set(name, entry);
    return "locked";
  }
  entry.count += 1;
  if (entry.count >= LOCKOUT.attempts) {
    entry.count = 0;
    entry.lockedUntil = now + LOCKOUT.minutes * 60_000;
  }
  phantomFailures.set(name, entry);
  if (phantomFailures.size > PHANTOM_LIMIT) phantomFailures.delete(phantomFailures.keys().next().value as string);
  return entry.lockedUntil > now ? "locked" : "invalid";
}

/**
 * Checks a name and password. The attempt is counted before the password is checked, in one
 * atomic UPDATE, so parallel guesses cannot slip past the lock-out: after LOCKOUT.attempts failures
 * the account is locked for LOCKOUT.minutes (in the database, so a restart does not reset it) and
 * further guesses are refused without being checked. Unknown names, wrong passwords and disabled
 * accounts answer alike, and every failure costs the same scrypt work: no oracle for names.
 */
export async function signIn(
  db: LedgerDb,
  name: string,
  password: string,
  clock: Clock = systemClock,
): Promise<SignInResult> {
  const now = clock();
  const nowIso = now.toISOString();
  const lockUntil = new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString();
  const reserved = await db
    .updateTable("users")
    .set({ failed_logins: sql`failed_logins + 1` })
    .where("name", "=", name)
    .returning(["failed_logins", "locked_until", "password_hash", "disabled"])
    .executeTakeFirst();
  if (!reserved || reserved.password_hash === null) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: phantomAttempt(name, now.getTime()) };
  }
  if (reserved.locked_until && reserved.locked_until > nowIso) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: "locked" };
  }
  if (reserved.failed_logins > LOCKOUT.attempts) {
    // Guesses beyond the limit that raced past the lock: refused unchecked, and the lock set.
    await db.updateTable("users").set({ failed_logins: 0, locked_until: lockUntil }).where("name", "=", name).execute();
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: "locked" };
  }
  const good = await verifyPassword(password, reserved.password_hash);
  if (good && reserved.disabled === 0) {
    await db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("name", "=", name).execute();
    const user = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
    return { ok: true, user: publicUser(user) };
  }
  if (reserved.failed_logins >= LOCKOUT.attempts) {
    await db.updateTable("users").set({ failed_logins: 0, locked_until: lockUntil }).where("name", "=", name).execute();
    return { ok: false, reason: "locked" };
  }
  return { ok: false, reason: "invalid" };
}

/**
 * A real hash, made once by hashPassword with the same parameters as every account's, of a random
 * password nobody kept: checking a guess against it costs exactly the scrypt work of a real check, so
 * an unknown name, a locked account and a wrong password take the same time (no oracle for names).
 */
export const DUMMY_HASH = "scrypt$32768$8$1$SBE5IP2Oc6HlKkksyALKQQ==$1a5MzJqOqrmnEDEkkGaNaE1YKHo0QCjW1lKx/WU+B+8=";

export async function listUsers(db: LedgerDb) {
  return (await db.selectFrom("users").selectAll().orderBy("name").execute()).map(publicUser);
}
