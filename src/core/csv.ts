/**
 * RFC 4180 CSV, small and strict: the data package's files are written by `formatCsv` and read
 * by `parseCsv`, so a round trip through them is byte-identical.
 */

export interface CsvTable {
  readonly header: ReadonlyArray<string>;
  /** Data rows keyed by header name; row i of the file is rows[i - 1]. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number | null,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

/** Splits CSV text into records of fields. Throws CsvError naming the row of a malformed quote. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let fieldText = "";
  let quoted = false;
  let i = 0;
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const endRecord = () => {
    record.push(fieldText);
    records.push(record);
    record = [];
    fieldText = "";
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvError("a closing quote must be followed by a comma or the end of the line", records.length);
        }
        continue;
      }
      fieldText += c;
      i += 1;
      continue;
    }
    if (c === '"' && fieldText === "") {
      quoted = true;
      i += 1;
    } else if (c === ",") {
      record.push(fieldText);
      fieldText = "";
      i += 1;
    } else if (c === "\r" && src[i + 1] === "\n") {
      endRecord();
      i += 2;
    } else if (c === "\n") {
      endRecord();
      i += 1;
    } else {
      fieldText += c;
      i += 1;
    }
  }
  if (quoted) throw new CsvError("a quoted field is not closed before the end of the file", records.length);
  if (fieldText !== "" || record.length > 0) endRecord();
  return records;
}

/** Parses CSV with a header row. Every row must have as many fields as the header. */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = records[0];
  if (!header) throw new CsvError("the file is empty: expected a header row", null);
  const rows = records.slice(1).map((fields, index) => {
    if (fields.length !== header.length) {
      throw new CsvError(`has ${fields.length} fields, the header has ${header.length}`, index + 1);
    }
    return Object.fromEntries(header.map((name, j) => [name, fields[j] ?? ""]));
  });
  return { header, rows };
}

const NEEDS_QUOTES = /[",\r\n]/;

function formatField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes a header and rows as CSV (LF line endings, final newline, quotes only where needed). */
export function formatCsv(
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<Readonly<Record<string, string | number | null | undefined>>>,
): string {
  const lines = [columns.map(formatField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => formatField(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}

/** Decodes bytes as UTF-8, or throws CsvError saying the file is not UTF-8 (a GBK export, say). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(
      "is not valid UTF-8 text (wrong encoding: save the file as UTF-8, for example from a GBK/GB2312 export)",
      null,
    );
  }
}
