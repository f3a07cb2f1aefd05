/**
 * The report as a Word document (docx package): real tables with columns fitted to their content,
 * real footnotes numbered in order of first use (one per source; a later mention repeats its
 * number), charts embedded as SVG images with a PNG fallback (drawn by resvg, no browser) and alt
 * text. The document declares its language — in its core properties, and in its styles (`w:lang`):
 * East Asian text as zh-CN, so that Chinese is set in Simplified Chinese glyph forms, and Latin text
 * (figures, addresses, English titles) as en-GB in both editions, so that LibreOffice breaks it as
 * Latin text and never inside a figure ("75,1/49", "2/019年"). In the Chinese edition addresses are
 * joined (core's joinUnbreakable), so none is split unless it is longer than a line, and the title
 * is set to fit on one line.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { joinUnbreakable } from "../core/index.ts";
import { renderChartSvg, svgSize } from "./charts.ts";
import { fitColumns, headerLines, shortUrl } from "./docx-layout.ts";
import type { Lang } from "./i18n.ts";
import {
  type Cell,
  cellRefs,
  cellText,
  chartCaption,
  type Report,
  type Table as ReportTable,
  sourceNote,
} from "./model.ts";
import { rasteriseSvgAsync } from "./png.ts";

/** The document's language (BCP 47, as Word writes it); East Asian text is Simplified Chinese in both editions. */
export const DOCX_LANGUAGE: Readonly<Record<Lang, string>> = { en: "en-GB", zh: "zh-CN" };
const EAST_ASIAN = "zh-CN";
/** The language of Latin-script runs in both editions: they are broken as Latin text. */
const LATIN = "en-GB";
/**
 * The Chinese title's size in half-points: one line on the A4 text width (the joiner does not hold
 * two Chinese characters together in LibreOffice, so a title that wrapped could leave one alone).
 */
const ZH_TITLE_SIZE = 44;

const escapeXml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/**
 * docProps/core.xml written out in full: the docx package has no field for the language, and it
 * stamps the time of packing, which would make two runs differ; the report's own date is used.
 */
function coreProperties(report: Report): string {
  const date = `${report.generated}T00:00:00Z`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(report.title)}</dc:title>`,
    `<dc:subject>${escapeXml(report.subtitle)}</dc:subject>`,
    `<dc:creator>Liuzhi Monitor ${escapeXml(report.version)}</dc:creator>`,
    `<dc:description>${escapeXml(report.colophon)}</dc:description>`,
    `<dc:language>${DOCX_LANGUAGE[report.lang]}</dc:language>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`,
    "</cp:coreProperties>",
  ].join("");
}

export async function renderDocx(report: Report): Promise<Buffer> {
  // Every text of the Chinese edition with its addresses joined; the English as it is.
  const keep = (text: string) => (report.lang === "zh" ? joinUnbreakable(text) : text);

  // Every chart's PNG fallback is drawn on resvg's threads while the rest of the document is put
  // together here; each chart's paragraph waits for its own PNG.
  const charts = report.sections.flatMap((section) =>
    section.blocks.flatMap((block) => (block.kind === "chart" ? [block.chart] : [])),
  );
  const svgs = new Map(charts.map((c) => [c, renderChartSvg(c)]));
  const pngs = new Map(charts.map((c) => [c, rasteriseSvgAsync(svgs.get(c)!, report.lang)]));
  // Awaited below with the body; marked handled now, so an error thrown before then (a missing font)
  // is reported by that await instead of ending the process as an unhandled rejection.
  for (const png of pngs.values()) png.catch(() => undefined);
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const cited = new Set<string>();
  // A source's first mark is its footnote; later marks repeat its number (Word has one reference per
  // footnote). Marks side by side are separated by a comma, so "³⁴,³⁵" never reads as 3435.
  const refRuns = (refs: ReadonlyArray<string>, size?: number) =>
    refs
      .filter((r) => number.has(r))
      .flatMap((r, i) => {
        const n = number.get(r)!;
        const sup = (text: string) => new TextRun({ text, superScript: true, ...(size ? { size } : {}) });
        const comma = i > 0 ? [sup(",")] : [];
        if (cited.has(r)) return [...comma, sup(String(n))];
        cited.add(r);
        return [...comma, new FootnoteReferenceRun(n)];
      });
  const SMALL = 16; // half-points: 8 pt
  // A table cell's text as printed: an address as its host (the footnote it carries has the full link).
  const shown = (c: Cell) => (c.kind === "text" ? shortUrl(c.text) : cellText(c));
  const marks = (c: Cell) =>
    cellRefs(c)
      .filter((r) => number.has(r))
      .map((r) => number.get(r))
      .join(",");
  const cell = (c: Cell, numeric: boolean, strong: boolean, width: number, header = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: "E8E8E8", color: "auto" } } : {}),
      children: [
        new Paragraph({
          alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          // The header row stays with the first row of the table.
          keepNext: header,
          children: [
            // A header's lines (a Chinese unit on a line of its own), bold; a cell's text with its marks.
            ...(header ? headerLines(shown(c)) : [shown(c)]).map(
              (text, line) =>
                new TextRun({
                  text: keep(text),
                  bold: strong || header,
                  size: SMALL,
                  ...(line > 0 ? { break: 1 } : {}),
                }),
            ),
            ...refRuns(cellRefs(c), SMALL),
          ],
        }),
      ],
    });
  const table = (t: ReportTable) => {
    const widths = fitColumns(
      t.columns.map((col, i) => ({
        numeric: col.numeric,
        header: col.label,
        cells: t.rows.map((r) => {
          const c = r.cells[i] ?? { kind: "empty" as const };
          return `${shown(c)}${marks(c)}`;
        }),
      })),
      SMALL,
    );
    return [
      new Paragraph({
        keepNext: true,
        keepLines: true,
        spacing: { before: 120, after: 60 },
        children: [new TextRun({ text: keep(t.title), bold: true })],
      }),
      new Table({
        width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: t.columns.map((col, i) =>
              cell({ kind: "text", text: col.label }, col.numeric, false, widths[i]!, true),
            ),
          }),
          ...t.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: r.cells.map((c, i) =>
                  cell(c, t.columns[i]?.numeric ?? false, r.strong ?? false, widths[i] ?? 0),
                ),
              }),
          ),
        ],
      }),
      new Paragraph({ text: "" }),
    ];
  };
  // The chart's SVG carries its title, units, legend, source line and data date; nothing is repeated beside it.
  const chart = (svg: string, png: Buffer, alt: { title: string; description: string; name: string }) => {
    const { width, height } = svgSize(svg);
    const scale = Math.min(1, 620 / width);
    return new Paragraph({
      children: [
        new ImageRun({
          type: "svg",
          data: Buffer.from(svg, "utf8"),
          fallback: { type: "png", data: png },
          transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
          altText: alt,
        }),
      ],
    });
  };

  const body: Array<Paragraph | Table | Promise<Paragraph>> = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: report.title }),
    new Paragraph({ text: keep(report.subtitle) }),
    // Chinese has no italic (LibreOffice would slant the glyphs): the Chinese colophon is set upright.
    new Paragraph({ children: [new TextRun({ text: keep(report.colophon), italics: report.lang === "en" })] }),
  ];
  for (const section of report.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: keep(section.heading), keepNext: true }));
    for (const block of section.blocks) {
      if (block.kind === "paragraph") {
        body.push(
          new Paragraph({ children: [new TextRun(keep(block.paragraph.text)), ...refRuns(block.paragraph.refs)] }),
        );
      } else if (block.kind === "table") {
        body.push(...table(block.table));
      } else {
        const c = block.chart;
        body.push(
          pngs.get(c)!.then((png) =>
            chart(svgs.get(c)!, png, {
              title: c.title,
              description: chartCaption(c, report.lang),
              name: c.id,
            }),
          ),
        );
      }
    }
  }

  const footnotes = Object.fromEntries(
    report.footnotes.map((id, i) => {
      const s = sources.get(id);
      return [String(i + 1), { children: [new Paragraph({ text: keep(s ? sourceNote(report, s) : id) })] }];
    }),
  );
  const doc = new Document({
    creator: `Liuzhi Monitor ${report.version}`,
    title: report.title,
    description: report.colophon,
    styles: {
      default: {
        document: {
          run: {
            // Times New Roman is on every Word reader's machine; LibreOffice sets it in Liberation
            // Serif, drawn to the same widths, so the fitted columns hold either way.
            font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "Noto Serif CJK SC" },
            size: 21,
            language: { value: LATIN, eastAsia: EAST_ASIAN },
          },
        },
        title: {
          paragraph: { spacing: { after: 120 } },
          ...(report.lang === "zh" ? { run: { size: ZH_TITLE_SIZE } } : {}),
        },
        // Headings stay with what follows them, with room above.
        heading1: { paragraph: { keepNext: true, keepLines: true, spacing: { before: 360, after: 120 } } },
      },
    },
    footnotes,
    sections: [{ children: await Promise.all(body) }],
  });
  return Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: coreProperties(report) }]);
}
