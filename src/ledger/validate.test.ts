import { beforeAll, describe, expect, it } from "vitest";
import { observationRow } from "../../test/support/rows.ts";
import { type Ledger, observations, sources } from "../core/index.ts";
import { readDataPackage, SHIPPED_DATA_DIR } from "./data-package.ts";
import { type InputIssue, type TableInput, validateAdditions } from "./validate.ts";

const EMPTY: Ledger = { sources: [], jurisdictions: [], observations: [], assumptions: [] };

/** The shipped data package, validated into a ledger: what additions are checked against. */
let shipped: Ledger;
beforeAll(() => {
  const read = readDataPackage(`${SHIPPED_DATA_DIR}datapackage.json`);
  expect(read.issues).toEqual([]);
  const { additions, issues } = validateAdditions(EMPTY, read.inputs);
  expect(issues).toEqual([]);
  shipped = additions;
});

type Row = Record<string, string>;

const observation = (id: string, overrides: Row = {}): Row => observationRow(id, overrides);

const observationsInput = (
  rows: Row[],
  file = "observations.csv",
  header: ReadonlyArray<string> = observations.columns,
): TableInput => ({
  table: "observations",
  file,
  header,
  rows,
});
const sourcesInput = (rows: Row[], file = "sources.csv"): TableInput => ({
  table: "sources",
  file,
  header: sources.columns,
  rows: rows.map((r) => Object.fromEntries(sources.columns.map((c) => [c, r[c] ?? ""]))),
});

const where = (issues: ReadonlyArray<InputIssue>) => issues.map((i) => [i.file, i.row, i.column]);

describe("validateAdditions", () => {
  it("accepts good rows and returns them typed", () => {
    const { additions, issues } = validateAdditions(shipped, [
      observationsInput([observation("t-1"), observation("t-2", { value: "7" })]),
    ]);
    expect(issues).toEqual([]);
    expect(additions.observations.map((o) => [o.id, o.value])).toEqual([
      ["t-1", 100],
      ["t-2", 7],
    ]);
    expect(additions.sources).toEqual([]);
  });

  it("accepts the shipped package into an empty ledger with every row", () => {
    expect(shipped.observations.length).toBeGreaterThan(0);
    expect(shipped.sources.length).toBeGreaterThan(0);
    expect(shipped.jurisdictions.map((j) => j.code)).toContain("CN");
  });

  it("refuses an id repeated within the input, naming the later row and the earlier one", () => {
    const { issues } = validateAdditions(shipped, [
      observationsInput([observation("t-1"), observation("t-2"), observation("t-1")]),
    ]);
    expect(issues).toMatchObject([
      {
        file: "observations.csv",
        row: 3,
        column: "id",
        message: "duplicate id 't-1': already in row 1 of observations.csv",
      },
    ]);
  });

  it("refuses an id already in the ledger", () => {
    const existing = shipped.observations[0]!.id;
    const { issues } = validateAdditions(shipped, [observationsInput([observation("t-1"), observation(existing)])]);
    expect(issues).toMatchObject([
      { file: "observations.csv", row: 2, column: "id", message: `duplicate id '${existing}': already in the ledger` },
    ]);
  });

  it("refuses an unknown jurisdiction and an unknown source, naming row and column", () => {
    const { issues } = validateAdditions(shipped, [
      observationsInput([observation("t-1", { jurisdiction: "CN-XX" }), observation("t-2", { source_id: "nope" })]),
    ]);
    expect(issues).toMatchObject([
      {
        file: "observations.csv",
        row: 1,
        column: "jurisdiction",
        message: "unknown jurisdiction 'CN-XX': not in the ledger nor in this import",
      },
      {
        file: "observations.csv",
        row: 2,
        column: "source_id",
        message: "unknown source 'nope': not in the ledger nor in this import",
      },
    ]);
  });

  it("accepts a reference to a source that comes in the same import, whatever the order of the inputs", () => {
    const { additions, issues } = validateAdditions(shipped, [
      observationsInput([observation("t-1", { source_id: "t-new-source" })]),
      sourcesInput([{ id: "t-new-source", publisher: "Test", title: "新来源", title_lang: "zh" }]),
    ]);
    expect(issues).toEqual([]);
    expect(additions.sources.map((s) => s.title)).toEqual(["新来源"]);
    expect(additions.observations.map((o) => o.source_id)).toEqual(["t-new-source"]);
  });

  it("refuses a reference to an incoming source that was itself refused", () => {
    const { issues } = validateAdditions(shipped, [
      sourcesInput([{ id: "t-bad-source", publisher: "" }]),
      observationsInput([observation("t-1", { source_id: "t-bad-source" })]),
    ]);
    expect(where(issues)).toEqual([
      ["sources.csv", 1, "publisher"],
      ["observations.csv", 1, "source_id"],
    ]);
  });

  it("refuses unknown and missing columns on the header (row 0), without checking the rows", () => {
    const header = [...observations.columns.filter((c) => c !== "value"), "valeu"];
    const { issues, additions } = validateAdditions(shipped, [
      observationsInput([observation("t-1")], "new.csv", header),
    ]);
    expect(issues).toMatchObject([
      { file: "new.csv", row: 0, column: "value", message: "column is missing from the header" },
      { file: "new.csv", row: 0, column: "valeu", message: "is not a column of observations" },
    ]);
    expect(additions.observations).toEqual([]);
  });

  it("lists every problem of every row, not only the first", () => {
    const { issues } = validateAdditions(shipped, [
      observationsInput([
        observation("t-1", { value: "12.5" }),
        observation("t-2"),
        observation("t-3", { period_start: "2023-02-30", measure: "x" }),
        observation("t-4", { period_start: "2020-02-01", period_end: "2020-01-31" }),
      ]),
    ]);
    expect(where(issues)).toEqual([
      ["observations.csv", 1, "value"],
      ["observations.csv", 3, "measure"],
      ["observations.csv", 3, "period_start"],
      ["observations.csv", 4, "period_end"],
    ]);
  });

  it("does not change the ledger it is given", () => {
    const before = JSON.stringify(shipped);
    validateAdditions(shipped, [observationsInput([observation("t-1")])]);
    expect(JSON.stringify(shipped)).toBe(before);
  });
});
