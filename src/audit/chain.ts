import { createHash } from "node:crypto";

/** The actions the audit log records; anything else is refused. */
export const AUDIT_ACTIONS = [
  "import",
  "propose",
  "approve",
  "reject",
  "account-create",
  "account-disable",
  "account-password",
  "restore",
  "read",
  "delete",
  "update",
  "rekey",
  "timestamp",
  "session",
  "passkey",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The hash before the first entry. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string | null;
  readonly before_json: string | null;
  readonly after_json: string | null;
  readonly reason: string | null;
  readonly prev_hash: string;
}

export interface AuditEntry extends AuditFields {
  readonly hash: string;
  /** The server key's Ed25519 signature of `hash` (see signing.ts); not part of the hash. */
  readonly signature?: string | null;
}

/**
 * JSON with object keys sorted at every depth and no whitespace: one text per value, so the same
 * record always hashes the same, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`cannot serialize ${value}`);
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 (hex) over the canonical serialization of every field but the hash itself. */
export function entryHash(fields: AuditFields): string {
  const { seq, at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash } = fields;
  const canonical = canonicalJson({
    seq,
    at,
    actor,
    action,
    entity,
    entity_id,
    before_json,
    after_json,
    reason,
    prev_hash,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly entries: number; readonly seq: number; readonly problem: string };

/**
 * Checks a log read in storage order: numbered 1, 2, 3 … without gaps, each entry's prev_hash the
 * hash of the one before, each hash recomputed from its fields; and the stored head, where given,
 * equal to the last entry. Names the first entry where the chain breaks.
 */
export function verifyChain(entries: ReadonlyArray<AuditEntry>, head?: { seq: number; hash: string }): ChainVerdict {
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const fail = (problem: string): ChainVerdict => ({ ok: false, entries: entries.length, seq: entry.seq, problem });
    if (entry.seq !== i + 1) {
      return fail(`entry ${entry.seq} stands at position ${i + 1}: an entry is missing or out of order`);
    }
    if (entry.prev_hash !== prev) return fail(`entry ${entry.seq} does not point to the hash of entry ${i}`);
    if (entryHash(entry) !== entry.hash)
      return fail(`entry ${entry.seq} was altered: its hash no longer matches its content`);
    prev = entry.hash;
  }
  if (head && (head.seq !== entries.length || head.hash !== prev)) {
    return {
      ok: false,
      entries: entries.length,
      seq: head.seq,
      problem: `the recorded head (entry ${head.seq}) does not match the last entry (${entries.length}): entries were removed or added outside the log`,
    };
  }
  return { ok: true, entries: entries.length, head: prev };
}

/** A published head as people paste it: the bare hex hash, or with a `sha256:` prefix. */
export function parsePublishedHead(text: string): string | null {
  const hash = text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, "");
  return /^[0-9a-f]{64}$/.test(hash) ? hash : null;
}

/**
 * Whether a verified log extends a head published earlier: some entry must carry exactly that
 * hash. If the last entries were deleted (and the head row rewritten to match) or any entry up to
 * the published one was rewritten, the hash is no longer in the log, and this says so.
 */
export function checkExtends(
  entries: ReadonlyArray<AuditEntry>,
  published: string,
): { readonly ok: true; readonly seq: number } | { readonly ok: false; readonly problem: string } {
  const found = entries.find((e) => e.hash === published);
  if (found) return { ok: true, seq: found.seq };
  return {
    ok: false,
    problem: `the published head ${published} is not in this log (${entries.length} entries, head ${entries.at(-1)?.hash ?? GENESIS_HASH}): entries were removed or rewritten since it was published`,
  };
}
