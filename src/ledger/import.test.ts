/** importIntoLedger and the file reader behind it, on real files and a real SQLite ledger in a temp dir. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observationRow } from "../../test/support/rows.ts";
import { formatCsv, observations, sources } from "../core/index.ts";
import { readImportFiles } from "./data-package.ts";
import { importIntoLedger } from "./import.ts";
import { openLedger } from "./open.ts";
import { readLedger } from "./rows.ts";

type Row = Record<string, string>;

const observation = (id: string, overrides: Row = {}): Row => observationRow(id, overrides);

let dir: string;
/** A ledger created from the shipped data; each test works on its own copy. */
let base: string;
let counter = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "liuzhi-import-"));
  base = join(dir, "base.sqlite");
  const { db } = await openLedger({ kind: "sqlite", file: base });
  await db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the shipped ledger and a folder for the test's files. */
async function fixture() {
  counter += 1;
  const folder = join(dir, `t${counter}`);
  mkdirSync(folder);
  const file = join(folder, "ledger.sqlite");
  copyFileSync(base, file);
  const { db } = await openLedger({ kind: "sqlite", file });
  return { folder, file, db };
}

function writeObservations(path: string, rows: Row[], columns: ReadonlyArray<string> = observations.columns): string {
  writeFileSync(path, formatCsv(columns, rows));
  return path;
}

describe("importIntoLedger", () => {
  it("adds valid rows and reports how many", async () => {
    const { folder, db } = await fixture();
    try {
      const before = await readLedger(db);
      const file = writeObservations(join(folder, "observations.csv"), [observation("t-1"), observation("t-2")]);
      const result = await importIntoLedger(db, [file], { dryRun: false });
      expect(result).toMatchObject({ written: true, issues: [] });
      expect(result.counts.observations).toBe(2);
      const after = await readLedger(db);
      expect(after.observations.length).toBe(before.observations.length + 2);
      expect(after.observations.find((o) => o.id === "t-2")).toMatchObject({ value: 100, jurisdiction: "CN-YN" });
    } finally {
      await db.destroy();
    }
  });

  it.each([
    ["value", { value: "12.5" }],
    ["value", { value: "-3" }],
    ["value", { value: "1,234" }],
    ["value", { value: "abc" }],
    ["period_end", { period_end: "2018-12-31" }],
    ["jurisdiction", { jurisdiction: "CN-XX" }],
    ["measure", { measure: "liuzhi_detentions" }],
    ["source_id", { source_id: "" }],
    ["source_id", { source_id: "not-a-source" }],
    ["period_start", { period_start: "2023-02-30" }],
    ["period_start", { period_start: "2023/01/01" }],
  ])("writes nothing when one row has a bad %s (%j)", async (column, overrides) => {
    const { folder, db } = await fixture();
    try {
      const before = await readLedger(db);
      const file = writeObservations(join(folder, "observations.csv"), [
        observation("t-1"),
        observation("t-2", overrides),
        observation("t-3"),
      ]);
      const result = await importIntoLedger(db, [file], { dryRun: false });
      expect(result.written).toBe(false);
      expect(result.issues.map((i) => [i.file, i.row, i.column])).toEqual([["observations.csv", 2, column]]);
      expect(await readLedger(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });

  it("a dry run reports what it would add and writes nothing", async () => {
    const { folder, db } = await fixture();
    try {
      const before = await readLedger(db);
      const file = writeObservations(join(folder, "observations.csv"), [observation("t-1")]);
      const result = await importIntoLedger(db, [file], { dryRun: true });
      expect(result).toMatchObject({ written: false, issues: [] });
      expect(result.counts.observations).toBe(1);
      expect(await readLedger(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });

  it("rolls back rows already inserted when the database refuses a later one", async () => {
    const { folder, file, db } = await fixture();
    // A trigger stands in for any failure while writing: the validated sources go in before the observations.
    const raw = new SQLite(file);
    raw.exec(
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON observations WHEN NEW.id = 't-boom' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    raw.close();
    try {
      const before = await readLedger(db);
      const sourcesFile = join(folder, "sources.csv");
      writeFileSync(sourcesFile, formatCsv(sources.columns, [{ id: "t-source", publisher: "Test" }]));
      const observationsFile = writeObservations(join(folder, "observations.csv"), [
        observation("t-ok", { source_id: "t-source" }),
        observation("t-boom", { source_id: "t-source" }),
      ]);
      await expect(importIntoLedger(db, [sourcesFile, observationsFile], { dryRun: false })).rejects.toThrow(/boom/);
      expect(await readLedger(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });
});

describe("readImportFiles", () => {
  it("tells the table by the file name or, failing that, by the header", () => {
    const folder = join(dir, "detect");
    mkdirSync(folder);
    const named = writeObservations(join(folder, "observations.csv"), [observation("t-1")]);
    const other = writeObservations(join(folder, "2025-additions.csv"), [observation("t-2")]);
    const read = readImportFiles([named, other]);
    expect(read.issues).toEqual([]);
    expect(read.inputs.map((i) => [i.file, i.table, i.rows.length])).toEqual([
      ["observations.csv", "observations", 1],
      ["2025-additions.csv", "observations", 1],
    ]);
  });

  it("still tells the table of a file whose header has a misspelt or a missing column", () => {
    const folder = join(dir, "detect-typo");
    mkdirSync(folder);
    const typo = observations.columns.map((c) => (c === "period_end" ? "period_ned" : c));
    const { period_end, ...rest } = observation("t-1");
    const a = writeObservations(join(folder, "a.csv"), [{ ...rest, period_ned: period_end ?? "" }], typo);
    const b = writeObservations(
      join(folder, "b.csv"),
      [observation("t-2")],
      observations.columns.filter((c) => c !== "note"),
    );
    const read = readImportFiles([a, b]);
    expect(read.issues).toEqual([]);
    expect(read.inputs.map((i) => i.table)).toEqual(["observations", "observations"]);
  });

  it("refuses a file whose header matches no table", () => {
    const folder = join(dir, "detect-none");
    mkdirSync(folder);
    const path = join(folder, "mystery.csv");
    writeFileSync(path, "id,note\nx,y\n");
    const read = readImportFiles([path]);
    expect(read.inputs).toEqual([]);
    expect(read.issues).toMatchObject([{ file: "mystery.csv", row: 0, message: expect.stringMatching(/which table/) }]);
  });

  it("refuses a GBK file as not UTF-8 and a missing file, naming each", () => {
    const folder = join(dir, "encoding");
    mkdirSync(folder);
    const path = join(folder, "observations.csv");
    const text = formatCsv(observations.columns, [observation("t-1", { note: "@" })]);
    const [head, tail] = text.split("@") as [string, string];
    writeFileSync(path, Buffer.concat([Buffer.from(head), Buffer.from([0xd4, 0xc6, 0xc4, 0xcf]), Buffer.from(tail)]));
    const read = readImportFiles([path, join(folder, "absent.csv")]);
    expect(read.inputs).toEqual([]);
    expect(read.issues).toEqual([
      expect.objectContaining({ file: "observations.csv", message: expect.stringMatching(/not valid UTF-8/) }),
      expect.objectContaining({ file: "absent.csv", message: "no such file" }),
    ]);
  });

  it("names the row of a broken quote", () => {
    const folder = join(dir, "quote");
    mkdirSync(folder);
    const path = join(folder, "observations.csv");
    const good = formatCsv(observations.columns, [observation("t-1")]);
    writeFileSync(path, `${good}t-2,"unclosed\n`);
    const read = readImportFiles([path]);
    expect(read.issues).toMatchObject([
      { file: "observations.csv", row: 2, message: expect.stringMatching(/not closed/) },
    ]);
  });
});
