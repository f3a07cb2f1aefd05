import { readFileSync } from "node:fs";
import {
  CsvError,
  decodeUtf8,
  formatIssue,
  parseCsv,
  type RowIssue,
  type WatchEntry,
  watchList,
} from "../core/index.ts";

/** Reads and validates the watch list (data/watch-list.csv): every problem named with its row and column. */
export function readWatchList(
  path: string,
  jurisdictionCodes: ReadonlySet<string>,
): { entries: WatchEntry[]; problems: string[] } {
  const file = path.split(/[\\/]/).pop() ?? path;
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(decodeUtf8(readFileSync(path)));
  } catch (error) {
    if (error instanceof CsvError) return { entries: [], problems: [`${file}: row ${error.row}: ${error.message}`] };
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], problems: [`${path}: no such file`] };
    throw error;
  }
  const issues: RowIssue[] = [];
  const missing = watchList.columns.filter((c) => !table.header.includes(c));
  if (missing.length > 0) issues.push({ row: 0, column: null, message: `missing column(s): ${missing.join(", ")}` });
  const entries: WatchEntry[] = [];
  const ids = new Set<string>();
  table.rows.forEach((raw, i) => {
    const parsed = watchList.parse(raw, i + 1);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return;
    }
    const entry = parsed.value;
    if (ids.has(entry.id)) issues.push({ row: i + 1, column: "id", message: `'${entry.id}' is used twice` });
    if (!jurisdictionCodes.has(entry.jurisdiction))
      issues.push({ row: i + 1, column: "jurisdiction", message: `unknown jurisdiction '${entry.jurisdiction}'` });
    ids.add(entry.id);
    entries.push(entry);
  });
  return issues.length > 0
    ? { entries: [], problems: issues.map((issue) => formatIssue(issue, file)) }
    : { entries, problems: [] };
}
