import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Transaction } from "kysely";
import { type ApprovalAssertion, appendAudit, type Clock, type PasskeyRecord, systemClock } from "../audit/index.ts";
import type { LedgerDatabase, LedgerDb } from "../store/index.ts";
import { AccountError, publicUser } from "./users.ts";

/** The WebAuthn library, loaded on first use: every CLI command imports this module, few use passkeys. */
const webauthn = () => import("@simplewebauthn/server");
type WebAuthn = Awaited<ReturnType<typeof webauthn>>;

/**
 * Passkeys (WebAuthn) through @simplewebauthn/server: registered from the account page, used to sign
 * in and to sign approvals. Each registration is written to the audit log with the public key, the
 * relying party and origin (a `passkey` entry), so `audit verify` can check an approval's signature
 * against the key as it was registered, not as the database holds it now.
 */

/** Where the browser talks to us: the relying party id (the host name) and the page origin. */
export interface RelyingParty {
  readonly id: string;
  readonly origin: string;
  readonly name: string;
}

/** The passkey answer a browser sent with an approval, and where it was made. */
export interface ApprovalPasskey {
  readonly response: unknown;
  readonly rp: RelyingParty;
}

type Db = LedgerDb | Transaction<LedgerDatabase>;

async function credentialsOf(db: Db, userName: string) {
  return db.selectFrom("passkeys").selectAll().where("user_name", "=", userName).execute();
}

export async function hasPasskey(db: Db, userName: string): Promise<boolean> {
  return (await credentialsOf(db, userName)).length > 0;
}

export async function listPasskeys(db: Db, userName: string) {
  return (await credentialsOf(db, userName)).map((p) => ({ id: p.credential_id, createdAt: p.created_at }));
}

export async function registrationOptions(db: LedgerDb, userName: string, rp: RelyingParty) {
  return (await webauthn()).generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName,
    attestationType: "none",
    excludeCredentials: (await credentialsOf(db, userName)).map((p) => ({ id: p.credential_id })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

/** Checks a registration against the challenge we issued; stores the key and records it in the log. */
export async function registerPasskey(
  db: LedgerDb,
  input: { userName: string; response: unknown; expectedChallenge: string; rp: RelyingParty },
  clock: Clock = systemClock,
): Promise<string> {
  let verified: Awaited<ReturnType<WebAuthn["verifyRegistrationResponse"]>>;
  try {
    verified = await (await webauthn()).verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new AccountError(`the passkey was not registered: ${(error as Error).message}`);
  }
  if (!verified.verified) throw new AccountError("the passkey was not registered: its answer does not verify");
  const { credential } = verified.registrationInfo;
  const publicKey = Buffer.from(credential.publicKey).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("passkeys")
      .values({
        credential_id: credential.id,
        user_name: input.userName,
        public_key: publicKey,
        counter: credential.counter,
        created_at: clock().toISOString(),
      })
      .execute();
    const record: PasskeyRecord = {
      user_name: input.userName,
      public_key: publicKey,
      rp_id: input.rp.id,
      origin: input.rp.origin,
    };
    await appendAudit(
      trx,
      [{ actor: input.userName, action: "passkey", entity: "passkeys", entityId: credential.id, after: record }],
      clock,
    );
  });
  return credential.id;
}

/** Options for a passkey sign-in (any of this site's passkeys) or an approval (the reviewer's, this challenge). */
export async function assertionOptions(db: Db, rp: RelyingParty, challenge: string, userName?: string) {
  return (await webauthn()).generateAuthenticationOptions({
    rpID: rp.id,
    challenge: Buffer.from(challenge, "base64url"),
    userVerification: "preferred",
    ...(userName
      ? { allowCredentials: (await credentialsOf(db, userName)).map((p) => ({ id: p.credential_id })) }
      : {}),
  });
}

/**
 * Checks a passkey answer for `challenge` against the stored key (of `userName`, when given) and
 * advances its signature counter; returns the account and the assertion as the log keeps it.
 */
async function checkAssertion(
  db: Db,
  response: unknown,
  challenge: string,
  userName: string | null,
  rp: RelyingParty,
): Promise<{ userName: string; assertion: ApprovalAssertion }> {
  const answer = response as AuthenticationResponseJSON;
  const id = typeof answer?.id === "string" ? answer.id : "";
  const stored = await db.selectFrom("passkeys").selectAll().where("credential_id", "=", id).executeTakeFirst();
  if (!stored || (userName !== null && stored.user_name !== userName)) {
    throw new AccountError("this passkey is not registered for this account");
  }
  let result: Awaited<ReturnType<WebAuthn["verifyAuthenticationResponse"]>>;
  try {
    result = await (await webauthn()).verifyAuthenticationResponse({
      response: answer,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id, publicKey: Buffer.from(stored.public_key, "base64url"), counter: stored.counter },
      requireUserVerification: false,
    });
  } catch (error) {
    throw new AccountError(`the passkey signature does not verify: ${(error as Error).message}`);
  }
  if (!result.verified) throw new AccountError("the passkey signature does not verify");
  await db
    .updateTable("passkeys")
    .set({ counter: result.authenticationInfo.newCounter })
    .where("credential_id", "=", id)
    .execute();
  return { userName: stored.user_name, assertion: { credential_id: id, response, origin: rp.origin, rp_id: rp.id } };
}

/** A passkey sign-in: the account whose passkey signed our one-time challenge, if active. */
export async function signInWithPasskey(db: LedgerDb, response: unknown, challenge: string, rp: RelyingParty) {
  const { userName } = await checkAssertion(db, response, challenge, null, rp);
  const user = await db.selectFrom("users").selectAll().where("name", "=", userName).executeTakeFirst();
  if (!user || user.disabled === 1) throw new AccountError("this account cannot sign in");
  return publicUser(user);
}

/** An approval's passkey signature over `challenge` (see approvalChallenge in src/audit), by `userName`'s key. */
export async function verifyPasskeyAssertion(
  db: Db,
  userName: string,
  challenge: string,
  passkey: ApprovalPasskey,
): Promise<ApprovalAssertion> {
  return (await checkAssertion(db, passkey.response, challenge, userName, passkey.rp)).assertion;
}
