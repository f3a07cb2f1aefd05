/**
 * The fetching side against a hostile site, the way an outside review attacked it: ten 302s of 150 MB
 * each ending in a body that never ends, a 190 MB page, 8 MiB of text without punctuation. `liuzhi
 * extract` and `liuzhi watch` run as processes; each must stay within a fixed memory budget (its peak
 * resident memory, as the kernel counts it), say what was wrong with each bad page, and go on to the
 * next entry, whose figure is still filed for review.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWarc, defaultPolicy, fetchWithPolicy, HostGate, htmlToText, parseWarc } from "../src/capture/index.ts";
import { header } from "../src/capture/warc.ts";
import { openLedger } from "../src/ledger/index.ts";
import { extractFigures } from "../src/monitor/index.ts";
import { listChanges } from "../src/review/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { type HostileSite, ORDINARY_PATH, startHostileSite } from "./support/hostile-site.ts";

/** The budget the review held every process to. */
const MEMORY_BUDGET = 500 * 1024 * 1024;

let dir: string;
let site: HostileSite;
beforeAll(async () => {
  dir = makeTempDir();
  site = await startHostileSite();
});
afterAll(async () => {
  await site?.close();
  removeDir(dir);
});

/** Runs the CLI as a process with its peak resident memory recorded at exit (test/support/max-rss.mjs). */
async function measured(args: string[], name: string) {
  const rssFile = join(dir, `${name}.rss`);
  const preload = pathToFileURL(join(import.meta.dirname, "support", "max-rss.mjs")).href;
  const result = await liuzhi(args, {
    cwd: dir,
    env: cliEnv({ NODE_OPTIONS: `--import=${preload}`, LIUZHI_TEST_MAX_RSS_FILE: rssFile }),
  });
  return { ...result, maxRss: Number(readFileSync(rssFile, "utf8")) };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

describe("the extractor on 8 MiB without punctuation", () => {
  it("reads it through (no stack overflow) and still finds the figure printed after it", () => {
    const context = { published: "2024-01-12", jurisdiction: "CN", jurisdictions: [] };
    for (const unit of ["a", "留置措施", "1,000"]) {
      const run = unit.repeat(Math.ceil((8 * 1024 * 1024) / unit.length));
      const figures = extractFigures(`${run}。2023年，全国纪检监察机关共留置2.6万人。`, context);
      expect(figures.find((f) => f.printed === "2.6万人")?.value, unit).toBe(26_000);
    }
  }, 240_000);
});

describe("the text extraction on 16 MiB of unclosed markup", () => {
  it("reads it through in one pass, and still finds the text after an unclosed comment's end", () => {
    for (const unit of ["<!--", "<script>", "<", "<p ", "<td "]) {
      const markup = unit.repeat((16 * 1024 * 1024) / 16);
      expect(typeof htmlToText(markup), unit).toBe("string");
    }
    // Stray '<' are kept as text; the paragraphs after them, and after an unclosed script, are read.
    const text = htmlToText(`${"<".repeat(1_000_000)}<p>留置473人</p><!-- x --><p>end</p><script>var x = 1;`);
    expect(text.endsWith("\n留置473人\nend")).toBe(true);
  }, 240_000);
});

describe("redirect chains and endless bodies", () => {
  it(
    "extract follows ten 302s of 150 MB and an endless body within one budget for the whole chain, and says so",
    async () => {
      const run = await measured(["extract", site.url("/chain/0"), "--allow-private-addresses"], "extract-chain");
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/responses larger than 209715200 bytes in all over the redirect chain/);
      expect(run.maxRss, `peak RSS ${mb(run.maxRss)}`).toBeLessThan(MEMORY_BUDGET);
      console.log(`liuzhi extract over the redirect chain: peak RSS ${mb(run.maxRss)}`);
      // Every hop was visited, the endless one last.
      expect(site.hits.get("/chain/10")).toBe(1);
    },
    E2E_TIMEOUT,
  );

  it("keeps of each redirect only its first 64 KiB, marked truncated in the WARC, and the final page whole", async () => {
    const policy = defaultPolicy({ gate: new HostGate(0), allowPrivateAddresses: true, retries: 0 });
    const fetched = await fetchWithPolicy(site.url("/short-chain/0"), policy);
    expect(fetched.failure).toBeNull();
    expect(fetched.exchanges.map((e) => [new URL(e.url).pathname, e.response.status])).toEqual([
      ["/short-chain/0", 302],
      ["/short-chain/1", 302],
      ["/short-chain/2", 302],
      [ORDINARY_PATH, 200],
    ]);
    for (const hop of fetched.exchanges.slice(0, 3)) {
      expect(hop.response.body.length).toBe(64 * 1024);
      expect(hop.response.truncated).toBe(true);
    }
    expect(fetched.exchanges[3]!.response.body.toString()).toContain("留置473人");
    const target = { id: "short-chain", url: site.url("/short-chain/0"), archived_url: null };
    const warc = parseWarc(Buffer.concat(buildWarc(target, fetched, new Date(), "test")));
    const responses = warc.filter((r) => header(r, "WARC-Type") === "response");
    expect(responses.map((r) => header(r, "WARC-Truncated") ?? null)).toEqual(["length", "length", "length", null]);
  });
});

describe("liuzhi watch over a huge page, a long unpunctuated page and an ordinary one", () => {
  it(
    "reports the redirect chain and the 190 MB page, reads the 8 MiB page, files the ordinary page's figure, within the budget",
    async () => {
      const db = join(dir, "watch.sqlite");
      const list = join(dir, "watch-list.csv");
      const entry = (id: string, path: string) =>
        `${id},${site.url(path)},page,Yunnan Provincial Commission for Discipline Inspection,云南省纪委监委,CN-YN,7,,`;
      writeFileSync(
        list,
        [
          "id,url,kind,publisher,publisher_zh,jurisdiction,every_days,link_pattern,note",
          entry("hostile-chain", "/chain/0"),
          entry("hostile-huge", "/huge.html"),
          entry("hostile-long", "/long.txt"),
          entry("ordinary", ORDINARY_PATH),
          "",
        ].join("\n"),
      );
      const args = ["watch", "--db", db, "--list", list, "--store", join(dir, "store"), "--delay", "0"];
      const run = await measured([...args, "--allow-private-addresses", "--format", "json"], "watch");
      // 1: two pages failed; the run still went through every entry after them.
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).not.toMatch(/Maximum call stack|heap out of memory/);
      expect(run.maxRss, `peak RSS ${mb(run.maxRss)}`).toBeLessThan(MEMORY_BUDGET);
      console.log(`liuzhi watch over the hostile site: peak RSS ${mb(run.maxRss)}`);
      const report = JSON.parse(run.stdout) as {
        visits: Array<{ url: string; outcome: string; detail: string }>;
        failed: Array<{ url: string; error: string }>;
      };
      const failed = Object.fromEntries(report.failed.map((f) => [new URL(f.url).pathname, f.error]));
      expect(failed["/chain/0"]).toMatch(/larger than 209715200 bytes in all over the redirect chain/);
      expect(failed["/huge.html"]).toMatch(/too long to read: 199229440 bytes/);
      // The 8 MiB page was read whole (no figure in it), not refused.
      expect(failed["/long.txt"]).toBeUndefined();
      expect(report.visits.find((v) => v.url === site.url("/long.txt"))?.outcome).toBe("new");

      const { db: handle } = await openLedger({ kind: "sqlite", file: db });
      try {
        const drafts = (await listChanges(handle)).filter((c) => c.table === "observations");
        expect(drafts.map((c) => [c.row.measure, c.row.jurisdiction, c.row.value])).toEqual([
          ["liuzhi_placements", "CN-YN", 473],
        ]);
      } finally {
        await handle.destroy();
      }
    },
    4 * E2E_TIMEOUT,
  );
});
