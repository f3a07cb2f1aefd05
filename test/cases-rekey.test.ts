/**
 * `liuzhi case rekey` as a process: every case and export record re-encrypted under a new key in one
 * transaction, audited; a case the current key cannot open makes it refuse and change nothing; the
 * old key opens nothing afterwards, even with the key id forged.
 */
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCase, DecryptError, decryptJson, generateKey, keyFromBytes, loadCaseKey } from "../src/cases/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";
import { liuzhiWithInput } from "./support/editing-server.ts";

const OLD = Buffer.alloc(32, 11);
const PASSWORD = "a-long-enough-password-1";
let dir: string;
let db: string;
const env = (key: string = OLD.toString("base64")) =>
  cliEnv({ LIUZHI_CASE_KEY: key, LIUZHI_PASSWORD: PASSWORD, LIUZHI_ACTOR: "test" });
const run = (args: string[], key?: string) =>
  liuzhi([...args, "--db", db, "--as", "amina"], { cwd: dir, env: env(key) });
const rows = () => {
  const sqlite = new SQLite(db, { readonly: true });
  try {
    return {
      cases: sqlite.prepare("select id, key_id, payload from cases order by id").all() as Array<{
        id: string;
        key_id: string;
        payload: string;
      }>,
      exports: sqlite.prepare("select id, case_id, payload from case_exports order by id").all() as Array<{
        id: string;
        case_id: string;
        payload: string;
      }>,
      audit: sqlite.prepare("select action, entity, actor, after_json from audit_log order by seq").all() as Array<{
        action: string;
        entity: string;
        actor: string;
        after_json: string | null;
      }>,
    };
  } finally {
    sqlite.close();
  }
};

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "rekey.sqlite");
  const made = await liuzhiWithInput(
    ["user", "add", "amina", "--role", "reviewer", "--password-stdin", "--db", db],
    PASSWORD,
    {
      cwd: dir,
      env: env(),
    },
  );
  expect(made.status, made.stderr).toBe(0);
  writeFileSync(join(dir, "a.json"), JSON.stringify(sampleCase()));
  writeFileSync(
    join(dir, "b.json"),
    JSON.stringify(sampleCase({ person: { ...sampleCase().person, name_pinyin: "Zhang San", name_zh: "张三" } })),
  );
  for (const f of ["a.json", "b.json"]) expect((await run(["case", "add", "--from", join(dir, f)])).status).toBe(0);
  const listed = JSON.parse((await run(["case", "list", "--format", "json"])).stdout) as Array<{ id: string }>;
  const exported = await run(["case", "export", listed[0]!.id, "--format", "wgeid-docx", "--out", join(dir, "w.docx")]);
  expect(exported.status, exported.stderr).toBe(0);
}, E2E_TIMEOUT);
afterAll(() => removeDir(dir));

describe("case rekey", { timeout: E2E_TIMEOUT }, () => {
  it("refuses, changing nothing, while one case does not open with the current key", async () => {
    // A case sealed under some other key (a botched earlier migration, say).
    const { db: handle } = await openLedger({ kind: "sqlite", file: db });
    const stray = await addCase({ db: handle, key: generateKey(), actor: "amina" }, sampleCase());
    await handle.destroy();
    const before = rows();
    const refused = await run(["case", "rekey", "--new-key-file", join(dir, "never.key")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("rekey refused, nothing was changed");
    expect(refused.stderr).toContain(`case ${stray}: encrypted with another key`);
    const after = rows();
    expect(after.cases).toEqual(before.cases);
    expect(after.exports).toEqual(before.exports);
    expect(after.audit.length).toBe(before.audit.length);
    // Remove the stray case so the rest can move.
    expect((await run(["case", "delete", stray])).status).toBe(0);
  });

  it("re-encrypts every case and export under a new key file it creates; the old key then opens nothing", async () => {
    const before = rows();
    const keyFile = join(dir, "keys", "new-case.key");
    const moved = await run(["case", "rekey", "--new-key-file", keyFile]);
    expect(moved.stderr).toBe("");
    expect(moved.status).toBe(0);
    expect(moved.stdout).toContain("Re-encrypted 2 case(s) and 1 export record(s)");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const newKey = loadCaseKey({ LIUZHI_CASE_KEY_FILE: keyFile })!;
    const after = rows();
    expect(after.cases.map((c) => c.id)).toEqual(before.cases.map((c) => c.id));
    expect(after.cases.every((c) => c.key_id === newKey.id)).toBe(true);
    for (const [i, c] of after.cases.entries()) expect(c.payload).not.toBe(before.cases[i]!.payload);

    // The old key: refused by the CLI, and it cannot open a single envelope even with the key id forged.
    const old = await run(["case", "list"]);
    expect(old.status).toBe(1);
    expect(old.stderr).toContain("encrypted with another key");
    const forged = { ...keyFromBytes(OLD), id: newKey.id };
    for (const c of after.cases) expect(() => decryptJson(forged, c.payload, `cases:${c.id}`)).toThrow(DecryptError);
    for (const e of after.exports) {
      expect(() => decryptJson(forged, e.payload, `case_exports:${e.id}:${e.case_id}`)).toThrow(DecryptError);
    }

    // The new key opens everything.
    const listed = await run(["case", "list", "--format", "json"], newKey.bytes.toString("base64"));
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ name: string }>).map((c) => c.name).sort()).toEqual([
      "张三 / Zhang San",
      "王小明 / Wang Xiaoming",
    ]);
    const entries = after.audit.filter((e) => e.action === "rekey");
    // One per case (what `audit verify` replays), then the summary.
    expect(entries.length).toBe(3);
    expect(entries.every((e) => e.actor === "amina")).toBe(true);
    expect(JSON.parse(entries[2]!.after_json!)).toEqual({ key_id: newKey.id, cases: 2, exports: 1 });
    expect(JSON.stringify(entries)).not.toContain("Zhang San");
    const verified = await liuzhi(["audit", "verify", "--db", db], { cwd: dir, env: env() });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  });
});
