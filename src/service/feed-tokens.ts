import { createHash, randomBytes } from "node:crypto";
import type { LedgerDb } from "../store/index.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A new secret for an account's reviewer feed (`/feeds/drafts.atom?key=…`), for feed readers that
 * cannot sign in. Only its SHA-256 is kept; earlier secrets of the account stop working.
 */
export async function createFeedToken(db: LedgerDb, userName: string, now = new Date()): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("feed_tokens").where("user_name", "=", userName).execute();
    await trx
      .insertInto("feed_tokens")
      .values({ token_hash: sha256(token), user_name: userName, created_at: now.toISOString() })
      .execute();
  });
  return token;
}

/** The active account a feed secret belongs to, or null (unknown secret, disabled account). */
export async function feedTokenUser(db: LedgerDb, token: string): Promise<{ name: string; role: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db
    .selectFrom("feed_tokens")
    .innerJoin("users", "users.name", "feed_tokens.user_name")
    .select(["users.name", "users.role", "users.disabled"])
    .where("feed_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  return row && Number(row.disabled) === 0 ? { name: row.name, role: row.role } : null;
}
