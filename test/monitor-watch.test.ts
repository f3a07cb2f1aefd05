/**
 * `liuzhi watch` as a process against a loopback site: a listing page with the quarterly notice and
 * the annual report, and a provincial page in GBK. It files the right drafts (never publishing),
 * files nothing twice when run again, and flags a figure changed on the page as a conflict.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { openLedger, sha256Hex } from "../src/ledger/index.ts";
import { type Change, listChanges } from "../src/review/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, observationsIn, removeDir } from "./helpers.ts";
import {
  ANNUAL_PATH,
  type MonitorSite,
  PROVINCE_PATH,
  QUARTERLY_PATH,
  startMonitorSite,
} from "./support/monitor-server.ts";

let dir: string;
let db: string;
let store: string;
let list: string;
let site: MonitorSite;
const PASSWORD = "rosa's long password";
// Seven CLI processes in one test: generous on a loaded two-core machine.
const LONG = 4 * E2E_TIMEOUT;

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "watch.sqlite");
  store = join(dir, "captures");
  list = join(dir, "watch-list.csv");
  site = await startMonitorSite();
  writeFileSync(
    list,
    [
      "id,url,kind,publisher,publisher_zh,jurisdiction,every_days,link_pattern,note",
      `test-ccdi,${site.url("/releases/")},listing,Central Commission for Discipline Inspection,中央纪委国家监委,CN,1,/releases/2,`,
      `test-yunnan,${site.url(PROVINCE_PATH)},page,Yunnan Provincial Commission for Discipline Inspection,云南省纪委监委,CN-YN,7,,`,
      "",
    ].join("\n"),
  );
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  await createUser(handle, { name: "rosa", role: "reviewer", password: PASSWORD, actor: "test" });
  await handle.destroy();
}, E2E_TIMEOUT);
afterAll(async () => {
  await site?.close();
  removeDir(dir);
});

const run = (args: string[]) => liuzhi([...args, "--db", db], { cwd: dir, env: cliEnv({ LIUZHI_PASSWORD: PASSWORD }) });
const watch = (...extra: string[]) =>
  run([
    "watch",
    "--list",
    list,
    "--store",
    store,
    "--delay",
    "0",
    "--allow-private-addresses",
    "--format",
    "json",
    ...extra,
  ]);

async function changes(): Promise<Change[]> {
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  try {
    return await listChanges(handle);
  } finally {
    await handle.destroy();
  }
}

const cellOf = (c: Change) =>
  [
    c.row.measure,
    c.row.jurisdiction,
    c.row.period_start,
    c.row.period_end,
    c.row.value,
    c.row.qualifier,
    c.row.unit,
  ].join(" ");

describe("liuzhi watch", () => {
  let ledgerSize: number;

  it(
    "files a draft for each new figure of the three pages, with its sentence, capture and confidence, and publishes nothing",
    async () => {
      ledgerSize = (await observationsIn(db, dir)).length;
      const first = await watch();
      expect(first.status, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout) as { visits: Array<{ url: string; outcome: string }> };
      expect(report.visits.map((v) => [v.url, v.outcome]).sort()).toEqual(
        [
          [site.url("/releases/"), "listing"],
          [site.url(QUARTERLY_PATH), "new"],
          [site.url(ANNUAL_PATH), "new"],
          [site.url(PROVINCE_PATH), "new"],
        ].sort(),
      );
      expect(site.hits.has("/")).toBe(false); // the listing's other links are not release pages

      const drafts = await changes();
      expect(drafts.every((c) => c.status === "draft" && c.author === "monitor:watch")).toBe(true);
      const sources = drafts.filter((c) => c.table === "sources");
      expect(sources.map((c) => c.row.url).sort()).toEqual(
        [site.url(ANNUAL_PATH), site.url(PROVINCE_PATH), site.url(QUARTERLY_PATH)].sort(),
      );
      expect(sources.find((c) => c.row.url === site.url(PROVINCE_PATH))?.row).toMatchObject({
        title: "云南省纪委监委通报2024年上半年全省纪检监察机关监督检查、审查调查情况",
        published: "2024-07-25",
        publisher: "Yunnan Provincial Commission for Discipline Inspection",
      });
      const figures = drafts.filter((c) => c.table === "observations");
      expect(figures.map(cellOf).sort()).toEqual(
        [
          // the quarterly notice (its 4th-form count, 5.4万人次, is already in the ledger: not filed)
          "cases_filed CN 2024-01-01 2024-09-30 643000 exact cases",
          "punished_total CN 2024-01-01 2024-09-30 589000 exact people",
          "punished_party CN 2024-01-01 2024-09-30 501000 exact people",
          "four_forms_total CN 2024-01-01 2024-09-30 1738000 exact person-times",
          "punished_cat1 CN 2024-01-01 2024-09-30 1235000 exact person-times",
          "punished_cat2 CN 2024-01-01 2024-09-30 385000 exact person-times",
          "punished_cat3 CN 2024-01-01 2024-09-30 51000 exact person-times",
          "four_forms_share_cat1 CN 2024-01-01 2024-09-30 71.1 exact percent",
          "four_forms_share_cat2 CN 2024-01-01 2024-09-30 22.2 exact percent",
          "four_forms_share_cat3 CN 2024-01-01 2024-09-30 2.9 exact percent",
          "four_forms_share_cat4 CN 2024-01-01 2024-09-30 3.1 exact percent",
          // the annual report (cases filed 62.6万件, 处分61万人 and 留置2.6万人 for 2023 are in the ledger already)
          "punished_party CN 2023-01-01 2023-12-31 502000 exact people",
          "forced_returns CN 2023-01-01 2023-12-31 1624 exact people",
          "forced_returns CN 2012-11-15 2024-02-25 12000 at-least people",
          // the provincial page, GBK (Kunming's 96 is the city's own figure, never Yunnan's)
          "cases_filed CN-YN 2024-01-01 2024-06-30 12000 exact cases",
          "punished_total CN-YN 2024-01-01 2024-06-30 9863 exact people",
          "punished_party CN-YN 2024-01-01 2024-06-30 8120 exact people",
          "liuzhi_placements CN-YN 2024-01-01 2024-06-30 473 exact people",
          "liuzhi_placements CN-YN-530100 2024-01-01 2024-06-30 96 exact people",
        ].sort(),
      );
      const liuzhiYn = figures.find((c) => c.row.measure === "liuzhi_placements" && c.row.jurisdiction === "CN-YN")!;
      expect(liuzhiYn.row).toMatchObject({
        quote:
          "2024年上半年，全省纪检监察机关共处置问题线索2.9万件，立案1.2万件，处分9,863人（其中党纪处分8,120人），留置473人。",
        quote_lang: "zh",
        locator: "paragraph 4, sentence 1",
        derivation: "published",
        scope: "all",
      });
      const meta = liuzhiYn.meta as {
        capture: { warc_sha256: string; captured_at: string; text_file: string };
        sentence: { start: number; end: number };
        confidence: number;
        confidence_reason: string;
        conflict: unknown;
      };
      // The capture it was read from is in the store, its hash is the WARC's, and the sentence is at its offsets.
      const warc = join(store, "warc", `${meta.capture.warc_sha256}.warc`);
      expect(existsSync(warc)).toBe(true);
      expect(sha256Hex(readFileSync(warc))).toBe(meta.capture.warc_sha256);
      const text = readFileSync(join(store, meta.capture.text_file), "utf8");
      expect(text.slice(meta.sentence.start, meta.sentence.end)).toBe(liuzhiYn.row.quote);
      expect(meta.confidence).toBeGreaterThan(0.5);
      expect(meta.confidence_reason).toMatch(/'留置' names the figure/);
      expect(meta.conflict).toBeNull();
      expect(String(liuzhiYn.row.note)).toContain(meta.capture.warc_sha256);
      // Nothing reached the public ledger.
      expect((await observationsIn(db, dir)).length).toBe(ledgerSize);
    },
    E2E_TIMEOUT,
  );

  it(
    "files nothing twice: not when the schedule says wait, nor when every page is looked at again",
    async () => {
      const before = (await changes()).length;
      const scheduled = await watch();
      expect(scheduled.status, scheduled.stderr).toBe(0);
      expect(scheduled.stderr).toMatch(/Filed 0 draft\(s\)/);
      const all = await watch("--all");
      expect(all.status, all.stderr).toBe(0);
      const report = JSON.parse(all.stdout) as { visits: Array<{ url: string; outcome: string }>; filed: unknown[] };
      expect(report.filed).toEqual([]);
      expect(report.visits.find((v) => v.url === site.url(PROVINCE_PATH))?.outcome).toBe("unchanged");
      expect((await changes()).length).toBe(before);
    },
    E2E_TIMEOUT,
  );

  it(
    "a figure the page changes after it was approved is filed as a correction flagged as a conflict, once",
    async () => {
      const drafts = await changes();
      const source = drafts.find((c) => c.table === "sources" && c.row.url === site.url(PROVINCE_PATH))!;
      const figure = drafts.find((c) => c.row.measure === "liuzhi_placements" && c.row.jurisdiction === "CN-YN")!;
      // The figure cites a source that is still a draft: the reviewer approves the source first.
      const early = await run(["review", "approve", figure.id, "--as", "rosa"]);
      expect(early.status).toBe(1);
      expect(early.stderr).toMatch(/source '.+' is still a draft: approve that source first/);
      for (const id of [source.id, figure.id]) {
        const approved = await run(["review", "approve", id, "--as", "rosa"]);
        expect(approved.status, approved.stderr).toBe(0);
      }
      const published = (await observationsIn(db, dir)).find((o) => o.id === figure.targetId);
      expect(published?.value).toBe(473);

      site.revise(); // 留置473人 → 留置478人
      const third = await watch("--all");
      expect(third.status, third.stderr).toBe(0);
      const filed = (JSON.parse(third.stdout) as { filed: Array<{ change_id: string }> }).filed;
      expect(filed).toHaveLength(1);
      const conflict = (await changes()).find((c) => c.id === filed[0]!.change_id)!;
      expect(conflict.action).toBe("update");
      expect(conflict.targetId).toBe(figure.targetId);
      expect(conflict.row.value).toBe(478);
      expect(conflict.reason).toMatch(/CONFLICT: the ledger's .+ has 473/);
      expect(conflict.meta?.conflict).toEqual({ with: "ledger", id: figure.targetId, value: 473 });
      expect(third.stdout).toContain("478");

      const fourth = await watch("--all");
      expect(fourth.status, fourth.stderr).toBe(0);
      expect((JSON.parse(fourth.stdout) as { filed: unknown[] }).filed).toEqual([]);
      // Still only approved figures in public: 473 until a reviewer approves the correction.
      expect((await observationsIn(db, dir)).find((o) => o.id === figure.targetId)?.value).toBe(473);
      // Every draft, the program account and each approval are in the audit log, and it replays whole.
      const verified = await run(["audit", "verify"]);
      expect(verified.status, verified.stderr).toBe(0);
    },
    LONG,
  );
  it(
    "says in its human output why each page failed, not only how many",
    async () => {
      const missing = join(dir, "watch-list-missing.csv");
      const url = site.url("/no-such-release/");
      writeFileSync(
        missing,
        [
          "id,url,kind,publisher,publisher_zh,jurisdiction,every_days,link_pattern,note",
          `test-missing,${url},page,Central Commission for Discipline Inspection,中央纪委国家监委,CN,1,,`,
          "",
        ].join("\n"),
      );
      const result = await run([
        "watch",
        "--list",
        missing,
        "--store",
        store,
        "--delay",
        "0",
        "--allow-private-addresses",
        "--all",
      ]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/1 failure\(s\)/);
      // The table format (the default) names the page and the reason beside it.
      const failures = result.stdout.slice(result.stdout.indexOf("Failures (1):"));
      expect(failures).toContain(url);
      expect(failures).toMatch(/404/);
    },
    E2E_TIMEOUT,
  );
});
