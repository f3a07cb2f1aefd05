import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AuditEntry } from "./chain.ts";

/**
 * The server's audit key: Ed25519 (node:crypto), held in a file or an environment variable and never
 * in the database. Each entry's hash is signed as it is appended, so someone who can write the
 * database but not read the key cannot add an entry (a forged approval, a role grant) or re-chain a
 * rewritten log without `audit verify --public-key` naming it. A signature covers its entry's hash,
 * which covers every entry before it; so the last signed entry vouches for the whole log up to it.
 */
export class AuditKeyError extends Error {
  override name = "AuditKeyError";
}

/** What is signed: the entry's hash, with a label so the key's signatures mean nothing elsewhere. */
const message = (hash: string) => Buffer.from(`liuzhi-audit-entry:${hash}`, "utf8");

export interface AuditSigner {
  readonly publicKeyPem: string;
  sign(hash: string): string;
  /** Whether `signature` is this key's over the entry hash `hash`. */
  verify(hash: string, signature: string): boolean;
}

export function signerFromPem(pem: string, where: string): AuditSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new AuditKeyError(`${where} holds no private key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AuditKeyError(`${where} holds a ${key.asymmetricKeyType} key: the audit key must be Ed25519`);
  }
  const publicKey = createPublicKey(key);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    publicKeyPem,
    sign: (hash) => sign(null, message(hash), key).toString("base64"),
    verify: (hash, signature) => verify(null, message(hash), publicKey, Buffer.from(signature, "base64")),
  };
}

/**
 * The key named by $LIUZHI_AUDIT_KEY_FILE (a PEM file, as `liuzhi audit keygen` writes it) or
 * $LIUZHI_AUDIT_KEY (the PEM text itself); null when neither is set (entries are then unsigned).
 */
export function auditSignerFromEnv(env: NodeJS.ProcessEnv): AuditSigner | null {
  const file = env.LIUZHI_AUDIT_KEY_FILE;
  if (file) {
    let pem: string;
    try {
      pem = readFileSync(file, "utf8");
    } catch (error) {
      throw new AuditKeyError(`cannot read LIUZHI_AUDIT_KEY_FILE ${file}: ${(error as Error).message}`);
    }
    return signerFromPem(pem, `LIUZHI_AUDIT_KEY_FILE ${file}`);
  }
  const text = env.LIUZHI_AUDIT_KEY;
  return text ? signerFromPem(text, "LIUZHI_AUDIT_KEY") : null;
}

let current: AuditSigner | null = null;

/** Sets the key appendAudit signs with, for this process (the CLI does it once, from the environment). */
export function useAuditSigner(signer: AuditSigner | null): void {
  current = signer;
}

export const currentAuditSigner = () => current;

/** A new key pair, PEM: PKCS#8 private, SPKI public. */
export function generateAuditKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function parsePublicKey(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new AuditKeyError(`${where} holds no public key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new AuditKeyError(`${where} is not an Ed25519 public key`);
  return key;
}

export interface SignatureProblem {
  readonly seq: number;
  readonly problem: string;
}

/**
 * Checks the signatures of a log whose chain holds. From the first signed entry on, every entry must
 * carry a valid signature by `publicKey`: an unsigned entry there was written by someone without the
 * key (appended behind the server's back, even if the server later signed on top of it). Entries
 * before the first signed one (a log begun before the key) are vouched for by the first signature,
 * which covers their hashes; a log with entries and no signature at all is a problem.
 */
export function checkSignatures(entries: ReadonlyArray<AuditEntry>, publicKey: KeyObject): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  const first = entries.findIndex((e) => e.signature);
  if (entries.length > 0 && first === -1) {
    return [{ seq: entries.at(-1)!.seq, problem: "no entry of the log is signed by the server's key" }];
  }
  for (const entry of entries.slice(Math.max(first, 0))) {
    if (!entry.signature) {
      problems.push({
        seq: entry.seq,
        problem: `entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entity_id ?? ""}) is not signed: it was written by someone without the server's key`,
      });
    } else if (!verify(null, message(entry.hash), publicKey, Buffer.from(entry.signature, "base64"))) {
      problems.push({
        seq: entry.seq,
        problem: `entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entity_id ?? ""}) has a signature that is not the server key's over its hash`,
      });
    }
  }
  return problems;
}
