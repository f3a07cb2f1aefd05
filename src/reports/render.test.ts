import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "./charts.ts";
import { toBibtex, toCslItems } from "./citations.ts";
import { renderCsvFiles } from "./csv.ts";
import { renderDocx } from "./docx.ts";
import { renderHtml } from "./html.ts";
import { readLegalFramework } from "./legal.ts";
import { renderMarkdown } from "./markdown.ts";
import { buildReport, footnoteText, reportCharts } from "./model.ts";
import { FIXED_OPTIONS, shippedLedger } from "./testing.ts";
import { renderXlsx } from "./xlsx.ts";

const ledger = shippedLedger();
const report = buildReport(ledger, { ...FIXED_OPTIONS, legal: readLegalFramework() });
const SEED_FIGURES = ["923,000", "184,600", "958,000", "191,600", "39,547", "37,318", "198,000", "71.2", "26,000"];
const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
const sourceById = new Map(ledger.sources.map((s) => [s.id, s]));

describe("markdown, html and csv", () => {
  it("are byte-identical for the same ledger and options", () => {
    const again = buildReport(shippedLedger(), { ...FIXED_OPTIONS, legal: readLegalFramework() });
    expect(renderMarkdown(again)).toBe(renderMarkdown(report));
    expect(renderHtml(again)).toBe(renderHtml(report));
    expect([...renderCsvFiles(again)]).toEqual([...renderCsvFiles(report)]);
  });

  it("markdown holds the figures and one footnote per cited source, in order", () => {
    const md = renderMarkdown(report);
    for (const f of SEED_FIGURES) expect(md).toContain(f);
    const defs = [...md.matchAll(/^\[\^(\d+)\]: (.*)$/gm)];
    expect(defs.map((d) => Number(d[1]))).toEqual(report.footnotes.map((_, i) => i + 1));
    for (const [i, d] of defs.entries()) {
      expect(d[2]).toBe(footnoteText(sourceById.get(report.footnotes[i]!)!, "en"));
    }
    const firstUse = [...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1]));
    expect([...new Set(firstUse)]).toEqual(report.footnotes.map((_, i) => i + 1));
  });

  it("html is self-contained with inline CSS and accessible inline SVG charts", () => {
    const html = renderHtml(report);
    expect(html).toMatch(/<style>[\s\S]*@media print/);
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img" aria-label="/g)).toHaveLength(3);
    for (const f of SEED_FIGURES) expect(html).toContain(f);
  });

  it("csv writes one file per table with plain digits", () => {
    const files = renderCsvFiles(report);
    expect([...files.keys()]).toContain("estimates.csv");
    expect([...files.keys()]).toContain("sources.csv");
    expect(files.get("estimates.csv")).toContain("\nTotal,923000,44900,89800,92300,184600\n");
  });
});

describe("charts", () => {
  it("carry a title, units, source line, data date and text alternative", () => {
    for (const chart of reportCharts(report)) {
      const svg = renderChartSvg(chart);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain(`<title>${chart.title}.`);
      expect(svg).toContain('role="img"');
      expect(svg).toContain(chart.units);
      expect(svg).toContain("Data up to");
      expect(svg).toContain("Source: Liuzhi Monitor");
      expect(renderChartSvg(chart)).toBe(svg);
    }
  });
});

describe("xlsx", () => {
  it("has one sheet per table with numbers as numbers, a Sources sheet and a method sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(report)) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(["estimates", "floor", "appendix-i", "Sources", "Method & assumptions"]),
    );
    const estimates = wb.getWorksheet("estimates")!;
    let total: unknown[] = [];
    estimates.eachRow((row) => {
      if (row.getCell(1).value === "Total") total = [2, 3, 4, 5, 6].map((i) => row.getCell(i).value);
    });
    expect(total).toEqual([923000, 44900, 89800, 92300, 184600]);
    const sources = wb.getWorksheet("Sources")!;
    expect(sources.rowCount).toBe(ledger.sources.length + 1);
    expect(sources.getRow(2).getCell(2).value).toBe(report.footnotes[0]);
    const method = wb.getWorksheet("Method & assumptions")!;
    const values: unknown[] = [];
    method.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(report.seed);
    expect(values).toContain(0.1);
  });
});

describe("docx", () => {
  it("has real tables and real footnotes, one per source, numbered in order of first use", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(report, { rasterise: false }));
    const document = await zip.file("word/document.xml")!.async("string");
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    expect(document).toContain("<w:tbl>");
    for (const f of SEED_FIGURES) expect(document).toContain(f);
    const refs = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs).toEqual(report.footnotes.map((_, i) => i + 1));
    const notes = [...footnotes.matchAll(/<w:footnote (?:[^>]*\s)?w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)].filter(
      (m) => Number(m[1]) > 0,
    );
    expect(notes).toHaveLength(report.footnotes.length);
    notes.forEach((m, i) => {
      const text = [...m[2]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join("");
      expect(text.trim()).toBe(footnoteText(sourceById.get(report.footnotes[i]!)!, "en"));
    });
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.filter((f) => f.endsWith(".svg"))).toHaveLength(3);
  });
});

describe("citations", () => {
  it("writes every source, Chinese titles kept", () => {
    const bib = toBibtex(ledger);
    expect(bib.match(/^@(online|report)\{/gm)).toHaveLength(ledger.sources.length);
    expect(bib).toContain("title = {2018年全国纪检监察机关处分62.1万人 包括51名省部级及以上干部}");
    const csl = toCslItems(ledger);
    expect(csl).toHaveLength(ledger.sources.length);
    const moj = csl.find((c) => c.id === "moj-20240125-494041")!;
    expect(moj.issued).toEqual({ "date-parts": [[2024, 1, 25]] });
    expect(moj.language).toBe("zh-CN");
    expect(csl.find((c) => c.id === "xinhua-20180402-1122623057")!.note).toBe("Archived: https://archive.ph/odKbU");
  });
});
