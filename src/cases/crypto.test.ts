import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CaseKeyError, DecryptError, decryptJson, encryptJson, generateKey, loadCaseKey } from "./crypto.ts";

describe("case envelopes (AES-256-GCM)", () => {
  const key = generateKey();
  const value = { name: "王小明", n: 1 };

  it("round-trips JSON and never shows the plaintext", () => {
    const envelope = encryptJson(key, value, "cases:a");
    expect(envelope).not.toContain("王小明");
    expect(Buffer.from(envelope).includes(Buffer.from("王小明"))).toBe(false);
    expect(envelope.split(".")[1]).toBe(key.id);
    expect(decryptJson(key, envelope, "cases:a")).toEqual(value);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptJson(key, value, "x")).not.toBe(encryptJson(key, value, "x"));
  });

  it("refuses another key, an altered ciphertext, and another row's associated data", () => {
    const envelope = encryptJson(key, value, "cases:a");
    expect(() => decryptJson(generateKey(), envelope, "cases:a")).toThrow(/another key/);
    expect(() => decryptJson(key, envelope, "cases:b")).toThrow(DecryptError);
    const parts = envelope.split(".");
    const ct = Buffer.from(parts[4]!, "base64url");
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString("base64url");
    expect(() => decryptJson(key, parts.join("."), "cases:a")).toThrow(/does not authenticate/);
  });

  it("loads the key from LIUZHI_CASE_KEY or LIUZHI_CASE_KEY_FILE, never otherwise", () => {
    const b64 = Buffer.alloc(32, 7).toString("base64");
    expect(loadCaseKey({})).toBeNull();
    expect(loadCaseKey({ LIUZHI_CASE_KEY: b64 })?.bytes.length).toBe(32);
    expect(() => loadCaseKey({ LIUZHI_CASE_KEY: Buffer.alloc(16).toString("base64") })).toThrow(CaseKeyError);
    const dir = mkdtempSync(join(tmpdir(), "liuzhi-key-"));
    try {
      writeFileSync(join(dir, "k"), `${b64}\n`);
      writeFileSync(join(dir, "raw"), Buffer.alloc(32, 7));
      const a = loadCaseKey({ LIUZHI_CASE_KEY_FILE: join(dir, "k") });
      const b = loadCaseKey({ LIUZHI_CASE_KEY_FILE: join(dir, "raw") });
      expect(a?.id).toBe(b?.id);
      expect(() => loadCaseKey({ LIUZHI_CASE_KEY_FILE: join(dir, "missing") })).toThrow(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
