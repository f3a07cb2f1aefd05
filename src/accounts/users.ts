import { createHash, randomBytes } from "node:crypto";
import { appendAudit, type Clock, credentialAuditSnapshot, systemClock } from "../audit/index.ts";
import type { LedgerDb, UserRow } from "../store/index.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./password.ts";
import { clearFailures, isKnownDevice, reserveAttempt } from "./throttle.ts";

export const ROLES = ["viewer", "editor", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, in rising order: a reviewer can also edit, an admin can do everything. */
export function roleAtLeast(role: string, needed: Role): boolean {
  return ROLES.indexOf(role as Role) >= ROLES.indexOf(needed);
}

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
          after: {
            name: input.name,
            role: input.role,
            setup: setupToken ? "one-time link" : "password",
            ...credentialAuditSnapshot({
              password_hash: passwordHash,
              setup_token_hash: setupToken ? sha256(setupToken) : null,
            }),
          },
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
      [
        {
          actor: user.name,
          action: "account-password",
          entity: "users",
          entityId: user.name,
          after: credentialAuditSnapshot({ password_hash: passwordHash, setup_token_hash: null }),
        },
      ],
      clock,
    );
    return publicUser(user);
  });
}

export type SignInResult =
  | { readonly ok: true; readonly user: ReturnType<typeof publicUser> }
  | { readonly ok: false; readonly reason: "invalid" }
  | { readonly ok: false; readonly reason: "throttled"; readonly retryAfterSeconds: number };

/**
 * Checks a name and password. The attempt is counted for the name before the password is checked
 * (see throttle.ts: after THROTTLE.free failures in a row each attempt waits longer, never a lock),
 * except from a browser the account signed in from before (`device`, its cookie's token). Unknown
 * names are counted exactly as real ones, in the database, and wrong passwords, unknown names and
 * disabled accounts answer alike, each costing one real scrypt check: no oracle for names.
 */
export async function signIn(
  db: LedgerDb,
  name: string,
  password: string,
  clock: Clock = systemClock,
  device?: string,
): Promise<SignInResult> {
  const trusted = await isKnownDevice(db, name, device);
  if (!trusted) {
    const reserved = await reserveAttempt(db, name, clock().getTime());
    if (!reserved.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const user = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  const good = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || user.password_hash === null || user.disabled === 1 || !good) return { ok: false, reason: "invalid" };
  // From a new browser the right password ends the delay; from a known one it leaves a stranger's count as it is.
  if (!trusted) await clearFailures(db, name);
  return { ok: true, user: publicUser(user) };
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
