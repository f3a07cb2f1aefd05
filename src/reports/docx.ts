/**
 * The report as a Word document (docx package): real tables, real footnotes numbered in order of
 * first use (one per source; a later mention repeats its number), charts embedded as SVG images
 * with a PNG fallback and alt text.
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
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { renderChartSvg, svgSize } from "./charts.ts";
import { type Cell, cellRefs, cellText, type Report, type Table as ReportTable, sourceNote } from "./model.ts";
import { blankPng, canRasterise, rasteriseSvg } from "./png.ts";

export interface DocxOptions {
  /** Rasterise charts for the PNG fallback with Chromium when it exists (default true). */
  readonly rasterise?: boolean;
}

export async function renderDocx(report: Report, options: DocxOptions = {}): Promise<Buffer> {
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const cited = new Set<string>();
  const refRuns = (refs: ReadonlyArray<string>, size?: number) =>
    refs.flatMap((r) => {
      const n = number.get(r);
      if (n === undefined) return [];
      if (cited.has(r)) return [new TextRun({ text: String(n), superScript: true, ...(size ? { size } : {}) })];
      cited.add(r);
      return [new FootnoteReferenceRun(n)];
    });
  const SMALL = 16; // half-points: 8 pt
  const cell = (c: Cell, numeric: boolean, strong: boolean, header = false) =>
    new TableCell({
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: "E8E8E8", color: "auto" } } : {}),
      children: [
        new Paragraph({
          alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [
            new TextRun({ text: cellText(c), bold: strong || header, size: SMALL }),
            ...refRuns(cellRefs(c), SMALL),
          ],
        }),
      ],
    });
  const table = (t: ReportTable) => [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: t.title, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.columns.map((col) => cell({ kind: "text", text: col.label }, col.numeric, false, true)),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: r.cells.map((c, i) => cell(c, t.columns[i]?.numeric ?? false, r.strong ?? false)),
            }),
        ),
      ],
    }),
    new Paragraph({ text: "" }),
  ];
  const rasterise = (options.rasterise ?? true) && canRasterise();
  const chart = (svg: string, alt: { title: string; description: string; name: string }) => {
    const { width, height } = svgSize(svg);
    const scale = Math.min(1, 620 / width);
    return new Paragraph({
      children: [
        new ImageRun({
          type: "svg",
          data: Buffer.from(svg, "utf8"),
          fallback: { type: "png", data: rasterise ? rasteriseSvg(svg) : blankPng(width, height) },
          transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
          altText: alt,
        }),
      ],
    });
  };

  const body: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: report.title }),
    new Paragraph({ text: report.subtitle }),
    new Paragraph({ children: [new TextRun({ text: report.colophon, italics: true })] }),
  ];
  for (const section of report.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.heading }));
    for (const block of section.blocks) {
      if (block.kind === "paragraph") {
        body.push(new Paragraph({ children: [new TextRun(block.paragraph.text), ...refRuns(block.paragraph.refs)] }));
      } else if (block.kind === "table") {
        body.push(...table(block.table));
      } else {
        const c = block.chart;
        body.push(
          chart(renderChartSvg(c), { title: c.title, description: `${c.alt} ${c.source} ${c.dataDate}`, name: c.id }),
        );
        body.push(
          new Paragraph({ children: [new TextRun({ text: `${c.source} ${c.dataDate}`, size: SMALL, italics: true })] }),
        );
      }
    }
  }

  const footnotes = Object.fromEntries(
    report.footnotes.map((id, i) => {
      const s = sources.get(id);
      return [String(i + 1), { children: [new Paragraph({ text: s ? sourceNote(report, s) : id })] }];
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
            font: { ascii: "Liberation Serif", hAnsi: "Liberation Serif", eastAsia: "Noto Serif CJK SC" },
            size: 21,
          },
        },
      },
    },
    footnotes,
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
