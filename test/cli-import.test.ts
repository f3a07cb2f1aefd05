/**
 * `liuzhi import` run as a process against a real SQLite file: every kind of bad input is refused
 * with its file, row, column and what is wrong; a file with any bad row writes nothing; --dry-run
 * writes nothing; good files (sources and observations together) are added.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCsv } from "../src/core/index.ts";
import {
  type CliResult,
  E2E_TIMEOUT,
  liuzhi,
  makeTempDir,
  type ObservationJson,
  observationsIn,
  readShippedCsv,
  removeDir,
} from "./helpers.ts";
import { observationRow } from "./support/rows.ts";

type Row = Record<string, string>;

// The columns a user copies from the shipped data package.
const OBSERVATION_COLUMNS = readShippedCsv("observations.csv").header;
const SOURCE_COLUMNS = readShippedCsv("sources.csv").header;
const EXISTING_OBSERVATION_ID = readShippedCsv("observations.csv").rows[0]!.id!;
const EXISTING_SOURCE_ID = readShippedCsv("sources.csv").rows[0]!.id!;

const observation = (id: string, overrides: Row = {}): Row =>
  observationRow(id, { source_id: EXISTING_SOURCE_ID, locator: "p. 1", note: "written by a test", ...overrides });

function writeCsv(path: string, columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>): string {
  writeFileSync(path, formatCsv(columns, rows));
  return path;
}

let dir: string;
/** A ledger filled from the shipped data, and its observations: refused imports use it, the others copy it. */
let base: string;
let before: ObservationJson[];
beforeAll(async () => {
  dir = makeTempDir();
  base = join(dir, "base.sqlite");
  before = await observationsIn(base, dir);
  expect(before.length).toBe(readShippedCsv("observations.csv").rows.length);
});
afterAll(() => removeDir(dir));

/** A private copy of the base ledger, for a test that writes. */
function copyOfBase(name: string): string {
  const file = join(dir, name);
  copyFileSync(base, file);
  return file;
}

describe("bad input is refused with its row, column and what is wrong", { timeout: E2E_TIMEOUT }, () => {
  // One file: two good rows, then one bad row per case (row 3 onwards). The import must refuse the
  // whole file and list every problem, each on its own line with its row and column.
  const cases: Array<{ name: string; row: Row; column: string; message: RegExp }> = [
    {
      name: "a count with decimals (12.5)",
      row: observation("t-decimal", { value: "12.5" }),
      column: "value",
      message: /count and must be a non-negative integer, got 12\.5/,
    },
    {
      name: "a negative count (-3)",
      row: observation("t-negative", { value: "-3" }),
      column: "value",
      message: /non-negative .*got '-3'/,
    },
    {
      name: "a count with a thousands separator (1,234)",
      row: observation("t-separator", { value: "1,234" }),
      column: "value",
      message: /no thousands separators.*got '1,234'/,
    },
    {
      name: "a count that is not a number (abc)",
      row: observation("t-nan", { value: "abc" }),
      column: "value",
      message: /non-negative .*got 'abc'/,
    },
    {
      name: "a period that ends before it starts",
      row: observation("t-end", { period_start: "2020-06-01", period_end: "2020-01-31" }),
      column: "period_end",
      message: /\(2020-01-31\) before the period starts \(2020-06-01\)/,
    },
    {
      name: "an unknown jurisdiction",
      row: observation("t-jurisdiction", { jurisdiction: "CN-XX" }),
      column: "jurisdiction",
      message: /unknown jurisdiction 'CN-XX'/,
    },
    {
      name: "an unknown measure",
      row: observation("t-measure", { measure: "liuzhi_detentions" }),
      column: "measure",
      message: /must be one of .*liuzhi_placements.*got 'liuzhi_detentions'/,
    },
    {
      name: "an empty source_id",
      row: observation("t-no-source", { source_id: "" }),
      column: "source_id",
      message: /is required/,
    },
    {
      name: "a source_id that is not in the ledger",
      row: observation("t-bad-source", { source_id: "no-such-source" }),
      column: "source_id",
      message: /unknown source 'no-such-source'/,
    },
    {
      name: "an id repeated within the file",
      row: observation("t-good-1"),
      column: "id",
      message: /duplicate id 't-good-1': already in row 1 of observations\.csv/,
    },
    {
      name: "an id already in the ledger",
      row: observation(EXISTING_OBSERVATION_ID),
      column: "id",
      message: new RegExp(`duplicate id '${EXISTING_OBSERVATION_ID}': already in the ledger`),
    },
    {
      name: "an impossible date (2023-02-30)",
      row: observation("t-feb30", { period_start: "2023-02-30" }),
      column: "period_start",
      message: /must be a date written YYYY-MM-DD, got '2023-02-30'/,
    },
    {
      name: "a date in another format (2023/01/01)",
      row: observation("t-slash", { period_end: "2023/01/01" }),
      column: "period_end",
      message: /must be a date written YYYY-MM-DD, got '2023\/01\/01'/,
    },
  ];

  describe("in one file with good rows", { timeout: E2E_TIMEOUT }, () => {
    let result: CliResult;
    beforeAll(async () => {
      const sub = join(dir, "bad-rows");
      mkdirSync(sub);
      const rows = [observation("t-good-1"), observation("t-good-2"), ...cases.map((c) => c.row)];
      const file = writeCsv(join(sub, "observations.csv"), OBSERVATION_COLUMNS, rows);
      result = await liuzhi(["import", file, "--db", base], { cwd: dir });
    });

    it("exits 1, says nothing was written, and reports one problem per bad row", () => {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`Import refused: ${cases.length} problem(s); nothing was written.`);
      expect(result.stderr).not.toMatch(/row [12],/);
    });

    cases.forEach((c, i) => {
      it(`refuses ${c.name}`, () => {
        const where = `observations.csv, row ${i + 3}, column ${c.column}: `;
        const line = result.stderr.split("\n").find((l) => l.includes(where));
        expect(line, `no line with '${where}' in:\n${result.stderr}`).toBeDefined();
        expect(line).toMatch(c.message);
      });
    });
  });

  describe("whole-file problems", { timeout: E2E_TIMEOUT }, () => {
    it("refuses a file that is not UTF-8 (GBK), naming the file and the encoding", async () => {
      const sub = join(dir, "case-gbk");
      mkdirSync(sub);
      const text = formatCsv(OBSERVATION_COLUMNS, [observation("t-gbk-1", { note: "@GBK@" })]);
      const [head, tail] = text.split("@GBK@") as [string, string];
      // "云南" in GBK: what a GBK spreadsheet export writes, and not UTF-8.
      const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xd4, 0xc6, 0xc4, 0xcf]), Buffer.from(tail)]);
      const file = join(sub, "observations.csv");
      writeFileSync(file, bytes);
      const result = await liuzhi(["import", file, "--db", base], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/observations\.csv: is not valid UTF-8/);
      expect(result.stderr).toContain("GBK");
    });

    it("refuses an unknown column and a missing column, naming both", async () => {
      const sub = join(dir, "case-columns");
      mkdirSync(sub);
      const columns = [...OBSERVATION_COLUMNS.filter((c) => c !== "qualifier"), "confidence"];
      const file = writeCsv(join(sub, "observations.csv"), columns, [
        { ...observation("t-columns-1"), confidence: "high" },
      ]);
      const result = await liuzhi(["import", file, "--db", base], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/observations\.csv, row 0, column confidence: is not a column of observations/);
      expect(result.stderr).toMatch(/observations\.csv, row 0, column qualifier: column is missing from the header/);
    });

    it("names a misspelt column in a file not named after its table (new-observations.csv)", async () => {
      const sub = join(dir, "case-typo");
      mkdirSync(sub);
      const columns = OBSERVATION_COLUMNS.map((c) => (c === "value" ? "valeu" : c));
      const { value, ...rest } = observation("t-typo-1");
      const file = writeCsv(join(sub, "new-observations.csv"), columns, [{ ...rest, valeu: value ?? "" }]);
      const result = await liuzhi(["import", file, "--db", base], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/new-observations\.csv, row 0, column valeu: is not a column of observations/);
      expect(result.stderr).toMatch(/new-observations\.csv, row 0, column value: column is missing from the header/);
    });

    it("refuses a source whose id is already in the ledger", async () => {
      const sub = join(dir, "case-dup-source");
      mkdirSync(sub);
      const file = writeCsv(join(sub, "sources.csv"), SOURCE_COLUMNS, [
        { id: "t-new-source", publisher: "Test Publisher" },
        { id: EXISTING_SOURCE_ID, publisher: "Test Publisher" },
      ]);
      const result = await liuzhi(["import", file, "--db", base], { cwd: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `sources.csv, row 2, column id: duplicate id '${EXISTING_SOURCE_ID}': already in the ledger`,
      );
    });
  });

  it("left the ledger unchanged after every refused import", async () => {
    expect(await observationsIn(base, dir)).toEqual(before);
  });
});

describe("import is one transaction", { timeout: E2E_TIMEOUT }, () => {
  it("imports nothing from a file with several good rows and one bad row, and exits 1 naming row and column", async () => {
    const db = copyOfBase("tx.sqlite");
    const file = writeCsv(join(dir, "mixed.csv"), OBSERVATION_COLUMNS, [
      observation("t-mixed-1"),
      observation("t-mixed-2"),
      observation("t-mixed-3"),
      observation("t-mixed-4", { period_start: "2023-02-30" }),
      observation("t-mixed-5"),
    ]);
    const result = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/mixed\.csv, row 4, column period_start: must be a date/);
    const after = await observationsIn(db, dir);
    expect(after).toEqual(before);
  });

  it("adds the rows of a good file, which then show up with their source", async () => {
    const db = copyOfBase("good.sqlite");
    const file = writeCsv(join(dir, "good.csv"), OBSERVATION_COLUMNS, [
      observation("t-good-1", { value: "321" }),
      observation("t-good-2", { measure: "liuzhi_duration_avg_days", unit: "days", value: "61.25" }),
    ]);
    const result = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(result.stderr).not.toContain("refused");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Imported 2 observations/);
    const after = await observationsIn(db, dir);
    expect(after.length).toBe(before.length + 2);
    const added = after.filter((o) => o.id.startsWith("t-good-"));
    expect(added.map((o) => [o.id, o.value, o.source?.id])).toEqual([
      ["t-good-1", 321, EXISTING_SOURCE_ID],
      ["t-good-2", 61.25, EXISTING_SOURCE_ID],
    ]);
    // Importing the same file again is refused: the ids are now in the ledger.
    const again = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/row 1, column id: duplicate id 't-good-1': already in the ledger/);
  });

  it("--dry-run validates and reports, and writes nothing", async () => {
    const db = copyOfBase("dry.sqlite");
    const file = writeCsv(join(dir, "dry.csv"), OBSERVATION_COLUMNS, [
      observation("t-dry-1"),
      observation("t-dry-2"),
      observation("t-dry-3"),
    ]);
    const dry = await liuzhi(["import", file, "--dry-run", "--db", db], { cwd: dir });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/Dry run.*would add 3 observations.*Nothing was written/);
    expect(await observationsIn(db, dir)).toEqual(before);

    // Nothing of the dry run stayed behind: the same rows import for real.
    const real = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/Imported 3 observations/);
  });

  it("imports sources.csv and observations.csv together when an observation cites the new source", async () => {
    const db = copyOfBase("together.sqlite");
    const sub = join(dir, "together");
    mkdirSync(sub);
    const title = "云南省纪委监委2025年工作报告";
    const sources = writeCsv(join(sub, "sources.csv"), SOURCE_COLUMNS, [
      {
        id: "t-yn-report-2025",
        publisher: "Yunnan Provincial Commission for Discipline Inspection",
        title,
        title_lang: "zh",
        published: "2025-02-01",
        url: "https://www.ynjjjc.gov.cn/example.html",
        archived_url: "https://archive.ph/example",
      },
    ]);
    const observations = writeCsv(join(sub, "observations.csv"), OBSERVATION_COLUMNS, [
      observation("t-yn-2024", { source_id: "t-yn-report-2025", period_start: "2024-01-01", period_end: "2024-12-31" }),
    ]);
    // Observations first on the command line: the order of the files does not matter.
    const result = await liuzhi(["import", observations, sources, "--db", db], { cwd: dir });
    expect(result.stderr).not.toContain("refused");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Imported 1 sources, 1 observations/);
    const after = await observationsIn(db, dir);
    expect(after.length).toBe(before.length + 1);
    const added = after.find((o) => o.id === "t-yn-2024");
    expect(added?.source).toMatchObject({
      id: "t-yn-report-2025",
      title,
      url: "https://www.ynjjjc.gov.cn/example.html",
    });
  });

  it("refuses an observation citing a source that comes in no file, and writes neither file", async () => {
    const db = copyOfBase("orphan.sqlite");
    const sub = join(dir, "orphan");
    mkdirSync(sub);
    const sources = writeCsv(join(sub, "sources.csv"), SOURCE_COLUMNS, [
      { id: "t-orphan-source", publisher: "Test Publisher" },
    ]);
    const observations = writeCsv(join(sub, "observations.csv"), OBSERVATION_COLUMNS, [
      observation("t-orphan-1", { source_id: "t-orphan-source" }),
      observation("t-orphan-2", { source_id: "t-other-source" }),
    ]);
    const result = await liuzhi(["import", sources, observations, "--db", db], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/observations\.csv, row 2, column source_id: unknown source 't-other-source'/);
    expect(await observationsIn(db, dir)).toEqual(before);
    // The source of the refused import was not written either: importing it again alone succeeds.
    const alone = await liuzhi(["import", sources, "--db", db], { cwd: dir });
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(/Imported 1 sources/);
  });
});
