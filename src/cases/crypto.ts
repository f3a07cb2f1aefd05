import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * AES-256-GCM envelopes for case records. The key comes from the environment — LIUZHI_CASE_KEY
 * (base64 of 32 bytes) or a file named by LIUZHI_CASE_KEY_FILE (base64 text, or the 32 raw bytes) —
 * never from the database. Each envelope holds its own random 12-byte IV, the 16-byte auth tag and
 * the key id (a hash of the key, so a wrong key is named as such rather than failing as tampering).
 * The associated data binds a ciphertext to its row: a ciphertext moved to another case fails.
 */

export const CASE_KEY_ENV = "LIUZHI_CASE_KEY";
export const CASE_KEY_FILE_ENV = "LIUZHI_CASE_KEY_FILE";
const VERSION = "v1";

export interface CaseKey {
  readonly id: string;
  readonly bytes: Buffer;
}

export class CaseKeyError extends Error {
  override name = "CaseKeyError";
}

/** Raised when an envelope does not open: wrong key, altered bytes, or moved to another row. */
export class DecryptError extends Error {
  override name = "DecryptError";
}

export const LOCKED_MESSAGE = `cases are locked: no case key. Set ${CASE_KEY_ENV} (base64 of 32 random bytes, e.g. \`openssl rand -base64 32\`) or ${CASE_KEY_FILE_ENV} (a file holding it), outside the database.`;

export function keyFromBytes(bytes: Buffer): CaseKey {
  if (bytes.length !== 32) throw new CaseKeyError(`the case key must be 32 bytes, got ${bytes.length}`);
  const id = createHash("sha256").update("liuzhi-case-key\0").update(bytes).digest("hex").slice(0, 16);
  return { id, bytes };
}

function decodeKeyText(text: string, where: string): CaseKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new CaseKeyError(`${where} is not base64`);
  const bytes = Buffer.from(trimmed, "base64");
  if (bytes.length !== 32) throw new CaseKeyError(`${where} must decode to 32 bytes, got ${bytes.length}`);
  return keyFromBytes(bytes);
}

/** The case key from the environment, or null when none is configured (cases are then locked). */
export function loadCaseKey(env: NodeJS.ProcessEnv = process.env): CaseKey | null {
  const inline = env[CASE_KEY_ENV];
  if (inline !== undefined && inline.trim() !== "") return decodeKeyText(inline, CASE_KEY_ENV);
  const file = env[CASE_KEY_FILE_ENV];
  if (file !== undefined && file.trim() !== "") {
    let raw: Buffer;
    try {
      raw = readFileSync(file);
    } catch (error) {
      throw new CaseKeyError(`${CASE_KEY_FILE_ENV}: cannot read ${file}: ${(error as Error).message}`);
    }
    if (raw.length === 32) return keyFromBytes(raw);
    return decodeKeyText(raw.toString("utf8"), `${CASE_KEY_FILE_ENV} (${file})`);
  }
  return null;
}

/** A fresh random key (for tests and `openssl`-less set-ups). */
export function generateKey(): CaseKey {
  return keyFromBytes(randomBytes(32));
}

/** Encrypts a JSON value: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function encryptJson(key: CaseKey, value: unknown, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(
    ".",
  );
}

/** Opens an envelope made by `encryptJson` with the same key and associated data. */
export function decryptJson(key: CaseKey, envelope: string, aad: string): unknown {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptError("not a case envelope (unknown format)");
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  if (keyId !== key.id) throw new DecryptError(`encrypted with another key (key id ${keyId}, loaded ${key.id})`);
  try {
    // The full 16-byte tag only: Node would otherwise accept tags as short as 4 bytes, far easier to forge.
    const tagBytes = Buffer.from(tag, "base64url");
    if (tagBytes.length !== 16) throw new DecryptError("the envelope's authentication tag is not 16 bytes");
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tagBytes);
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    throw new DecryptError("the envelope does not authenticate: altered, or moved from another record");
  }
}
