/**
 * `liuzhi extract DIR|GLOB` as a process: a folder of saved releases (a real CCDI notice reprint, a
 * real provincial report, the test corpus's Yunnan page in GBK) is filed as drafts the way
 * `liuzhi watch` files a page's — same evidence (a capture per file, WARC re-hashable, the sentence at
 * its offsets), same rules (nothing twice, a changed figure flagged as a conflict) — and nothing is
 * published.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLedger } from "../src/ledger/index.ts";
import { type Change, listChanges } from "../src/review/index.ts";
import { E2E_TIMEOUT, liuzhi, makeTempDir, observationsIn, removeDir } from "./helpers.ts";
import { CORPUS_DIR } from "./support/monitor-corpus.ts";
import { REAL_DIR } from "./support/monitor-real.ts";

let dir: string;
let db: string;
let store: string;
let saved: string;

beforeAll(() => {
  dir = makeTempDir();
  db = join(dir, "backfill.sqlite");
  store = join(dir, "captures");
  saved = join(dir, "saved");
  mkdirSync(join(saved, "2020"), { recursive: true });
  copyFileSync(join(REAL_DIR, "ccdi-2020q1-notice-ecnu.txt"), join(saved, "2020", "ccdi-2020q1.txt"));
  copyFileSync(join(REAL_DIR, "prov-hubei-2020-annual-chinanews-apdnews.txt"), join(saved, "hubei-2020.txt"));
  copyFileSync(join(CORPUS_DIR, "provincial-yunnan-2024-h1.gbk.html"), join(saved, "yunnan-2024-h1.html"));
  copyFileSync(join(REAL_DIR, "foxhunt-2024-police-peopledaily-none.txt"), join(saved, "foxhunt-2024.txt"));
  mkdirSync(join(dir, "later"));
  copyFileSync(
    join(CORPUS_DIR, "provincial-yunnan-2024-h1-revised.gbk.html"),
    join(dir, "later", "yunnan-2024-h1-v2.html"),
  );
}, E2E_TIMEOUT);
afterAll(() => removeDir(dir));

const run = (args: string[]) => liuzhi([...args, "--db", db], { cwd: dir });

async function changes(): Promise<Change[]> {
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  try {
    return await listChanges(handle);
  } finally {
    await handle.destroy();
  }
}

const cellOf = (c: Change) =>
  [c.row.measure, c.row.jurisdiction, c.row.period_start, c.row.period_end, c.row.value, c.row.qualifier].join(" ");

describe("liuzhi extract DIR (backfill)", () => {
  it(
    "files the drafts of a folder of saved releases with their evidence, and publishes nothing",
    async () => {
      const before = (await observationsIn(db, dir)).length;
      const result = await run(["extract", saved, "--store", store, "--format", "json"]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Read 4 saved file\(s\); filed \d+ draft\(s\)/);
      const drafts = await changes();
      const cells = drafts.filter((c) => c.table === "observations").map(cellOf);
      // The CCDI quarterly notice's figures are in the shipped ledger already (the official record): none is
      // filed again, and no draft repeats a figure the ledger holds. Hubei's are Hubei's (全省 read from the
      // page); Kunming's, Kunming's.
      const held = new Set((await observationsIn(db, dir)).map((o) => cellOf({ row: o } as unknown as Change)));
      expect(held.has("cases_filed CN 2020-01-01 2020-03-31 104000 exact")).toBe(true);
      for (const cell of cells) expect(held.has(cell), cell).toBe(false);
      expect(cells).toContain("punished_total CN-HB 2020-01-01 2020-12-31 28218 exact");
      expect(cells).toContain("punished_cat4 CN-HB 2020-01-01 2020-12-31 2737 exact");
      expect(cells).toContain("liuzhi_placements CN-YN 2024-01-01 2024-06-30 473 exact");
      expect(cells).toContain("liuzhi_placements CN-YN-530100 2024-01-01 2024-06-30 96 exact");
      // The police's Fox Hunt page yields nothing, and the CCDI notice nothing new: neither gets a source draft.
      const sources = drafts.filter((c) => c.table === "sources");
      expect(sources).toHaveLength(2);
      for (const s of sources) {
        expect(s.row.url).toBeNull(); // a saved file's address is for the reviewer to fill in
        expect(String(s.row.note)).toMatch(
          /Read from the saved file file:\/\/.+: its address and publisher are for the reviewer/,
        );
      }
      // Each draft's sentence stands at its offsets in the stored text of its capture.
      const hubei = drafts.find((c) => c.row.measure === "punished_total" && c.row.jurisdiction === "CN-HB")!;
      const meta = hubei.meta as { capture: { text_file: string }; sentence: { start: number; end: number } };
      const text = readFileSync(join(store, meta.capture.text_file), "utf8");
      expect(text.slice(meta.sentence.start, meta.sentence.end)).toBe(hubei.row.quote);
      expect(hubei.row.printed_precision).toBe(1);
      // The store holds every file as a WARC that re-hashes.
      const verified = await liuzhi(["sources", "verify", "--store", store], { cwd: dir });
      expect(verified.status, verified.stdout + verified.stderr).toBe(0);
      expect((await observationsIn(db, dir)).length).toBe(before);
    },
    4 * E2E_TIMEOUT,
  );

  it(
    "files nothing twice, and a changed figure in a later saved copy (a glob) is flagged as a conflict",
    async () => {
      const before = (await changes()).length;
      const again = await run(["extract", saved, "--store", store, "--format", "json"]);
      expect(again.status, again.stderr).toBe(0);
      const report = JSON.parse(again.stdout) as { visits: Array<{ outcome: string }>; filed: unknown[] };
      expect(report.filed).toEqual([]);
      expect(report.visits.map((v) => v.outcome)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
      expect((await changes()).length).toBe(before);

      const later = await run(["extract", join(dir, "later", "*.html"), "--store", store, "--format", "json"]);
      expect(later.status, later.stderr).toBe(0);
      const filed = (JSON.parse(later.stdout) as { filed: Array<{ change_id: string; conflict: unknown }> }).filed;
      const conflicts = filed.filter((f) => f.conflict);
      expect(conflicts).toHaveLength(1);
      const conflict = (await changes()).find((c) => c.id === conflicts[0]!.change_id)!;
      expect(conflict.row.value).toBe(478);
      expect(conflict.reason).toMatch(/CONFLICT: draft .+ has 473/);
    },
    4 * E2E_TIMEOUT,
  );

  it(
    "refuses what it cannot read, naming it, and files nothing",
    async () => {
      const before = (await changes()).length;
      const empty = join(dir, "empty");
      mkdirSync(empty);
      const none = await run(["extract", empty, "--store", store]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain(`no .html, .htm or .txt file in '${empty}'`);
      const dated = await run(["extract", saved, "--store", store, "--published", "2024-01-01"]);
      expect(dated.status).toBe(2);
      expect(dated.stderr).toMatch(/--published applies to one page/);
      const glob = await run(["extract", join(dir, "missing", "*.html"), "--store", store]);
      expect(glob.status).toBe(2);
      expect(glob.stderr).toContain(`cannot read the folder '${join(dir, "missing")}'`);
      expect((await changes()).length).toBe(before);
    },
    4 * E2E_TIMEOUT,
  );
});
