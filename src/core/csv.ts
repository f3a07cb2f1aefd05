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

/** Longest field and longest record (line) a reader accepts; past them it stops with a CsvError. */
export interface CsvLimits {
  readonly maxFieldChars: number;
  readonly maxRecordChars: number;
}

const QUOTED_SPECIAL = /"/g;
const UNQUOTED_SPECIAL = /[",\r\n]/g;

const NO_LIMITS: CsvLimits = { maxFieldChars: Number.POSITIVE_INFINITY, maxRecordChars: Number.POSITIVE_INFINITY };

/**
 * Splits CSV text given in pieces into records, as the pieces arrive: memory holds one record at a
 * time, never the file. A field or a record longer than the limits stops it at once, naming the
 * row, so one endless line cannot take the memory before it is refused. Row numbers count the
 * header as row 0.
 */
export class CsvRecordReader {
  private record: string[] = [];
  private field = "";
  private quoted = false;
  /** In a quoted field, a quote was just read: the next character says whether it closes the field. */
  private quoteSeen = false;
  /** A quoted field just closed: only a comma or the end of the line may follow. */
  private closed = false;
  /** Outside quotes, a CR was just read: with an LF it ends the record, else it is text. */
  private crSeen = false;
  private recordChars = 0;
  private started = false;
  private records = 0;

  constructor(private readonly limits: CsvLimits = NO_LIMITS) {}

  /** Reads the next piece; returns the records it completed. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    let i = 0;
    while (i < text.length) {
      // Plain text runs are added as one slice: building a field a character at a time would make
      // V8 keep a chain of one-character strings, many times the size of the text.
      if (!this.quoteSeen && !this.crSeen && !this.closed) {
        const special = this.quoted ? QUOTED_SPECIAL : UNQUOTED_SPECIAL;
        special.lastIndex = i;
        const next = special.exec(text)?.index ?? text.length;
        if (next > i) {
          this.add(text.slice(i, next));
          i = next;
          continue;
        }
      }
      this.step(text[i]!, out);
      i += 1;
    }
    return out;
  }

  /** Ends the input; returns the last record, if any. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
      this.closed = true;
    }
    if (this.quoted) throw new CsvError("a quoted field is not closed before the end of the file", this.records);
    if (this.crSeen) {
      this.crSeen = false;
      this.add("\r");
    }
    if (this.field !== "" || this.record.length > 0 || this.closed) this.endRecord(out);
    return out;
  }

  private add(c: string): void {
    this.field += c;
    this.recordChars += c.length;
    if (this.field.length > this.limits.maxFieldChars) {
      throw new CsvError(
        `a field is longer than ${this.limits.maxFieldChars.toLocaleString("en")} characters (the limit for one value)`,
        this.records,
      );
    }
    if (this.recordChars > this.limits.maxRecordChars) {
      throw new CsvError(
        `the row is longer than ${this.limits.maxRecordChars.toLocaleString("en")} characters (the limit for one line)`,
        this.records,
      );
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.closed = false;
  }

  private endRecord(out: string[][]): void {
    this.endField();
    out.push(this.record);
    this.record = [];
    this.recordChars = 0;
    this.records += 1;
  }

  private step(c: string, out: string[][]): void {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      if (c === '"') {
        this.add('"');
        return;
      }
      this.quoted = false;
      this.closed = true;
    }
    if (this.quoted) {
      if (c === '"') this.quoteSeen = true;
      else this.add(c);
      return;
    }
    if (this.crSeen) {
      this.crSeen = false;
      if (c === "\n") {
        this.endRecord(out);
        return;
      }
      this.add("\r");
    }
    if (this.closed && c !== "," && c !== "\n" && c !== "\r") {
      throw new CsvError("a closing quote must be followed by a comma or the end of the line", this.records);
    }
    if (c === '"' && this.field === "" && !this.closed) {
      this.quoted = true;
    } else if (c === ",") {
      this.endField();
      this.recordChars += 1;
    } else if (c === "\r") {
      this.crSeen = true;
    } else if (c === "\n") {
      this.endRecord(out);
    } else {
      this.add(c);
    }
  }
}

/** Splits CSV text into records of fields. Throws CsvError naming the row of a malformed quote. */
export function parseCsvRecords(text: string, limits: CsvLimits = NO_LIMITS): string[][] {
  const reader = new CsvRecordReader(limits);
  return [...reader.push(text), ...reader.end()];
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
