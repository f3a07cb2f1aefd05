/**
 * `liuzhi sources capture|check|verify` run as a process against a ledger built by the test, whose
 * sources all point at a loopback server: no test reaches the internet.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWarc } from "../src/capture/index.ts";
import { formatCsv } from "../src/core/index.ts";
import { E2E_TIMEOUT, liuzhi, makeTempDir, readShippedCsv, removeDir } from "./helpers.ts";
import { type FixtureServer, startFixtureServer } from "./support/fixture-server.ts";
import { observationRow } from "./support/rows.ts";

let dir: string;
let db: string;
let store: string;
let server: FixtureServer;

const SOURCES: Array<[id: string, path: string]> = [
  ["utf8-page", "/utf8"],
  ["gbk-page", "/gbk"],
  ["chain", "/r1"],
  ["gone", "/gone"],
  ["hangs", "/hang"],
  ["changing", "/changing"],
  ["flaky", "/flaky"],
  ["report-pdf", "/big.pdf"],
];

const observation = (id: string, sourceId: string, value: number, quote = "") =>
  observationRow(id, { source_id: sourceId, value: String(value), quote, quote_lang: quote ? "zh" : "" });

// Short time-out and no politeness delay keep the run fast; one retry shows the retries happen. The
// fixture server is on loopback, which capture refuses unless told otherwise.
const FAST = ["--timeout", "300", "--delay", "0", "--retries", "2", "--concurrency", "4"];
const NET = [...FAST, "--allow-private-addresses"];
const run = (args: string[]) => liuzhi(["sources", ...args, "--db", db, "--store", store], { cwd: dir });

beforeAll(async () => {
  server = await startFixtureServer();
  dir = makeTempDir();
  db = join(dir, "ledger.sqlite");
  store = join(dir, "captures");
  const sources = SOURCES.map(([id, path]) => ({ id, publisher: "Test publisher", url: server.url(path) }));
  const observations = [
    observation("obs-utf8-value", "utf8-page", 26000),
    observation("obs-utf8-quote", "utf8-page", 12345, "2019年全年留置 12345 人。"),
    observation("obs-gbk", "gbk-page", 1234),
    observation("obs-chain", "chain", 777),
    observation("obs-changing", "changing", 500),
  ];
  const jurisdictions = [{ code: "CN-YN", name_en: "Yunnan", name_zh: "云南", level: "province" }];
  writeFileSync(join(dir, "sources.csv"), formatCsv(readShippedCsv("sources.csv").header, sources));
  writeFileSync(join(dir, "jurisdictions.csv"), formatCsv(readShippedCsv("jurisdictions.csv").header, jurisdictions));
  writeFileSync(join(dir, "observations.csv"), formatCsv(readShippedCsv("observations.csv").header, observations));
  expect((await liuzhi(["init", "--empty", "--db", db], { cwd: dir })).status).toBe(0);
  const imported = await liuzhi(
    ["import", join(dir, "sources.csv"), join(dir, "jurisdictions.csv"), join(dir, "observations.csv"), "--db", db],
    { cwd: dir },
  );
  expect(imported.stderr).toBe("");
  expect(imported.status).toBe(0);
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe("liuzhi sources", () => {
  it("capture stores every source that answers, reports the 404 and the hang, and exits 1", async () => {
    const result = await run(["capture", ...NET, "--format", "json"]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("["));
    expect(lines).toHaveLength(SOURCES.length);
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d\/8\] utf8-page 200 OK \d+ B$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d\/8\] hangs failed: timed out after 300 ms$/));
    expect(result.stderr).toMatch(/Captured 7 source\(s\) into .*; 1 failed, 1 answered with an error status/);
    const out = JSON.parse(result.stdout) as {
      captured: Array<{ source_id: string; status: number; warc: { file: string }; attempts: number }>;
      failed: Array<{ source_id: string }>;
    };
    expect(out.failed.map((f) => f.source_id)).toEqual(["hangs"]);
    expect(out.captured.find((c) => c.source_id === "gone")?.status).toBe(404);
    // /flaky answers 503 twice: the third request, the second retry, gets the page.
    expect(out.captured.find((c) => c.source_id === "flaky")).toMatchObject({ status: 200, attempts: 3 });
    expect(server.hits.get("/flaky")).toBe(3);
    expect(server.hits.get("/hang")).toBe(3);
    for (const c of out.captured) expect(parseWarc(readFileSync(join(store, c.warc.file))).length).toBeGreaterThan(2);
    const gbkText = readdirSync(join(store, "text")).map((f) => readFileSync(join(store, "text", f), "utf8"));
    expect(gbkText.some((t) => t.includes("云南留置 1,234 人"))).toBe(true);
    // The sources have no title: each captured page's own <title> is proposed for review, decoded
    // from its charset, in its language.
    const titles = (out as unknown as { titles: Array<{ source_id: string; title: string; title_lang: string }> })
      .titles;
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source_id: "utf8-page", title: "中央纪委", title_lang: "zh" }),
        expect.objectContaining({ source_id: "gbk-page", title: "云南", title_lang: "zh" }),
      ]),
    );
    expect(result.stderr).toMatch(/utf8-page: its page's title proposed for review \(change [^)]+\): "中央纪委"/);
  });

  it("a proposed title waits for review: it is a draft by capture:titles, the ledger keeps no title, and it is not proposed twice", async () => {
    const drafts = await liuzhi(["review", "list", "--status", "draft", "--db", db], { cwd: dir });
    expect(drafts.status, drafts.stderr).toBe(0);
    const utf8 = drafts.stdout.split("\n").filter((line) => /\bsources\s+update\s+utf8-page\b/.test(line));
    expect(utf8).toHaveLength(1);
    expect(utf8[0]).toMatch(
      /draft\s+sources\s+update\s+utf8-page\s+capture:titles\s+The page's own <title>, read from its capture of \S+ \(WARC SHA-256 [0-9a-f]{64}\): 中央纪委/,
    );
    const ledger = await liuzhi(["export", "--out", join(dir, "export"), "--db", db], { cwd: dir });
    expect(ledger.status, ledger.stderr).toBe(0);
    expect(readFileSync(join(dir, "export", "sources.csv"), "utf8")).not.toContain("中央纪委");
    const again = await run(["capture", "--id", "utf8-page", ...NET]);
    expect(again.status).toBe(0);
    expect(again.stderr).not.toContain("title proposed");
  });

  it(
    "capture refuses a loopback address without --allow-private-addresses, naming it, and stores nothing",
    async () => {
      const before = server.hits.get("/utf8") ?? 0;
      const refused = await run(["capture", "--id", "utf8-page", ...FAST]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        `utf8-page failed: refused to fetch ${server.url("/utf8")}: 127.0.0.1, a loopback address (private addresses are fetched only with --allow-private-addresses)`,
      );
      expect(refused.stderr).toMatch(/Captured 0 source\(s\)/);
      expect(server.hits.get("/utf8") ?? 0).toBe(before);
      const checked = await run(["check", "--id", "utf8-page", ...FAST, "--format", "json"]);
      expect(JSON.parse(checked.stdout)[0]).toMatchObject({ reachable: false, failure: { kind: "private-address" } });
      expect(server.hits.get("/utf8") ?? 0).toBe(before);
    },
    E2E_TIMEOUT,
  );

  it("capture --id takes only the named sources, and an unknown id is a usage error", async () => {
    const one = await run(["capture", "--id", "changing", "--id", "utf8-page", ...NET]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/changing\s+200 OK/);
    expect(one.stderr).toMatch(/\[2\/2\]/);
    const bad = await run(["capture", "--id", "no-such-source"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown source id(s): no-such-source");
    const noSub = await run(["--format", "json"]);
    expect(noSub.status).toBe(2);
    expect(noSub.stderr).toContain("expected a subcommand (capture, check, verify)");
  });

  it("check reports reachability, change and figures per source, and exits 1 when something needs attention", async () => {
    const result = await run(["check", ...NET, "--format", "json"]);
    expect(result.status).toBe(1);
    const reports = new Map(
      (JSON.parse(result.stdout) as Array<{ source_id: string; attention: string[]; changed: boolean | null }>).map(
        (r) => [r.source_id, r],
      ),
    );
    expect(reports.get("utf8-page")).toMatchObject({ changed: false, attention: [] });
    expect(reports.get("gbk-page")).toMatchObject({ changed: false, attention: [] });
    expect(reports.get("chain")).toMatchObject({ changed: false, attention: [] });
    expect(reports.get("changing")?.changed).toBe(true);
    expect(reports.get("gone")?.attention).toContain("HTTP 404 Not Found");
    expect(reports.get("hangs")?.attention).toEqual(["unreachable (timeout)", "never captured"]);
    expect(result.stderr).toMatch(/Checked 8 source\(s\): 3 need attention/);

    const quiet = await run(["check", "--id", "utf8-page", "--id", "gbk-page", ...NET]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toMatch(/gbk-page\s+200 OK\s+same\s+1\/1/);
  });

  it("a page's <title> with control or invisible characters is not proposed, and never reaches the terminal", async () => {
    const extra = { id: "hostile-title", publisher: "Test publisher", url: server.url("/hostile-title") };
    writeFileSync(join(dir, "hostile.csv"), formatCsv(readShippedCsv("sources.csv").header, [extra]));
    expect((await liuzhi(["import", join(dir, "hostile.csv"), "--db", db], { cwd: dir })).status).toBe(0);
    const result = await run(["capture", "--id", "hostile-title", ...NET]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "hostile-title: its page's title was not proposed: its <title> holds control or invisible characters",
    );
    expect(result.stderr).not.toContain("\u001b");
    const drafts = await liuzhi(["review", "list", "--status", "draft", "--db", db], { cwd: dir });
    expect(drafts.stdout).not.toMatch(/update\s+hostile-title/);
  });

  it("verify passes an intact store, then names a capture with one byte flipped and exits 1", async () => {
    const clean = await run(["verify"]);
    expect(clean.stderr).toMatch(/every hash matches/);
    expect(clean.status).toBe(0);
    const warc = readdirSync(join(store, "warc"))[0]!;
    const path = join(store, "warc", warc);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(path, bytes);
    const broken = await run(["verify", "--format", "json"]);
    expect(broken.status).toBe(1);
    const report = JSON.parse(broken.stdout) as { problems: Array<{ file: string; problem: string }> };
    expect(report.problems.map((p) => p.file)).toContain(`warc/${warc}`);
  });
});
