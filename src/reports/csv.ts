/** The report's tables as CSV, one file per table plus the sources, for a folder. */
import { formatCsv, publisherName, type SourceCaptureSummary, sourceTitle } from "../core/index.ts";
import { spreadsheetText } from "./format.ts";
import { STRINGS } from "./i18n.ts";
import { captureDate, cellValue, type Report, reportTables } from "./model.ts";

/** A value as a report CSV holds it: numbers as they are, text guarded against formula injection. */
const safe = (v: string | number | null): string | number | null => (typeof v === "string" ? spreadsheetText(v) : v);

/**
 * File name → CSV text. Numbers are digits only (no thousands separators), shares are fractions.
 * Text that a spreadsheet would read as a formula gets a leading `'` (unlike the data package export).
 */
export function renderCsvFiles(report: Report): Map<string, string> {
  const files = new Map<string, string>();
  for (const table of reportTables(report)) {
    // Rows are keyed by column key (labels may repeat across languages); the header shows the labels.
    const keys = table.columns.map((c) => c.key);
    const rows = table.rows.map((r) => Object.fromEntries(r.cells.map((c, i) => [keys[i]!, safe(cellValue(c))])));
    const body = formatCsv(keys, rows).split("\n").slice(1).join("\n");
    files.set(
      `${table.id}.csv`,
      `${formatCsv(
        table.columns.map((c) => spreadsheetText(c.label)),
        [],
      ).trimEnd()}\n${body}`,
    );
  }
  const { columns: c, capture: k } = STRINGS[report.lang];
  // The capture columns are there only when the report was built with a capture store.
  const header = [
    ...[c.number, c.id, c.publisher, c.titleCol, c.titleLang, c.published, c.url, c.archivedUrl],
    ...(report.captures ? [k.capturedOn, k.sha256] : []),
  ];
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const sources = [...report.sources].sort(
    (a, b) => (number.get(a.id) ?? 1e9) - (number.get(b.id) ?? 1e9) || a.id.localeCompare(b.id),
  );
  files.set(
    "sources.csv",
    formatCsv(
      header,
      sources.map((s) => {
        const title = sourceTitle(s, report.lang);
        return Object.fromEntries(
          [
            ...[
              number.get(s.id) ?? null,
              s.id,
              publisherName(s, report.lang),
              title.title,
              STRINGS[report.lang].languageName(title.lang),
              s.published,
              s.url,
              s.archived_url,
            ],
            ...(report.captures ? captureCells(report.captures.get(s.id)) : []),
          ].map((v, i) => [header[i]!, safe(v)]),
        );
      }),
    ),
  );
  return files;
}

const captureCells = (capture: SourceCaptureSummary | undefined) =>
  capture ? [captureDate(capture), capture.sha256] : [null, null];
