import { describe, expect, it } from "vitest";
import { assumptions, jurisdictions, LEDGER_TABLES, observations, sources } from "./model.ts";
import { formatIssue, type RowIssue } from "./table.ts";
import { MEASURE_INFO, MEASURES } from "./vocabulary.ts";

/** An observation row as CSV text, as the import reads it. */
function observationRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id: "appx1-08-cn-yn",
    measure: "liuzhi_placements",
    jurisdiction: "CN-YN",
    period_start: "2018-03-01",
    period_end: "2018-12-31",
    period_label: "March - Dec 2018",
    value: "485",
    qualifier: "exact",
    unit: "people",
    scope: "all",
    derivation: "published",
    source_id: "ccdi-20190111-186860",
    locator: "Appendix I, row 8",
    quote: "",
    quote_lang: "",
    quote_en: "",
    note: "",
    ...overrides,
  };
}

/** The issues of parsing `row` as data row 7. */
function issuesOf(row: Record<string, string>): RowIssue[] {
  const result = observations.parse(row, 7);
  return result.ok ? [] : result.issues;
}

describe("observations.parse", () => {
  it("turns CSV text into a typed observation: numbers as numbers, empty as null, text trimmed", () => {
    const result = observations.parse(observationRow({ note: "  as printed  " }), 1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.value).toBe(485);
    expect(result.value.quote).toBeNull();
    expect(result.value.quote_lang).toBeNull();
    expect(result.value.note).toBe("as printed");
  });

  it("accepts typed JSON values as well as CSV text, optional keys left out", () => {
    const { quote: _q, quote_lang: _l, quote_en: _e, note: _n, locator: _o, ...required } = observationRow();
    const result = observations.parse({ ...required, value: 485 }, null);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ value: 485, quote: null, quote_lang: null, quote_en: null, note: null }),
    });
  });

  it.each([
    ["12.5", /liuzhi_placements is a count and must be a non-negative integer, got 12\.5/],
    ["-3", /must be a non-negative number .*got '-3'/],
    ["1,234", /no thousands separators\), got '1,234'/],
    ["abc", /must be a non-negative number .*got 'abc'/],
    ["1e3", /got '1e3'/],
    ["", /is required/],
  ])("refuses a count written %j, naming the row and the value column", (value, message) => {
    const issues = issuesOf(observationRow({ value }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 7, column: "value" });
    expect(issues[0]?.message).toMatch(message);
  });

  it("refuses decimals for every count measure and accepts them for durations", () => {
    for (const measure of MEASURES) {
      const ok = observations.parse(observationRow({ measure, value: "42.5" }), 1).ok;
      expect(ok, measure).toBe(!MEASURE_INFO[measure].integer);
    }
    expect(observations.parse(observationRow({ measure: "liuzhi_duration_avg_days", value: "78.7" }), 1).ok).toBe(true);
  });

  it("refuses a period that ends before it starts, on period_end", () => {
    const issues = issuesOf(observationRow({ period_start: "2020-06-01", period_end: "2020-05-31" }));
    expect(issues).toMatchObject([
      { row: 7, column: "period_end", message: "ends (2020-05-31) before the period starts (2020-06-01)" },
    ]);
    expect(issuesOf(observationRow({ period_start: "2020-06-01", period_end: "2020-06-01" }))).toEqual([]);
  });

  it.each([
    ["period_start", "2023-02-30"],
    ["period_start", "2023/01/01"],
    ["period_end", "2023-1-31"],
    ["period_end", "31.01.2023"],
  ])("refuses a malformed date in %s (%s)", (column, date) => {
    const issues = issuesOf(observationRow({ [column]: date }));
    expect(issues).toMatchObject([{ row: 7, column, message: `must be a date written YYYY-MM-DD, got '${date}'` }]);
  });

  it("refuses an unknown measure, listing the known ones", () => {
    const [issue, ...more] = issuesOf(observationRow({ measure: "liuzhi_detentions" }));
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ row: 7, column: "measure" });
    for (const m of MEASURES) expect(issue?.message).toContain(m);
    expect(issue?.message).toContain("'liuzhi_detentions'");
  });

  it.each([
    ["qualifier", "approx"],
    ["unit", "persons"],
    ["scope", "campaign"],
    ["derivation", "estimated"],
    ["quote_lang", "fr"],
  ])("refuses a value outside the vocabulary of %s", (column, value) => {
    expect(issuesOf(observationRow({ [column]: value }))).toMatchObject([{ row: 7, column }]);
  });

  it("requires a source_id and every other required column", () => {
    expect(issuesOf(observationRow({ source_id: "" }))).toMatchObject([
      { row: 7, column: "source_id", message: "is required" },
    ]);
    expect(issuesOf(observationRow({ source_id: "   " }))).toMatchObject([{ column: "source_id" }]);
    const { jurisdiction: _dropped, ...withoutJurisdiction } = observationRow();
    expect(issuesOf(withoutJurisdiction)).toMatchObject([{ row: 7, column: "jurisdiction", message: "is required" }]);
  });

  it("refuses ids that are not lower-case letters, digits and hyphens", () => {
    expect(issuesOf(observationRow({ id: "Appx1 08" }))).toMatchObject([
      { column: "id", message: expect.stringMatching(/lower-case letters, digits and hyphens/) },
    ]);
  });

  it("refuses an unknown column", () => {
    const issues = issuesOf({ ...observationRow(), confidence: "high" });
    expect(issues).toMatchObject([{ row: 7, column: null, message: "unknown column(s): confidence" }]);
  });

  it("reports every problem of a row, not only the first", () => {
    const issues = issuesOf(observationRow({ value: "abc", measure: "x", period_start: "2023-02-30" }));
    expect(issues.map((i) => i.column).sort()).toEqual(["measure", "period_start", "value"]);
  });
});

describe("the other tables", () => {
  it("sources: a URL must be http(s), a publisher is required", () => {
    const row = { id: "s1", publisher: "Xinhua", url: "ftp://example.org/x", archived_url: "https://archive.ph/jWnOB" };
    const result = sources.parse(row, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toMatchObject([{ row: 2, column: "url" }]);
    expect(sources.parse({ id: "s1", publisher: "" }, 1).ok).toBe(false);
    expect(
      sources.parse({ id: "s1", publisher: "Xinhua", title: "监察体制改革试点一年", title_lang: "zh" }, 1),
    ).toEqual({
      ok: true,
      value: expect.objectContaining({ title: "监察体制改革试点一年", url: null, archived_url: null }),
    });
  });

  it("jurisdictions: a population needs its source", () => {
    const row = { code: "CN-YN", name_en: "Yunnan", name_zh: "云南", level: "province", population_m: "47" };
    const result = jurisdictions.parse(row, 3);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toMatchObject([{ row: 3, column: "population_source_id" }]);
    expect(jurisdictions.parse({ ...row, population_source_id: "sd-2024-12-12" }, 3).ok).toBe(true);
    expect(jurisdictions.parse({ ...row, code: "Yunnan" }, 3).ok).toBe(false);
  });

  it("assumptions: high may not be below low", () => {
    const row = { id: "ye-ratio", description: "ratio", low: "0.2", high: "0.1", unit: "ratio", source_id: "ye" };
    const result = assumptions.parse(row, 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toMatchObject([{ column: "high", message: "is below low (0.2)" }]);
    expect(assumptions.parse({ ...row, low: "0.1", high: "0.2" }, 1).ok).toBe(true);
  });
});

describe("Table Schemas", () => {
  it("declare each table's columns, in order, with its primary key and foreign keys among them", () => {
    for (const table of LEDGER_TABLES) {
      const names = table.tableSchema.fields.map((f) => f.name);
      expect(names).toEqual([...table.columns]);
      expect(names).toContain(table.tableSchema.primaryKey);
      for (const fk of table.tableSchema.foreignKeys ?? []) {
        expect(names).toContain(fk.fields);
        const target = LEDGER_TABLES.find((t) => t.name === fk.reference.resource);
        expect(target?.columns).toContain(fk.reference.fields);
        // A table refers only to tables before it, so they can be loaded in order.
        expect(LEDGER_TABLES.indexOf(target!)).toBeLessThan(LEDGER_TABLES.indexOf(table));
      }
    }
  });

  it("mark the required fields the parser requires", () => {
    for (const table of LEDGER_TABLES) {
      const empty = table.parse({}, 1);
      const missing = empty.ok ? [] : empty.issues.filter((i) => i.message === "is required").map((i) => i.column);
      const required = table.tableSchema.fields.filter((f) => f.constraints?.required).map((f) => f.name);
      expect(missing.sort(), table.name).toEqual(required.sort());
    }
  });
});

describe("formatIssue", () => {
  it("names the file, the row and the column, then what is wrong", () => {
    expect(formatIssue({ row: 3, column: "value", message: "must be …" }, "new.csv")).toBe(
      "new.csv, row 3, column value: must be …",
    );
    expect(formatIssue({ row: null, column: null, message: "is not valid UTF-8 text" }, "gbk.csv")).toBe(
      "gbk.csv: is not valid UTF-8 text",
    );
    expect(formatIssue({ row: 0, column: "extra", message: "is not a column" })).toBe(
      "row 0, column extra: is not a column",
    );
  });
});

describe("text cells a spreadsheet or a database would misread", () => {
  it.each([
    ["note", '=HYPERLINK("http://x","click")', "begins with '='"],
    ["quote_en", "+cmd|' /C calc'!A0", "begins with '+'"],
    ["period_label", "-2+3+cmd|' /C calc'!A0", "begins with '-'"],
    ["locator", "@SUM(1+1)*cmd|' /C calc'!A0", "begins with '@'"],
    ["note", "\t=1+1", "begins with '='"],
    ["note", "\r=1+1", "begins with '='"],
  ])("refuses %s %j as a formula, naming row and column", (column, value, message) => {
    const [issue, ...rest] = issuesOf(observationRow({ [column]: value }));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ row: 7, column });
    expect(issue!.message).toContain(message);
    expect(issue!.message).toContain("formula");
  });

  it("keeps what is clearly not a formula: signed numbers, a sign inside the text", () => {
    for (const note of ["-12", "+3.5", "-1,234", "Down 5% (-5) on 2023", "a = b", "e-mail: x@example.org"]) {
      expect(issuesOf(observationRow({ note }))).toEqual([]);
    }
  });

  it.each([
    ["NUL", "\u0000", "a NUL byte (U+0000)"],
    ["RLO", "\u202E", "a bidirectional control character (U+202E)"],
    ["LRE", "\u202A", "(U+202A)"],
    ["FSI", "\u2068", "(U+2068)"],
    ["PDI", "\u2069", "(U+2069)"],
  ])("refuses %s in any text field, naming row, column and character", (_name, character, message) => {
    for (const column of ["note", "period_label", "id", "measure", "period_start"]) {
      const issues = issuesOf(observationRow({ [column]: `ab${character}c` }));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ row: 7, column });
      expect(issues[0]!.message).toContain(message);
      expect(issues[0]!.message).toContain("at character 3");
    }
    const source = sources.parse({ id: "s1", publisher: `CCDI${character}` }, 2);
    expect(source.ok ? [] : source.issues).toMatchObject([{ row: 2, column: "publisher" }]);
  });
});
