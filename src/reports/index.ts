/** Reports: a format-neutral model built from a ledger, and its renderers. */
export { CHART_WIDTH, renderChartSvg, svgSize } from "./charts.ts";
export {
  type Captures,
  type CslItem,
  citationTitle,
  toBibtex,
  toCslItems,
  toCslJson,
} from "./citations.ts";
export { renderCsvFiles } from "./csv.ts";
export { DOCX_LANGUAGE, renderDocx } from "./docx.ts";
export { formatDate, formatDecimal, formatInteger, formatNumber, formatPercent, formatRange } from "./format.ts";
export { renderHtml } from "./html.ts";
export { isLang, LANGS, type Lang, STRINGS } from "./i18n.ts";
export { LEGAL_FRAMEWORK_FILE, type LegalProvision, parseLegalFramework, readLegalFramework } from "./legal.ts";
export { escapeMarkdown, markdownUrl, renderMarkdown } from "./markdown.ts";
export {
  type Block,
  buildReport,
  type Cell,
  type Chart,
  type ChartId,
  captureDate,
  cellText,
  cellValue,
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  type FootnotePart,
  footnoteOrder,
  footnoteParts,
  footnoteText,
  type Report,
  type ReportOptions,
  reportCharts,
  reportTables,
  type Section,
  sourceNote,
  sourceNoteParts,
  type Table,
} from "./model.ts";
export { missingPngFonts, PNG_FONTS, pngFontsMissingMessage, rasteriseSvg } from "./png.ts";
export { renderXlsx } from "./xlsx.ts";
