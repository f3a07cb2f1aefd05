import { createHash } from "node:crypto";
import type { AuditEntry } from "./chain.ts";
import { compare, type RegisterMismatch, replay } from "./register-check.ts";

/**
 * The review's proof in the log. Each proposal, approval and rejection writes an entry about the
 * change itself (entity `changes`, entity_id its id) beside the entries about the rows:
 * - propose: `{author, table, action, target_id, payload_sha256, base_hash, status: "draft", reviewer: null}`
 * - approve: `{status: "approved", reviewer, payload_sha256, passkey}` where `passkey` is the
 *   reviewer's WebAuthn assertion over `approvalChallenge(id, payload_sha256)` (null for an account
 *   without a passkey: then the approval is vouched for by the server's key only)
 * - reject: `{status: "rejected", reviewer}`
 * From these, `audit verify` checks the two-person rule, that what was approved is what was
 * proposed, each passkey signature, and that the `changes` rows still say what the log says.
 */

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
export const payloadSha256 = (payloadJson: string) => sha(payloadJson);

/** The WebAuthn challenge of an approval: binds the reviewer's signature to this change as proposed. */
export function approvalChallenge(changeId: string, payloadSha: string): string {
  return createHash("sha256").update(`liuzhi-approve:${changeId}:${payloadSha}`).digest("base64url");
}

/** A reviewer's passkey signature as the log keeps it: the browser's answer, and where it was made. */
export interface ApprovalAssertion {
  readonly credential_id: string;
  /** The AuthenticationResponseJSON the browser returned. */
  readonly response: unknown;
  readonly origin: string;
  readonly rp_id: string;
}

/** What a `passkey` entry records (entity_id: the credential id). */
export interface PasskeyRecord {
  readonly user_name: string;
  readonly public_key: string;
  readonly rp_id: string;
  readonly origin: string;
}

/** What the check reads of a change row. */
export interface ChangeState {
  readonly id: string;
  readonly author: string;
  readonly status: string;
  readonly reviewer: string | null;
  readonly payload_json: string;
  readonly created_at: string;
}

export function changeAuditSnapshot(
  row: ChangeState & { table_name: string; action: string; target_id: string; base_hash: string | null },
) {
  return {
    author: row.author,
    table: row.table_name,
    action: row.action,
    target_id: row.target_id,
    payload_sha256: payloadSha256(row.payload_json),
    base_hash: row.base_hash,
    status: row.status,
    reviewer: row.reviewer,
  };
}

const parse = (entry: AuditEntry) => JSON.parse(entry.after_json ?? "{}") as Record<string, unknown>;

/**
 * The `changes` rows against the log (author, status, reviewer, payload hash as last recorded), and
 * the review rules over the signed entries: an approval or rejection names a change proposed earlier
 * in the log, by someone else than its author, and an approval's payload is the one proposed. Rows
 * filed before the log recorded changes (older than its first `changes` entry) are not compared.
 */
export function checkChangesAgainstLog(
  changes: ReadonlyArray<ChangeState>,
  entries: ReadonlyArray<AuditEntry>,
): RegisterMismatch[] {
  const records = entries.filter((e) => e.entity === "changes" && e.entity_id !== null);
  const since = records[0]?.at ?? "9999";
  const legacy = new Set(changes.filter((c) => c.created_at < since).map((c) => c.id));
  const problems = compare(
    "changes",
    changes,
    (c) => c.id,
    replay(entries, "changes"),
    (c) => ({
      author: c.author,
      status: c.status,
      reviewer: c.reviewer,
      payload_sha256: payloadSha256(c.payload_json),
    }),
    "changes",
  ).filter((m) => !(m.seq === null && legacy.has(m.id)));
  const proposed = new Map<string, { seq: number; author: string; payload: string }>();
  for (const entry of records) {
    const id = entry.entity_id!;
    const after = parse(entry);
    const fail = (problem: string) => problems.push({ table: "changes", id, seq: entry.seq, problem });
    if (entry.action === "propose") {
      proposed.set(id, { seq: entry.seq, author: String(after.author), payload: String(after.payload_sha256) });
      continue;
    }
    if (entry.action !== "approve" && entry.action !== "reject") continue;
    const proposal = proposed.get(id);
    if (!proposal) {
      fail(`entry ${entry.seq} ${entry.action}s a change the log never recorded as proposed`);
      continue;
    }
    if (after.reviewer !== entry.actor) {
      fail(`entry ${entry.seq} names reviewer ${JSON.stringify(after.reviewer)} but was written by '${entry.actor}'`);
    }
    if (entry.actor === proposal.author) {
      fail(
        `entry ${entry.seq}: '${entry.actor}' ${entry.action === "approve" ? "approved" : "rejected"} their own change (proposed in entry ${proposal.seq}): the two-person rule is broken`,
      );
    }
    if (entry.action === "approve" && after.payload_sha256 !== proposal.payload) {
      fail(
        `entry ${entry.seq} approved a payload (SHA-256 ${String(after.payload_sha256).slice(0, 12)}…) other than the one proposed in entry ${proposal.seq} (${proposal.payload.slice(0, 12)}…)`,
      );
    }
  }
  return problems;
}

export interface ApprovalSignatures {
  readonly problems: RegisterMismatch[];
  /** Approvals by accounts that had no passkey then: vouched for by the server's key only. */
  readonly withoutPasskey: ReadonlyArray<{ readonly seq: number; readonly change: string; readonly reviewer: string }>;
  readonly withPasskey: number;
}

/**
 * Checks each approval's passkey signature against the reviewer's public key as the log recorded it
 * (a `passkey` entry before the approval): the challenge must be this change's id and proposed
 * payload hash, the origin and relying party those of the registration. An approval by an account
 * that had a passkey then, without a valid signature by it, is a problem: no one holding only the
 * server (or its key) can make one.
 */
export async function checkApprovalSignatures(entries: ReadonlyArray<AuditEntry>): Promise<ApprovalSignatures> {
  const problems: RegisterMismatch[] = [];
  const withoutPasskey: Array<{ seq: number; change: string; reviewer: string }> = [];
  let withPasskey = 0;
  const keys = new Map<string, PasskeyRecord>();
  for (const entry of entries) {
    if (entry.entity === "passkeys" && entry.action === "passkey" && entry.entity_id !== null) {
      keys.set(entry.entity_id, parse(entry) as unknown as PasskeyRecord);
      continue;
    }
    if (entry.entity !== "changes" || entry.action !== "approve" || entry.entity_id === null) continue;
    const id = entry.entity_id;
    const after = parse(entry);
    const fail = (problem: string) => problems.push({ table: "changes", id, seq: entry.seq, problem });
    const own = [...keys.values()].filter((k) => k.user_name === entry.actor);
    const assertion = after.passkey as ApprovalAssertion | null | undefined;
    if (!assertion) {
      if (own.length > 0)
        fail(`entry ${entry.seq}: '${entry.actor}' has a passkey, but this approval is not signed by it`);
      else withoutPasskey.push({ seq: entry.seq, change: id, reviewer: entry.actor });
      continue;
    }
    const key = keys.get(assertion.credential_id);
    if (!key || key.user_name !== entry.actor) {
      fail(`entry ${entry.seq}: the approval is signed by a passkey the log never recorded for '${entry.actor}'`);
      continue;
    }
    const expectedChallenge = approvalChallenge(id, String(after.payload_sha256));
    let verified = false;
    let reason = "";
    try {
      // Loaded here, on first use: the CLI imports this module for every command.
      const { verifyAuthenticationResponse } = await import("@simplewebauthn/server");
      const result = await verifyAuthenticationResponse({
        response: assertion.response as never,
        expectedChallenge,
        expectedOrigin: key.origin,
        expectedRPID: key.rp_id,
        credential: { id: assertion.credential_id, publicKey: Buffer.from(key.public_key, "base64url"), counter: 0 },
        requireUserVerification: false,
      });
      verified = result.verified;
    } catch (error) {
      reason = `: ${(error as Error).message}`;
    }
    if (verified) withPasskey += 1;
    else fail(`entry ${entry.seq}: the passkey signature does not verify for this change as proposed${reason}`);
  }
  return { problems, withoutPasskey, withPasskey };
}
