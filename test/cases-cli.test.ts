/**
 * `liuzhi case` run as a process: role checks on every action, the raw-file plaintext search of the
 * SQLite file and of a backup, the locked state without a key, export read back, import refusals,
 * and delete (files and ciphertext gone, an audit entry that names nothing).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { formatCsv } from "../src/core/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";

const KEY = Buffer.alloc(32, 42).toString("base64");
const PASSWORD = "a-long-enough-password-1";
let dir: string;
let db: string;
const env = (extra: NodeJS.ProcessEnv = {}) =>
  cliEnv({
    LIUZHI_CASE_KEY: KEY,
    LIUZHI_CASE_USERS: "lee",
    LIUZHI_ACTOR: "test",
    // Every account below has this password; case commands check it for the --as account.
    LIUZHI_PASSWORD: PASSWORD,
    ...extra,
  });
const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  liuzhi([...args, "--db", db], { cwd: dir, env: env(extra) });

async function addUser(name: string, role: string) {
  const r = await new Promise<number>((resolve, reject) => {
    import("node:child_process").then(({ execFile }) => {
      const child = execFile(
        process.execPath,
        [
          join(import.meta.dirname, "..", "bin", "liuzhi.js"),
          "user",
          "add",
          name,
          "--role",
          role,
          "--password-stdin",
          "--db",
          db,
        ],
        { cwd: dir, env: env() },
        (error) => (error && typeof error.code !== "number" ? reject(error) : resolve(error ? Number(error.code) : 0)),
      );
      child.stdin!.end(`${PASSWORD}\n`);
    }, reject);
  });
  expect(r).toBe(0);
}

let caseId: string;
beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "cases.sqlite");
  await addUser("amina", "reviewer");
  await addUser("vera", "viewer");
  await addUser("ed", "editor");
  await addUser("lee", "editor");
  writeFileSync(join(dir, "case.json"), JSON.stringify(sampleCase()));
  const added = await run(["case", "add", "--from", join(dir, "case.json"), "--as", "amina"]);
  expect(added.stderr).toBe("");
  caseId = /Added case (case-[0-9a-f]+)/.exec(added.stdout)![1]!;
}, E2E_TIMEOUT);
afterAll(() => removeDir(dir));

describe("case commands", { timeout: E2E_TIMEOUT }, () => {
  it("refuse a viewer, an editor not listed in LIUZHI_CASE_USERS, and no account, on every action", async () => {
    const actions = [
      ["case", "add", "--from", join(dir, "case.json")],
      ["case", "import", join(dir, "none.csv")],
      ["case", "list"],
      ["case", "show", "case-000000000000"],
      ["case", "deadlines"],
      ["case", "export", "case-000000000000", "--format", "wgeid-docx", "--out", join(dir, "x.docx")],
      ["case", "delete", "case-000000000000"],
      ["case", "coverage"],
    ];
    const attempts = actions.flatMap((a) => [
      { args: [...a, "--as", "vera"], expected: /account 'vera' \(viewer\) has no case role/ },
      { args: [...a, "--as", "ed"], expected: /account 'ed' \(editor\) has no case role/ },
      { args: [...a, "--as", "nobody"], expected: /no enabled account named 'nobody'/ },
      { args: a, expected: /name the acting account with --as NAME/ },
    ]);
    // In process (the same `main` the binary runs): 32 child processes would take minutes.
    const results: Array<{ status: number; stdout: string; stderr: string }> = [];
    for (const t of attempts) {
      let stdout = "";
      let stderr = "";
      const status = await main([...t.args, "--db", db], {
        out: (text) => {
          stdout += text;
        },
        err: (text) => {
          stderr += text;
        },
        env: env(),
      });
      results.push({ status, stdout, stderr });
    }
    results.forEach((r, i) => {
      expect(r.status, attempts[i]!.args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(attempts[i]!.expected);
      expect(r.stdout).toBe("");
    });
    expect(existsSync(join(dir, "x.docx"))).toBe(false);
  });

  it("refuse an account named with --as whose password is not given or wrong", async () => {
    const wrong = await run(["case", "list", "--as", "amina"], { LIUZHI_PASSWORD: "not her password" });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/wrong account name or password for 'amina'/);
    const none = await liuzhi(["case", "list", "--as", "amina", "--db", db], {
      cwd: dir,
      env: cliEnv({ LIUZHI_CASE_KEY: KEY }),
    });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/needs that account's password/);
  });

  it("allow a reviewer, and an editor listed in LIUZHI_CASE_USERS; every read is audited", async () => {
    const [byLee, byAmina] = await Promise.all([
      run(["case", "list", "--as", "lee"]),
      run(["case", "show", caseId, "--as", "amina"]),
    ]);
    expect(byLee.status).toBe(0);
    expect(byLee.stdout).toContain("王小明");
    expect(byAmina.stdout).toContain("Wang Xiaoming");
    const sqlite = new SQLite(db, { readonly: true });
    const reads = sqlite
      .prepare("select actor from audit_log where entity = 'cases' and action = 'read' and entity_id = ?")
      .all(caseId) as Array<{ actor: string }>;
    sqlite.close();
    expect(reads.map((r) => r.actor).sort()).toEqual(expect.arrayContaining(["amina", "lee"]));
  });

  it("store no plaintext name in the SQLite file nor in a backup", async () => {
    const backup = join(dir, "backup.json");
    expect((await run(["backup", "--out", backup])).status).toBe(0);
    const needles = [
      Buffer.from("王小明", "utf8"),
      Buffer.from("Wang Xiaoming", "utf8"),
      Buffer.from("Yunnan Power Grid"),
    ];
    for (const file of [db, `${db}-wal`, backup].filter(existsSync)) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  });

  it("say cases are locked without a key, naming LIUZHI_CASE_KEY, while public data still works", async () => {
    const [locked, observations, coverage] = await Promise.all([
      run(["case", "list", "--as", "amina"], { LIUZHI_CASE_KEY: "" }),
      run(["observations", "--format", "json"], { LIUZHI_CASE_KEY: "" }),
      run(["case", "coverage", "--as", "amina", "--format", "json"], { LIUZHI_CASE_KEY: "" }),
    ]);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/cases are locked.*LIUZHI_CASE_KEY/);
    expect(observations.status).toBe(0);
    expect(coverage.status).toBe(0);
    expect(coverage.stdout).not.toContain("王小明");
    const result = JSON.parse(coverage.stdout) as { rows: Array<{ documented: number | null }> };
    expect(result.rows.every((r) => r.documented === null)).toBe(true); // one case: all withheld
  });

  it("list the deadlines by urgency", async () => {
    const r = await run(["case", "deadlines", "--as", "amina", "--as-of", "2024-05-01", "--format", "json"]);
    const out = JSON.parse(r.stdout) as { cases: Array<{ id: string; flags: string[]; days_held: number }> };
    expect(out.cases[0]).toMatchObject({ id: caseId, flags: ["term-passed-no-extension"], days_held: 92 });
  });

  it("refuse a WGEID export that lacks an element, naming it", async () => {
    const partial = sampleCase({ steps_taken: null, relatives_consent: null });
    writeFileSync(join(dir, "partial.json"), JSON.stringify(partial));
    const added = await run(["case", "add", "--from", join(dir, "partial.json"), "--as", "amina"]);
    const id = /(case-[0-9a-f]+)/.exec(added.stdout)![1]!;
    const out = join(dir, "partial.docx");
    const r = await run(["case", "export", id, "--format", "wgeid-docx", "--out", out, "--as", "amina"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("what relatives or others did to locate the person");
    expect(r.stderr).toContain("the relatives' consent");
    expect(existsSync(out)).toBe(false);
    expect((await run(["case", "delete", id, "--as", "amina"])).status).toBe(0);
  });

  it("import: refuse bad rows naming row and column and write nothing; add good ones", async () => {
    const columns = ["name_zh", "name_pinyin", "jurisdiction", "taken_on", "taken_source", "taken_confidence"];
    const rows = [
      {
        name_zh: "李四",
        name_pinyin: "Li Si",
        jurisdiction: "CN-BJ",
        taken_on: "2023-11-30",
        taken_source: "media",
        taken_confidence: "media-report",
      },
      {
        name_zh: "张三",
        name_pinyin: "Zhang San",
        jurisdiction: "CN-QQ",
        taken_on: "2023-02-29",
        taken_source: "x",
        taken_confidence: "testimony",
      },
    ];
    writeFileSync(join(dir, "bad.csv"), formatCsv(columns, rows));
    writeFileSync(join(dir, "good.csv"), formatCsv(columns, rows.slice(0, 1)));
    const bad = await run(["case", "import", join(dir, "bad.csv"), "--as", "amina"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.csv, row 2, column taken_on: must be a date/);
    expect(bad.stderr).toMatch(/nothing was written/);
    const before = JSON.parse((await run(["case", "list", "--as", "amina", "--format", "json"])).stdout) as unknown[];
    expect(before).toHaveLength(1);
    const good = await run(["case", "import", join(dir, "good.csv"), "--as", "amina"]);
    expect(good.stdout).toMatch(/Imported 1 case/);
  });

  it("export the WGEID docx, then delete the case: file and ciphertext gone, the audit entry names nothing", async () => {
    const out = join(dir, "exports", "wgeid.docx");
    const exported = await run(["case", "export", caseId, "--format", "wgeid-docx", "--out", out, "--as", "amina"]);
    expect(exported.status).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file("word/document.xml")!.async("string");
    for (const element of [
      "王小明",
      "company office, Kunming",
      "Yunnan Provincial Supervisory Commission",
      "Documentation Group Z",
    ])
      expect(xml).toContain(element);
    // In Chinese (--lang zh): the same document in Chinese words, the province by its name, no code.
    const outZh = join(dir, "exports", "wgeid-zh.docx");
    const zh = await run(["case", "export", caseId, "--lang", "zh", "--out", outZh, "--as", "amina"]);
    expect(zh.status, zh.stderr).toBe(0);
    const zhXml = await (await JSZip.loadAsync(readFileSync(outZh))).file("word/document.xml")!.async("string");
    for (const words of ["致强迫或非自愿失踪问题工作组的来文", "云南", "被留置", "证人陈述", "省级监察委员会"])
      expect(zhXml).toContain(words);
    for (const code of ["CN-YN", "family-not-informed", "testimony", "(soe)"]) expect(zhXml).not.toContain(code);

    const sqlite = () => new SQLite(db, { readonly: true });
    let s = sqlite();
    const payload = (s.prepare("select payload from cases where id = ?").get(caseId) as { payload: string }).payload;
    s.close();

    const deleted = await run(["case", "delete", caseId, "--as", "amina"]);
    expect(deleted.status).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(outZh)).toBe(false);
    s = sqlite();
    expect(s.prepare("select count(*) as n from cases where id = ?").get(caseId)).toEqual({ n: 0 });
    expect(s.prepare("select count(*) as n from case_exports where case_id = ?").get(caseId)).toEqual({ n: 0 });
    const entry = s
      .prepare("select * from audit_log where entity = 'cases' and action = 'delete' and entity_id = ?")
      .get(caseId) as Record<string, unknown>;
    s.close();
    expect(entry).toMatchObject({ actor: "amina", before_json: null, after_json: null });
    const bytes = readFileSync(db);
    expect(bytes.includes(Buffer.from(payload.split(".")[4]!))).toBe(false);
    expect(bytes.includes(Buffer.from("王小明"))).toBe(false);
    expect((await run(["case", "show", caseId, "--as", "amina"])).stderr).toMatch(/no case/);
  });
});
