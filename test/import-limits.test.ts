/**
 * Imports cannot take the machine's memory: a file over the limit is refused before it is read,
 * naming its size; a line or a value over its limit is refused as it is read; the largest file
 * accepted imports within the budget. Peak memory is measured in the CLI process itself.
 */
import { createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCsv, observations } from "../src/core/index.ts";
import { IMPORT_LIMITS } from "../src/ledger/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { observationRow } from "./support/rows.ts";

const BUDGET = 300 * 1024 * 1024;
const SLOW = 5 * E2E_TIMEOUT;
let dir: string;
let db: string;

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "limits.sqlite");
  expect((await liuzhi(["audit", "head", "--db", db], { cwd: dir, env: cliEnv() })).status).toBe(0);
}, SLOW);
afterAll(() => removeDir(dir));

/** Runs the CLI and returns its result with its peak resident memory in bytes. */
async function measured(args: string[]) {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const preload = pathToFileURL(join(import.meta.dirname, "support", "max-rss.mjs")).href;
  const result = await liuzhi([...args, "--db", db], {
    cwd: dir,
    env: cliEnv({ NODE_OPTIONS: `--import=${preload}`, LIUZHI_TEST_MAX_RSS_FILE: rssFile }),
  });
  return { ...result, maxRss: Number(readFileSync(rssFile, "utf8")) };
}

async function head(): Promise<string> {
  return (await liuzhi(["audit", "head", "--format", "json", "--db", db], { cwd: dir, env: cliEnv() })).stdout;
}

/** Up to `n` valid observation rows (and at most `maxBytes`) as one CSV file, written as a stream. */
async function writeRows(
  file: string,
  n: number,
  prefix: string,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<number> {
  const out = createWriteStream(file);
  let bytes = observations.columns.join(",").length + 1;
  out.write(`${observations.columns.join(",")}\n`);
  for (let k = 0; k < n; k++) {
    const row = observationRow(`${prefix}-${k}`, { note: "a note of some length, as notes go, about the row" });
    const line = formatCsv(observations.columns, [row]).split("\n")[1];
    bytes += Buffer.byteLength(line!) + 1;
    if (bytes > maxBytes) break;
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return readFileSync(file).length;
}

describe("import limits", () => {
  it(
    "refuses a 200,000-row file up front, naming its size, within the memory budget, writing nothing",
    async () => {
      const file = join(dir, "observations-200k.csv");
      const size = await writeRows(file, 200_000, "bulk");
      const before = await head();
      const result = await measured(["import", file]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `observations-200k.csv: is ${(size / 1024 / 1024).toFixed(1)} MiB (${size.toLocaleString("en")} bytes), more than an import accepts (2.0 MiB)`,
      );
      expect(result.maxRss).toBeLessThan(BUDGET);
      expect(await head()).toBe(before);
    },
    SLOW,
  );

  it(
    "refuses an endless line as it reads it, naming the row, within the memory budget",
    async () => {
      const file = join(dir, "observations.csv");
      const rows = [observationRow("long-1"), observationRow("long-2", { quote: "长".repeat(600_000) })];
      writeFileSync(file, formatCsv(observations.columns, rows));
      const result = await measured(["import", file]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `observations.csv, row 2: a field is longer than ${IMPORT_LIMITS.maxFieldChars.toLocaleString("en")} characters`,
      );
      expect(result.maxRss).toBeLessThan(BUDGET);
    },
    SLOW,
  );

  it(
    "imports the largest file it accepts within the memory budget",
    async () => {
      const file = join(dir, "observations-largest.csv");
      // As many rows as fit under the limit.
      const size = await writeRows(file, Number.POSITIVE_INFINITY, "largest", IMPORT_LIMITS.maxFileBytes);
      expect(size).toBeLessThanOrEqual(IMPORT_LIMITS.maxFileBytes);
      expect(size).toBeGreaterThan(IMPORT_LIMITS.maxFileBytes - 200);
      const result = await measured(["import", file]);
      expect([result.status, result.stderr]).toEqual([0, ""]);
      expect(result.stdout).toMatch(/^Imported \d+ observations\./);
      expect(result.maxRss).toBeLessThan(BUDGET);
      console.log(`import of ${size} bytes: peak ${(result.maxRss / 1024 / 1024).toFixed(0)} MB`);
    },
    SLOW,
  );
});
