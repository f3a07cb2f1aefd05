import { describe, expect, it } from "vitest";
import { formatCsv, formatIssue } from "../core/index.ts";
import { CASE_CSV_COLUMNS, parseCaseCsv } from "./import.ts";

const J = new Set(["CN", "CN-YN", "CN-BJ"]);
type Row = Partial<Record<(typeof CASE_CSV_COLUMNS)[number], string>>;
const good: Row = {
  name_zh: "王小明",
  name_pinyin: "Wang Xiaoming",
  sex: "male",
  birth_year: "1970",
  employer_kind: "soe",
  taken_on: "2024-01-31",
  place_last_seen: "Kunming",
  commission_level: "provincial",
  jurisdiction: "CN-YN",
  taken_source: "wife",
  taken_confidence: "testimony",
  submitter_confidential: "yes",
  consent_publish_name: "no",
  status: "open",
};
const csv = (rows: Row[], columns: ReadonlyArray<string> = CASE_CSV_COLUMNS) =>
  new TextEncoder().encode(formatCsv(columns, rows));
const messages = (bytes: Uint8Array) => parseCaseCsv(bytes, J).issues.map((i) => formatIssue(i));

describe("case CSV import", () => {
  it("reads good rows, with the taken and extension events", () => {
    const { records, issues } = parseCaseCsv(
      csv([
        good,
        {
          ...good,
          extension_approved_on: "2024-04-20",
          extension_source: "n",
          extension_confidence: "official-notice",
        },
      ]),
      J,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[1]!.timeline.map((e) => e.kind)).toEqual(["taken", "extension-approved"]);
  });

  it.each([
    [{ taken_on: "2024-02-30" }, /row 1, column taken_on: must be a date/],
    [{ sex: "m" }, /row 1, column sex:/],
    [{ birth_year: "70" }, /row 1, column birth_year: must be a four-digit year/],
    [{ jurisdiction: "CN-XX" }, /row 1, column jurisdiction: 'CN-XX' is not a jurisdiction of the ledger/],
    [{ jurisdiction: "" }, /row 1, column jurisdiction:/],
    [{ name_zh: "", name_pinyin: "" }, /row 1, column name_zh: needs a name/],
    [{ commission_level: "village" }, /row 1, column commission_level:/],
    [{ taken_confidence: "rumour" }, /row 1, column taken_confidence:/],
    [{ taken_source: "" }, /row 1, column taken_source: is required/],
    [{ consent_publish_name: "maybe" }, /row 1, column consent_publish_name: must be yes or no/],
    [{ extension_approved_on: "2024-04-01" }, /row 1, column extension_source: is required/],
    [{ status: "pending" }, /row 1, column status:/],
  ])("refuses %o with its row and column", (bad, expected) => {
    const result = parseCaseCsv(csv([{ ...good, ...bad } as Row]), J);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => formatIssue(i)).join("\n")).toMatch(expected);
  });

  it("is all or nothing: one bad row among good ones yields no record, and names row 3", () => {
    const result = parseCaseCsv(csv([good, good, { ...good, taken_on: "31/01/2024" }]), J);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => formatIssue(i))).toEqual([expect.stringMatching(/^row 3, column taken_on:/)]);
  });

  it("refuses unknown columns, a missing header column, empty files, bad quoting and non-UTF-8", () => {
    expect(messages(csv([good], [...CASE_CSV_COLUMNS, "email"]))).toEqual(["unknown column(s): email"]);
    expect(messages(csv([good], ["name_zh"]))).toEqual(["column jurisdiction: the header has no jurisdiction column"]);
    expect(messages(new Uint8Array())).toEqual([expect.stringMatching(/empty/)]);
    expect(messages(csv([], CASE_CSV_COLUMNS))).toEqual(["the file has no data rows"]);
    expect(messages(new TextEncoder().encode('name_zh,jurisdiction\n"a"b,CN-YN\n'))[0]).toMatch(/closing quote/);
    expect(messages(Uint8Array.from([0x6e, 0x0a, 0xcd, 0xf5]))[0]).toMatch(/UTF-8/);
  });
});
