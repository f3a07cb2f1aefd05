/**
 * The format-neutral report: sections of paragraphs, tables with typed cells and charts, built from
 * a ledger and options by a pure function. Every figure comes from the methods or the ledger;
 * official figures carry the ids of the sources they were read from, and `footnotes` lists those
 * sources in order of first use, so that every renderer numbers them the same way.
 *
 * The parts live in ./model/, one section or job a file; this module is their public face.
 */
export { buildReport, DEFAULT_DRAWS, DEFAULT_SEED } from "./model/build.ts";
export { cellRefs, cellText, cellValue, chartCaption, reportCharts, reportTables } from "./model/cells.ts";
export {
  captureDate,
  type FootnotePart,
  footnoteOrder,
  footnoteParts,
  footnoteText,
  sourceNote,
  sourceNoteParts,
} from "./model/footnotes.ts";
export type {
  Block,
  Cell,
  Chart,
  ChartId,
  Column,
  CumulativeChart,
  Paragraph,
  ProvincesChart,
  Report,
  ReportOptions,
  Row,
  Section,
  Table,
  YearlyChart,
} from "./model/types.ts";
