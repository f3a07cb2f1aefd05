import { describe, expect, it } from "vitest";
import { type AuditEntry, canonicalJson } from "./chain.ts";
import { caseAuditSnapshot, checkAccountsAgainstLog, checkCasesAgainstLog } from "./register-check.ts";

let seq = 0;
function entry(action: string, entity: string, id: string, after: unknown = null): AuditEntry {
  seq += 1;
  return {
    seq,
    at: "2026-01-01T00:00:00.000Z",
    actor: "test",
    action,
    entity,
    entity_id: id,
    before_json: null,
    after_json: after === null ? null : canonicalJson(after),
    reason: null,
    prev_hash: "",
    hash: "",
  };
}

const CASE = { id: "case-1", jurisdiction: "CN-YN", year: 2024, status: "open", key_id: "k1", payload: "ciphertext" };

describe("checkAccountsAgainstLog", () => {
  it("follows creation and disabling, and names a role or a state changed outside the log", () => {
    const log = [
      entry("account-create", "users", "ed", { name: "ed", role: "editor", setup: "password" }),
      entry("account-create", "users", "bot:x", { name: "bot:x", role: "editor", disabled: true }),
      entry("account-disable", "users", "ed", { disabled: true }),
      entry("account-password", "users", "ed"),
    ];
    const users = [
      { name: "bot:x", role: "editor", disabled: 1, password_hash: null, setup_token_hash: null },
      { name: "ed", role: "editor", disabled: 1, password_hash: "scrypt$1", setup_token_hash: null },
    ];
    expect(checkAccountsAgainstLog(users, log)).toEqual([]);
    const tampered = [
      { name: "bot:x", role: "admin", disabled: 1, password_hash: null, setup_token_hash: null },
      { name: "ed", role: "editor", disabled: 0, password_hash: null, setup_token_hash: null },
      { name: "mallory", role: "admin", disabled: 0, password_hash: null, setup_token_hash: null },
    ];
    expect(checkAccountsAgainstLog(tampered, log).map((m) => [m.id, m.problem.split(":")[0]])).toEqual([
      ["bot:x", 'differs from its last recorded version (entry 2) in role ("admin", recorded "editor")'],
      ["ed", "differs from its last recorded version (entry 3) in disabled (false, recorded true)"],
      ["mallory", "is in the accounts but was never recorded in the audit log"],
    ]);
  });
});

describe("checkCasesAgainstLog", () => {
  it("compares the ciphertext's hash, and forgets a case deleted through the log", () => {
    const log = [entry("import", "cases", "case-1", caseAuditSnapshot(CASE)), entry("read", "cases", "case-1")];
    expect(checkCasesAgainstLog([CASE], log)).toEqual([]);
    expect(checkCasesAgainstLog([{ ...CASE, payload: "other" }], log)[0]?.problem).toMatch(/in payload_sha256/);
    expect(checkCasesAgainstLog([], log)[0]?.problem).toMatch(/missing from the case register/);
    expect(checkCasesAgainstLog([], [...log, entry("delete", "cases", "case-1")])).toEqual([]);
  });

  it("still verifies a log written before the ciphertext hash was recorded, on what it holds", () => {
    const old = [entry("import", "cases", "case-1", { jurisdiction: "CN-YN", year: 2024, status: "open" })];
    expect(checkCasesAgainstLog([CASE], old)).toEqual([]);
    expect(checkCasesAgainstLog([{ ...CASE, status: "closed" }], old)[0]?.problem).toMatch(/in status/);
  });
});
