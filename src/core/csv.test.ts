import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, decodeUtf8, formatCsv, parseCsv, parseCsvRecords } from "./csv.ts";

/** The error parseCsv throws for `text`, or a failure if it throws none. */
function csvError(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error("expected a CsvError");
}

describe("parseCsv", () => {
  it("reads a header and rows keyed by column", () => {
    expect(parseCsv("id,value\na,1\nb,2\n")).toEqual({
      header: ["id", "value"],
      rows: [
        { id: "a", value: "1" },
        { id: "b", value: "2" },
      ],
    });
  });

  it("reads quoted fields with embedded commas, newlines and doubled quotes", () => {
    const text = 'id,title,note\nx,"Jan - Aug, 2017","line one\nline two"\ny,"""Special Measures"" - HRW",""\n';
    expect(parseCsv(text).rows).toEqual([
      { id: "x", title: "Jan - Aug, 2017", note: "line one\nline two" },
      { id: "y", title: '"Special Measures" - HRW', note: "" },
    ]);
  });

  it("accepts CRLF line endings and keeps a CRLF inside quotes", () => {
    expect(parseCsv('id,note\r\na,"one\r\ntwo"\r\nb,\r\n').rows).toEqual([
      { id: "a", note: "one\r\ntwo" },
      { id: "b", note: "" },
    ]);
  });

  it("ignores a UTF-8 byte order mark before the header", () => {
    expect(parseCsv("\uFEFFid,name_zh\nCN-YN,云南\n")).toEqual({
      header: ["id", "name_zh"],
      rows: [{ id: "CN-YN", name_zh: "云南" }],
    });
  });

  it("reads a last row without a final newline, and an empty last field", () => {
    expect(parseCsv("a,b\n1,").rows).toEqual([{ a: "1", b: "" }]);
    expect(parseCsv("a,b\n1,2").rows).toEqual([{ a: "1", b: "2" }]);
  });

  it("refuses an empty file", () => {
    expect(csvError("").message).toMatch(/empty/);
  });

  it("refuses an unclosed quote, naming the row it starts in", () => {
    const error = csvError('id,note\na,fine\nb,"never closed\nc,more\n');
    expect(error.row).toBe(2);
    expect(error.message).toMatch(/not closed/);
  });

  it("refuses text after a closing quote, naming the row", () => {
    const error = csvError('id,note\na,"quoted"tail\n');
    expect(error.row).toBe(1);
    expect(error.message).toMatch(/closing quote/);
  });

  it("refuses a row with more or fewer fields than the header, naming the row", () => {
    const more = csvError("a,b\n1,2\n3,4,5\n");
    expect(more.row).toBe(2);
    expect(more.message).toMatch(/3 fields, the header has 2/);
    expect(csvError("a,b\n1\n").row).toBe(1);
  });
});

describe("parseCsvRecords", () => {
  it("splits records and fields without a header", () => {
    expect(parseCsvRecords('1,"2,3"\n4,5')).toEqual([
      ["1", "2,3"],
      ["4", "5"],
    ]);
  });
});

describe("formatCsv", () => {
  it("quotes only fields that need it, writes missing values as empty, ends with one LF", () => {
    const text = formatCsv(
      ["id", "label", "value", "note"],
      [
        { id: "a", label: "2022- Aug 28, 2024", value: 32, note: null },
        { id: "b", label: 'say "hi"', value: 42.5, note: "two\nlines" },
        { id: "c", label: "plain", value: 0, note: undefined },
      ],
    );
    expect(text).toBe(
      'id,label,value,note\na,"2022- Aug 28, 2024",32,\nb,"say ""hi""",42.5,"two\nlines"\nc,plain,0,\n',
    );
  });

  it("writes the columns given, in their order, whatever the row objects hold", () => {
    expect(formatCsv(["b", "a"], [{ a: "1", b: "2", c: "3" }])).toBe("b,a\n2,1\n");
  });
});

describe("formatCsv → parseCsv round trip", () => {
  // Characters that CSV must escape, plus CJK and spaces, so the property reaches every path.
  const text = fc.string({
    unit: fc.constantFrom("a", "Z", "0", " ", ",", '"', "\n", "\r", "\r\n", "云", "南", "é", "-"),
    maxLength: 12,
  });

  it("gives back exactly the header and the rows written", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          text.filter((s) => s.length > 0),
          { minLength: 2, maxLength: 5 },
        ),
        fc.array(fc.array(text, { minLength: 5, maxLength: 5 }), { maxLength: 6 }),
        (columns, values) => {
          const rows = values.map((v) => Object.fromEntries(columns.map((c, i) => [c, v[i] ?? ""])));
          expect(parseCsv(formatCsv(columns, rows))).toEqual({ header: columns, rows });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is byte-identical when written again", () => {
    const written = formatCsv(
      ["id", "title", "quote"],
      [{ id: "x", title: '"Shuanggui" between Discipline and Law', quote: "处分62.1万人,\r\n包括" }],
    );
    const { header, rows } = parseCsv(written);
    expect(formatCsv(header, rows)).toBe(written);
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8, Chinese included", () => {
    expect(decodeUtf8(Buffer.from("code,name_zh\nCN-YN,云南\n", "utf8"))).toBe("code,name_zh\nCN-YN,云南\n");
  });

  it("refuses GBK bytes (云南 is D4 C6 C4 CF in GBK) as not UTF-8", () => {
    const gbk = Buffer.concat([Buffer.from("code,name_zh\nCN-YN,"), Buffer.from([0xd4, 0xc6, 0xc4, 0xcf, 0x0a])]);
    expect(() => decodeUtf8(gbk)).toThrow(CsvError);
    expect(() => decodeUtf8(gbk)).toThrow(/not valid UTF-8.*GBK/);
  });
});
