/** The report as an Excel workbook (exceljs): one sheet per table with numbers as numbers, a Sources sheet, a Method & assumptions sheet. */
import ExcelJS from "exceljs";
import { publisherName, sourceTitle } from "../core/index.ts";
import { CJK } from "./docx-layout.ts";
import { spreadsheetText } from "./format.ts";
import { STRINGS } from "./i18n.ts";
import { type Cell, captureDate, cellRefs, cellText, type Report, reportTables, sourceNote } from "./model.ts";

/** Characters a text takes in a spreadsheet column: a CJK character counts two. */
const displayWidth = (text: string) => [...text].reduce((n, c) => n + (CJK.test(c) ? 2 : 1), 0);

type Value = string | number | null;

/**
 * A row's values as the workbook stores them: numbers as numbers, text as plain (shared) strings,
 * never formulas; text a spreadsheet could take for a formula gets a leading `'` as in the CSV files.
 */
const safe = (values: ReadonlyArray<Value>): Value[] =>
  values.map((v) => (typeof v === "string" ? spreadsheetText(v) : v));

const NUMBER_FORMATS = { integer: "#,##0", decimal: "#,##0.0###", percent: "0.00%" } as const;

/** A sheet name Excel accepts: none of \\ / ? * [ ] :, at most 31 characters, unique regardless of case. */
function sheetName(name: string, taken: Set<string>): string {
  const clean = [...name.replace(/[\\/?*[\]:]/g, " ")];
  let base = clean.slice(0, 31).join("");
  let n = 2;
  while (taken.has(base.toLowerCase())) base = `${clean.slice(0, 28).join("")} ${n++}`;
  taken.add(base.toLowerCase());
  return base;
}

export async function renderXlsx(report: Report): Promise<Buffer> {
  const t = STRINGS[report.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = `Liuzhi Monitor ${report.version}`;
  wb.created = new Date(`${report.generated}T00:00:00Z`);
  wb.modified = wb.created;
  wb.title = report.title;
  const taken = new Set<string>();
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const notes = (c: Cell) =>
    cellRefs(c)
      .map((r) => number.get(r) ?? "")
      .join(", ");

  for (const table of reportTables(report)) {
    // English sheets keep the tables' ids (as the CSV files do); Chinese ones are named by their titles.
    const ws = wb.addWorksheet(sheetName(report.lang === "en" ? table.id : table.title, taken));
    ws.addRow(safe([table.title])).font = { bold: true };
    const header = ws.addRow(safe([...table.columns.map((c) => c.label), t.columns.number]));
    header.font = { bold: true };
    for (const row of table.rows) {
      const values: Value[] = row.cells.map((c) => (c.kind === "empty" ? null : c.kind === "text" ? c.text : c.value));
      const refs = row.cells.map(notes).filter((n) => n !== "");
      const added = ws.addRow(safe([...values, refs.join(", ") || null]));
      row.cells.forEach((c, i) => {
        if (c.kind === "integer" || c.kind === "decimal" || c.kind === "percent") {
          added.getCell(i + 1).numFmt = NUMBER_FORMATS[c.kind];
        }
      });
      if (row.strong) added.font = { bold: true };
    }
    // Each column as wide as its widest cell or header (a Chinese character counts two), so that
    // "2024 (full-year extrapolation)" is never cut; at most 60 characters, beyond which Excel wraps.
    const widths = [...table.columns.map((c) => c.label), t.columns.number].map((label, i) =>
      Math.max(
        displayWidth(label),
        ...table.rows.map((r) => {
          const c = r.cells[i];
          return c ? displayWidth(cellText(c)) + (c.kind === "text" ? 0 : 1) : 0;
        }),
      ),
    );
    ws.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, (widths[i] ?? 8) + 2));
    });
    ws.views = [{ state: "frozen", ySplit: 2 }];
  }

  const c = t.columns;
  const sources = wb.addWorksheet(sheetName(report.lang === "en" ? "Sources" : t.headings.sources, taken));
  sources.addRow(
    safe([
      c.number,
      c.id,
      c.publisher,
      c.titleCol,
      c.titleLang,
      c.published,
      c.url,
      c.archivedUrl,
      t.headings.footnotes,
      ...(report.captures ? [t.capture.capturedOn, t.capture.sha256] : []),
    ]),
  ).font = { bold: true };
  const ordered = [...report.sources].sort(
    (a, b) => (number.get(a.id) ?? 1e9) - (number.get(b.id) ?? 1e9) || a.id.localeCompare(b.id),
  );
  for (const s of ordered) {
    const capture = report.captures?.get(s.id);
    const title = sourceTitle(s, report.lang);
    sources.addRow(
      safe([
        number.get(s.id) ?? null,
        s.id,
        publisherName(s, report.lang),
        title.title,
        t.languageName(title.lang),
        s.published,
        s.url,
        s.archived_url,
        sourceNote(report, s),
        ...(report.captures ? [capture ? captureDate(capture) : null, capture?.sha256 ?? null] : []),
      ]),
    );
  }
  sources.columns.forEach((col, i) => {
    col.width = [6, 30, 40, 50, 8, 12, 60, 30, 80, 12, 66][i] ?? 20;
  });

  const method = wb.addWorksheet(sheetName(report.lang === "en" ? "Method & assumptions" : t.headings.method, taken));
  method.addRow(safe([t.headings.method])).font = { bold: true };
  method.addRow(safe([report.colophon]));
  method.addRow([]);
  for (const section of report.sections) {
    for (const block of section.blocks) {
      if (block.kind === "paragraph") method.addRow(safe([section.heading, block.paragraph.text]));
    }
  }
  method.addRow([]);
  method.addRow(safe([report.assumptionsTable.title])).font = { bold: true };
  method.addRow(safe(report.assumptionsTable.columns.map((col) => col.label))).font = { bold: true };
  for (const row of report.assumptionsTable.rows) {
    method.addRow(
      safe(row.cells.map((cell) => (cell.kind === "empty" ? null : cell.kind === "text" ? cell.text : cell.value))),
    );
  }
  method.getColumn(1).width = 30;
  method.getColumn(2).width = 100;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
