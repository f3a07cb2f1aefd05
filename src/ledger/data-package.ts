import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CsvError,
  CsvRecordReader,
  decodeUtf8,
  formatCsv,
  LEDGER_TABLES,
  type Ledger,
  type LedgerTableName,
  legalRegimes,
  watchList,
} from "../core/index.ts";
import type { InputIssue, TableInput } from "./validate.ts";

/** The reviewed, version-controlled data package shipped in `data/`: the source of truth. */
export const SHIPPED_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

const DESCRIPTOR_FILE = "datapackage.json";

/** The Frictionless Tabular Data Package descriptor of the ledger (no dates: exports are reproducible). */
export function dataPackageDescriptor() {
  return {
    profile: "tabular-data-package",
    name: "liuzhi-monitor-ledger",
    title: "Liuzhi Monitor ledger: official figures on liuzhi (留置) with their sources",
    description:
      "Every official figure on the use of liuzhi (retention in custody) by China's Central Commission for Discipline Inspection / National Supervision Commission that the ledger holds, each with the source it was read from. The first release transcribes the figures of Safeguard Defenders' submission to UN bodies of 12 December 2024 (Appendix I, paragraphs 12, 19-29, the table after paragraph 25 and its footnotes).",
    homepage: "https://github.com/liuzhi-monitor/liuzhi-monitor",
    licenses: [
      {
        name: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
      },
    ],
    resources: [...LEDGER_TABLES, ...PACKAGE_FILES].map((table) => ({
      name: table.name,
      path: `${table.name}.csv`,
      profile: "tabular-data-resource",
      title: table.title,
      description: table.description,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      schema: table.tableSchema,
    })),
  };
}

/**
 * The watch list (data/watch-list.csv) and the legal regimes (data/legal-regimes.csv) are part of
 * the data package but not of the database: the monitor and the deadline watch read them from the
 * package, so an export carries the shipped files, byte for byte.
 */
const PACKAGE_FILES = [watchList, legalRegimes] as const;

/** Writes the ledger as a data package: datapackage.json and one CSV per table. Returns the files written. */
export function writeDataPackage(ledger: Ledger, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const descriptorPath = join(dir, DESCRIPTOR_FILE);
  writeFileSync(descriptorPath, `${JSON.stringify(dataPackageDescriptor(), null, 2)}\n`);
  written.push(descriptorPath);
  for (const table of LEDGER_TABLES) {
    const path = join(dir, `${table.name}.csv`);
    writeFileSync(
      path,
      formatCsv(table.columns, ledger[table.name] as ReadonlyArray<Record<string, string | number | null>>),
    );
    written.push(path);
  }
  for (const table of PACKAGE_FILES) {
    const path = join(dir, `${table.name}.csv`);
    writeFileSync(path, readFileSync(join(SHIPPED_DATA_DIR, `${table.name}.csv`)));
    written.push(path);
  }
  return written;
}

type ReadResult = { inputs: TableInput[]; issues: InputIssue[] };

/**
 * What one import file may be. The whole shipped data package is under 40 KB; 2 MiB holds some
 * ten thousand observations. Larger files are refused before they are read, naming their size;
 * each is read as a stream with a limit per value and per line, so a hostile file cannot take the
 * machine's memory. The import of a file at the limit peaks near 210 MB (measured in
 * test/import-limits.test.ts, budget 300 MB): validation makes short-lived objects for every row,
 * which V8 collects lazily, so peak memory grows with the file even though little of it stays live.
 */
export const IMPORT_LIMITS = {
  maxFileBytes: 2 * 1024 * 1024,
  maxFieldChars: 100_000,
  maxRecordChars: 400_000,
} as const;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Reads a CSV file's header and rows as a stream of chunks, within IMPORT_LIMITS. */
function readCsvStream(path: string): { header: string[]; rows: Array<Record<string, string>> } {
  const size = statSync(path).size;
  if (size > IMPORT_LIMITS.maxFileBytes) {
    throw new CsvError(
      `is ${mib(size)} (${size.toLocaleString("en")} bytes), more than an import accepts (${mib(IMPORT_LIMITS.maxFileBytes)}): split it into several files`,
      null,
    );
  }
  const reader = new CsvRecordReader(IMPORT_LIMITS);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let header: string[] | null = null;
  const rows: Array<Record<string, string>> = [];
  const take = (records: string[][]) => {
    for (const fields of records) {
      if (fields.length === 1 && fields[0] === "") continue;
      if (header === null) {
        header = fields;
        continue;
      }
      if (fields.length !== header.length) {
        throw new CsvError(`has ${fields.length} fields, the header has ${header.length}`, rows.length + 1);
      }
      const h = header;
      rows.push(Object.fromEntries(h.map((name, j) => [name, fields[j] ?? ""])));
    }
  };
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      return decodeUtf8(new Uint8Array([0xff]));
    }
  };
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      take(reader.push(decode(buffer.subarray(0, n))));
    take(reader.push(decode()));
    take(reader.end());
  } finally {
    closeSync(fd);
  }
  if (header === null) throw new CsvError("the file is empty: expected a header row", null);
  return { header, rows };
}

function readCsvFile(path: string, table: LedgerTableName | null): ReadResult {
  const file = basename(path);
  try {
    const { header, rows } = readCsvStream(path);
    const detected = table ?? detectTable(file, header);
    if (!detected) {
      return {
        inputs: [],
        issues: [
          {
            file,
            row: 0,
            column: null,
            message: `cannot tell which table this is: name the file after a table (${LEDGER_TABLES.map((t) => `${t.name}.csv`).join(", ")}) or give it exactly one table's columns`,
          },
        ],
      };
    }
    return { inputs: [{ table: detected, file, header, rows }], issues: [] };
  } catch (error) {
    if (error instanceof CsvError)
      return { inputs: [], issues: [{ file, row: error.row, column: null, message: error.message }] };
    throw error;
  }
}

function detectTable(file: string, header: ReadonlyArray<string>): LedgerTableName | null {
  const byName = LEDGER_TABLES.find((t) => file === `${t.name}.csv`);
  if (byName) return byName.name;
  const byHeader = LEDGER_TABLES.filter(
    (t) => t.columns.length === header.length && t.columns.every((c) => header.includes(c)),
  );
  if (byHeader.length === 1) return byHeader[0]!.name;
  // A header with a misspelt, extra or missing column still tells its table when one table shares
  // most of its columns with it, clearly more than any other: validation then names the column.
  const shared = LEDGER_TABLES.map((t) => ({
    name: t.name,
    size: t.columns.length,
    n: t.columns.filter((c) => header.includes(c)).length,
  }));
  const [best, second] = shared.sort((a, b) => b.n - a.n);
  return best && best.n * 2 > best.size && (second === undefined || second.n < best.n) ? best.name : null;
}

/**
 * Reads what `import` is given: CSV files (each one table, told by its name or its header), a
 * data package folder, or a datapackage.json. Problems with the files come back as issues.
 */
export function readImportFiles(paths: ReadonlyArray<string>): ReadResult {
  const result: ReadResult = { inputs: [], issues: [] };
  for (const path of paths) {
    const one = readImportPath(path);
    result.inputs.push(...one.inputs);
    result.issues.push(...one.issues);
  }
  return result;
}

function readImportPath(path: string): ReadResult {
  const file = basename(path);
  if (!existsSync(path)) return { inputs: [], issues: [{ file, row: null, column: null, message: "no such file" }] };
  if (statSync(path).isDirectory()) return readDataPackage(join(path, DESCRIPTOR_FILE));
  if (file === DESCRIPTOR_FILE) return readDataPackage(path);
  return readCsvFile(path, null);
}

/** Reads a data package's resources; every resource must be one of the ledger's tables. */
export function readDataPackage(descriptorPath: string): ReadResult {
  const dir = join(descriptorPath, "..");
  let descriptor: { resources?: Array<{ name?: string; path?: string }> };
  try {
    descriptor = JSON.parse(readFileSync(descriptorPath, "utf8"));
  } catch (error) {
    return {
      inputs: [],
      issues: [
        {
          file: DESCRIPTOR_FILE,
          row: null,
          column: null,
          message: `cannot be read as JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  const result: ReadResult = { inputs: [], issues: [] };
  for (const resource of descriptor.resources ?? []) {
    // The watch list and the legal regimes are not the database's: checked where they are read
    // (liuzhi watch, the deadline watch).
    if (PACKAGE_FILES.some((t) => t.name === resource.name)) continue;
    const table = LEDGER_TABLES.find((t) => t.name === resource.name);
    if (!table || typeof resource.path !== "string") {
      result.issues.push({
        file: DESCRIPTOR_FILE,
        row: null,
        column: null,
        message: `resource '${String(resource.name)}' is not a ledger table with a path (expected ${LEDGER_TABLES.map((t) => t.name).join(", ")})`,
      });
      continue;
    }
    const one = readCsvFile(join(dir, resource.path), table.name);
    result.inputs.push(...one.inputs);
    result.issues.push(...one.issues);
  }
  return result;
}
