/** The report's shape: sections of paragraphs, tables with typed cells and charts. */
import type { CoverageSummary, Source, SourceCaptureSummary } from "../../core/index.ts";
import type { Lang } from "../i18n.ts";
import type { LegalProvision } from "../legal.ts";

/** A table cell. Numbers stay numbers until a renderer formats them; `refs` are source ids. */
export type Cell =
  | { readonly kind: "text"; readonly text: string; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "integer"; readonly value: number; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "decimal"; readonly value: number; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "percent"; readonly value: number; readonly digits: number }
  | { readonly kind: "empty" };

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
}

export interface Row {
  readonly cells: ReadonlyArray<Cell>;
  /** A total row, printed in bold. */
  readonly strong?: boolean;
}

export interface Table {
  /** File and sheet name: estimates, floor, rates … */
  readonly id: string;
  readonly title: string;
  readonly columns: ReadonlyArray<Column>;
  readonly rows: ReadonlyArray<Row>;
}

/** A sentence (or a few) with the sources it cites, as footnotes at its end. */
export interface Paragraph {
  readonly text: string;
  readonly refs: ReadonlyArray<string>;
}

export type ChartId = "yearly" | "cumulative" | "provinces";

interface ChartBase {
  readonly id: ChartId;
  readonly title: string;
  readonly units: string;
  readonly source: string;
  readonly dataDate: string;
  readonly alt: string;
  readonly lang: Lang;
  /** Year ticks whose label is more than the year: an extended or partial year says so. */
  readonly ticks?: ReadonlyArray<{ readonly year: number; readonly label: string }>;
  /** A line under the chart (which years are extended, and by how much). */
  readonly note?: string;
}

export interface YearlyChart extends ChartBase {
  readonly id: "yearly";
  readonly bands: ReadonlyArray<{
    readonly series: string;
    readonly year: number;
    readonly low: number;
    readonly high: number;
  }>;
  readonly official: ReadonlyArray<{ readonly series: string; readonly year: number; readonly value: number }>;
}

export interface CumulativeChart extends ChartBase {
  readonly id: "cumulative";
  readonly band: ReadonlyArray<{
    readonly series: string;
    readonly year: number;
    readonly low: number;
    readonly high: number;
  }>;
  readonly interval: {
    readonly series: string;
    readonly year: number;
    readonly median: number;
    readonly p05: number;
    readonly p95: number;
  };
  readonly floor: { readonly series: string; readonly value: number };
}

export interface ProvincesChart extends ChartBase {
  readonly id: "provinces";
  readonly bars: ReadonlyArray<{ readonly label: string; readonly value: number }>;
  readonly official: ReadonlyArray<{ readonly label: string; readonly value: number }>;
}

export type Chart = YearlyChart | CumulativeChart | ProvincesChart;

export type Block =
  | { readonly kind: "paragraph"; readonly paragraph: Paragraph }
  | { readonly kind: "table"; readonly table: Table }
  | { readonly kind: "chart"; readonly chart: Chart };

export interface Section {
  readonly id: string;
  readonly heading: string;
  readonly blocks: ReadonlyArray<Block>;
}

export interface ReportOptions {
  readonly lang?: Lang;
  /** The generation date (YYYY-MM-DD), stated once in the report; fixed in tests. */
  readonly generated: string;
  /** The software version, stated with the generation date. */
  readonly version: string;
  readonly draws?: number;
  readonly seed?: number;
  /** The SHA-256 of the ledger the report was built from (ledger's `ledgerSha256`), stated in the options table. */
  readonly ledgerSha256?: string;
  /** The `--through` cut the ledger was given with, stated in the options table (absent: every figure). */
  readonly through?: string;
  /** The legal-framework annex rows (data/legal-framework.csv); left out when not given. */
  readonly legal?: ReadonlyArray<LegalProvision>;
  /** The latest capture of each source by id (capture's `captureSummaries`): "captured on … (SHA-256 …)" beside it. */
  readonly captures?: ReadonlyMap<string, SourceCaptureSummary>;
  /**
   * Documented cases against official figures (cases' `coverage`, already suppressed): a section of
   * its own when it has rows; left out when not given or empty.
   */
  readonly coverage?: CoverageSummary;
}

export interface Report {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  /** The one line that states the generation date, software, data date and Monte Carlo seed. */
  readonly colophon: string;
  readonly generated: string;
  readonly version: string;
  readonly draws: number;
  readonly seed: number;
  readonly dataDate: string;
  readonly sections: ReadonlyArray<Section>;
  /** Source ids in order of first use: footnote n is footnotes[n - 1]. */
  readonly footnotes: ReadonlyArray<string>;
  /** Every source of the ledger, by id (footnotes and the sources list read from it). */
  readonly sources: ReadonlyArray<Source>;
  /** The latest capture of each source by id, when the report was built with a capture store. */
  readonly captures?: ReadonlyMap<string, SourceCaptureSummary>;
  /** The data note of each source whose date is impossible for what it reports (footnotes show it). */
  readonly dateNotes?: ReadonlyMap<string, DateNote>;
  readonly assumptionsTable: Table;
}

/** A source dated before the end of a period it reports on: its data note and that period's end. */
export interface DateNote {
  readonly note: string;
  readonly periodEnd: string;
}
