/** `liuzhi extract FILE|URL` as a process: the figures of one page or text, and nothing written anywhere. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { CORPUS_DIR } from "./support/monitor-corpus.ts";
import { type MonitorSite, QUARTERLY_PATH, startMonitorSite } from "./support/monitor-server.ts";

let dir: string;
let site: MonitorSite;
beforeAll(async () => {
  dir = makeTempDir();
  site = await startMonitorSite();
});
afterAll(async () => {
  await site?.close();
  removeDir(dir);
});

interface Extracted {
  charset: string;
  published: string | null;
  figures: Array<{
    measure: string;
    jurisdiction: string;
    value: number;
    qualifier: string;
    quote: string;
    confidence: number;
  }>;
}

describe("liuzhi extract", () => {
  it(
    "reads a GBK provincial page: its figures with sentence and confidence, and writes nothing",
    async () => {
      const result = await liuzhi(
        [
          "extract",
          join(CORPUS_DIR, "provincial-yunnan-2024-h1.gbk.html"),
          "--jurisdiction",
          "CN-YN",
          "--format",
          "json",
        ],
        { cwd: dir },
      );
      expect(result.status, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout) as Extracted;
      expect([out.charset, out.published]).toEqual(["gbk", "2024-07-25"]);
      expect(out.figures.map((f) => [f.measure, f.jurisdiction, f.value, f.qualifier])).toEqual([
        ["cases_filed", "CN-YN", 12000, "exact"],
        ["punished_total", "CN-YN", 9863, "exact"],
        ["punished_party", "CN-YN", 8120, "exact"],
        ["liuzhi_placements", "CN-YN", 473, "exact"],
        ["liuzhi_placements", "CN-YN-530100", 96, "exact"],
      ]);
      expect(out.figures[3]!.quote).toContain("留置473人。");
      expect(readdirSync(dir)).toEqual([]); // no database, no capture store
    },
    E2E_TIMEOUT,
  );

  it(
    "reads a page by URL and prints a table by default",
    async () => {
      const result = await liuzhi(["extract", site.url(QUARTERLY_PATH), "--allow-private-addresses"], { cwd: dir });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^measure\s+where\s+period\s+value/);
      expect(result.stdout).toMatch(/punished_cat3\s+CN\s+2024-01-01\.\.2024-09-30\s+51000\s+exact\s+person-times/);
      expect(result.stderr).toMatch(/Read 12 figure\(s\) .* published 2024-10-18/);
      expect(existsSync(join(dir, "var"))).toBe(false);
    },
    E2E_TIMEOUT,
  );

  it(
    "refuses a loopback address without --allow-private-addresses, naming it",
    async () => {
      const refused = await liuzhi(["extract", site.url(QUARTERLY_PATH)], { cwd: dir });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/127\.0\.0\.1, a loopback address/);
    },
    E2E_TIMEOUT,
  );

  it(
    "names what is wrong with its input",
    async () => {
      const missing = await liuzhi(["extract", "no-such-file.txt"], { cwd: dir });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/cannot read 'no-such-file\.txt': ENOENT/);
      const place = await liuzhi(
        ["extract", join(CORPUS_DIR, "speech-guangdong-2024.txt"), "--jurisdiction", "CN-XX"],
        {
          cwd: dir,
        },
      );
      expect(place.status).toBe(2);
      expect(place.stderr).toMatch(/invalid --jurisdiction 'CN-XX'/);
      const date = await liuzhi(["extract", join(CORPUS_DIR, "speech-guangdong-2024.txt"), "--published", "20 Jan"], {
        cwd: dir,
      });
      expect(date.status).toBe(2);
      expect(date.stderr).toMatch(/invalid --published '20 Jan'/);
    },
    E2E_TIMEOUT,
  );
});
