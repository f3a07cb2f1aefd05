/** Reading a report back: its tables and charts, and a cell as a reader or a machine sees it. */
import { formatInteger, formatNumber, formatPercent } from "../format.ts";
import type { Cell, Chart, Report, Table } from "./types.ts";

/** The tables of a report, in order. */
export function reportTables(report: Report): Table[] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])));
}

/** The charts of a report, in order. */
export function reportCharts(report: Report): Chart[] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
}

/** A cell as the reader sees it (without footnote marks). */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "integer":
      return formatInteger(cell.value);
    case "decimal":
      return formatNumber(cell.value);
    case "percent":
      return formatPercent(cell.value, cell.digits);
    case "empty":
      return "";
  }
}

/** A cell as a machine reads it (CSV): digits only, shares as fractions. */
export function cellValue(cell: Cell): string | number | null {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "integer":
    case "decimal":
    case "percent":
      return cell.value;
    case "empty":
      return null;
  }
}

export function cellRefs(cell: Cell): ReadonlyArray<string> {
  return "refs" in cell && cell.refs ? cell.refs : [];
}

/** A chart's text alternative with its source and data date, as one caption in the report's language. */
export function chartCaption(chart: Chart, lang: "en" | "zh"): string {
  // Chinese sentences follow one another without a space.
  return [chart.alt, chart.source, chart.dataDate].join(lang === "zh" ? "" : " ");
}
