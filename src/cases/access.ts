import { roleAtLeast } from "../accounts/index.ts";
import type { LedgerDb } from "../store/index.ts";

/**
 * Who may act on cases: an enabled account whose role is reviewer or admin, or whose name is listed
 * in $LIUZHI_CASE_USERS (comma-separated), so an editor can be given case access without a new role.
 * Viewers, other editors and unnamed callers are refused.
 */
export const CASE_USERS_ENV = "LIUZHI_CASE_USERS";

export class CaseAccessError extends Error {
  override name = "CaseAccessError";
}

export function caseUsers(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  return new Set(
    (env[CASE_USERS_ENV] ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean),
  );
}

/** Returns the account's name when it may act on cases; throws CaseAccessError saying why not. */
export async function requireCaseAccount(db: LedgerDb, name: string | undefined, env: NodeJS.ProcessEnv) {
  if (name === undefined || name.trim() === "") {
    throw new CaseAccessError(
      `cases are confidential: name the acting account with --as NAME (a reviewer or admin, or an account listed in ${CASE_USERS_ENV})`,
    );
  }
  const user = await db
    .selectFrom("users")
    .select(["name", "role", "disabled"])
    .where("name", "=", name)
    .executeTakeFirst();
  if (!user || user.disabled === 1) throw new CaseAccessError(`no enabled account named '${name}'`);
  if (roleAtLeast(user.role, "reviewer") || caseUsers(env).has(user.name)) return user.name;
  throw new CaseAccessError(
    `account '${name}' (${user.role}) has no case role: cases need a reviewer or admin, or an account listed in ${CASE_USERS_ENV}`,
  );
}
