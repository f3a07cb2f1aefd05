/** `liuzhi report`, `chart` and `cite` run as processes; md/html/csv compared with test/expected, docx to PDF through LibreOffice. */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORD_JOINER } from "../src/core/index.ts";
import { ledgerSha256, openLedger, readLedger } from "../src/ledger/index.ts";
import { initLedgerDir, liuzhi, ROOT, removeDir } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import { hasCommand, SETUP_COMMAND } from "./support/setup.ts";

const EXPECTED = join(ROOT, "test", "expected");
const SHOTS = join(ROOT, "test-output");
const DATE = "2025-01-01";
const SEED_FIGURES = ["923,000", "184,600", "958,000", "191,600", "39,547", "37,318", "198,000", "71.2"];

let dir: string;
let db: string;
beforeAll(async () => {
  ({ dir, db } = await initLedgerDir());
});
afterAll(() => removeDir(dir));

/**
 * Compares a generated file with its expected copy. A difference (or a missing copy) writes the new
 * output beside it as NAME.actual and fails; LIUZHI_UPDATE_EXPECTED=1 accepts it instead.
 */
function expectSnapshot(name: string, actual: string): void {
  const file = join(EXPECTED, name);
  const actualFile = `${file}.actual`;
  if (process.env.LIUZHI_UPDATE_EXPECTED === "1") {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (expected !== actual) {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(actualFile, actual);
    expect.fail(
      `${name} differs from test/expected/${name}; the new output is in ${actualFile} (LIUZHI_UPDATE_EXPECTED=1 accepts it)`,
    );
  }
}

async function report(format: string, out: string, extra: string[] = []) {
  // The December 2024 submission's figures: the ledger through September 2024 (later figures are in the default report).
  const result = await liuzhi(
    ["report", "--format", format, "--out", out, "--date", DATE, "--db", db, "--through", "2024-09-30", ...extra],
    { cwd: dir },
  );
  expect(result.status, result.stderr).toBe(0);
  return result;
}

// Run side by side, each starting the CLI as a process: on a busy machine one takes longer than 30 s.
describe.concurrent("liuzhi report", { timeout: 180_000 }, () => {
  it("md matches test/expected and is reproducible", async () => {
    await report("md", join(dir, "a.md"));
    // Run again into another folder, under the same name (the chart files are named after the report).
    mkdirSync(join(dir, "again"), { recursive: true });
    await report("md", join(dir, "again", "a.md"));
    const md = readFileSync(join(dir, "a.md"), "utf8");
    expect(readFileSync(join(dir, "again", "a.md"), "utf8")).toBe(md);
    expect(readFileSync(join(dir, "again", "a-yearly.svg"), "utf8")).toBe(
      readFileSync(join(dir, "a-yearly.svg"), "utf8"),
    );
    for (const f of SEED_FIGURES) expect(md).toContain(f);
    // Each chart is an SVG file beside the Markdown, linked as an image with its text alternative.
    for (const chart of ["yearly", "cumulative", "provinces"]) {
      expect(md).toMatch(new RegExp(`!\\[[^\\]]+\\]\\(a-${chart}\\.svg\\)`));
      const svg = readFileSync(join(dir, `a-${chart}.svg`), "utf8");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/);
    }
    expect(md).not.toContain("`liuzhi chart");
    expectSnapshot("report.md", md);
  });

  it("html matches test/expected", async () => {
    await report("html", join(dir, "a.html"));
    expectSnapshot("report.html", readFileSync(join(dir, "a.html"), "utf8"));
  });

  it("zh markdown matches test/expected", async () => {
    await report("md", join(dir, "zh.md"), ["--lang", "zh"]);
    const md = readFileSync(join(dir, "zh.md"), "utf8");
    expect(md).toContain("# 留置");
    expect(md).toContain("李希在二十届中央纪委三次全会上的工作报告");
    expectSnapshot("report.zh.md", md);
  });

  it("csv writes one file per table into a folder, matching test/expected/csv", async () => {
    const out = join(dir, "csv");
    await report("csv", out);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      expect.arrayContaining(["estimates.csv", "appendix-i.csv", "legal-framework.csv", "sources.csv"]),
    );
    for (const f of files) expectSnapshot(join("csv", f), readFileSync(join(out, f), "utf8"));
  });

  it("xlsx cells read back as numbers", async () => {
    const out = join(dir, "a.xlsx");
    await report("xlsx", out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("estimates")!;
    const adjusted: unknown[] = [];
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Adjusted total") adjusted.push(...[2, 3, 4, 5, 6].map((i) => row.getCell(i).value));
    });
    expect(adjusted).toEqual([958000, 46700, 93400, 95800, 191600]);
    // The first column is wide enough for its longest label ("2024 (full-year extrapolation)").
    const labels: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) labels.push(String(row.getCell(1).value));
    });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(Math.max(...labels.map((l) => l.length)));
    // Every number is stored as a number: the sensitivity table's ends too (0.1, 42.5 …).
    const sensitivity = wb.getWorksheet("sensitivity")!;
    const ends: unknown[] = [];
    sensitivity.eachRow((row, n) => {
      if (n > 2) ends.push(row.getCell(2).value, row.getCell(3).value);
    });
    const numeric = ends.filter((v) => typeof v === "string" && /^-?[\d.,]+$/.test(v));
    expect(numeric).toEqual([]);
    expect(ends.filter((v) => typeof v === "number").length).toBeGreaterThanOrEqual(4);
    expect(wb.getWorksheet("Sources")).toBeDefined();
    expect(wb.getWorksheet("Method & assumptions")).toBeDefined();
  });

  it("docx holds the figures in document.xml and one footnote per cited source", async () => {
    const out = join(dir, "a.docx");
    await report("docx", out);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const document = await zip.file("word/document.xml")!.async("string");
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    for (const f of SEED_FIGURES) expect(document).toContain(f);
    const refs = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(refs.length).toBeGreaterThan(20);
    expect(refs).toEqual(refs.map((_, i) => i + 1));
    expect(footnotes).toContain("https://www.gov.cn/xinwen/2019-01/09/content_5356088.htm");
    expect(footnotes).toContain("https://archive.ph/odKbU");
    // Footnote marks side by side are separated by a comma: each run is a mark (a reference, or a
    // repeated number in superscript) or a comma, and no two marks touch.
    const runs = [...document.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) =>
      m[1]!.includes("<w:footnoteReference")
        ? "mark"
        : m[1]!.includes('w:val="superscript"')
          ? /<w:t[^>]*>,<\/w:t>/.test(m[1]!)
            ? "comma"
            : "mark"
          : "text",
    );
    const touching = runs.filter((r, i) => r === "mark" && runs[i + 1] === "mark").length;
    expect(runs.filter((r) => r === "comma").length).toBeGreaterThan(0);
    expect(touching).toBe(0);
  });

  it("docx (the whole ledger): says person-times, compares with the December 2024 submission, states the ledger's SHA-256", async () => {
    const { db: handle } = await openLedger({ kind: "sqlite", file: db });
    const hash = ledgerSha256(await readLedger(handle));
    await handle.destroy();
    for (const lang of ["en", "zh"] as const) {
      const out = join(dir, `whole-${lang}.docx`);
      const made = await liuzhi(
        ["report", "--format", "docx", "--lang", lang, "--out", out, "--date", DATE, "--db", db],
        { cwd: dir },
      );
      expect(made.status, made.stderr).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(out));
      const text = (await zip.file("word/document.xml")!.async("string"))
        .replace(/<\/w:p>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replaceAll(WORD_JOINER, "");
      expect(text).toContain(lang === "en" ? "person-times" : "人次");
      expect(text).toContain(lang === "en" ? "Since the December 2024 submission" : "2024年12月提交材料以来");
      // The submission's own range, computed from the ledger cut at 30 September 2024, beside today's.
      expect(text).toContain("92,300–184,600");
      expect(text).toContain("113,400–226,800");
      expect(text).toContain(hash);
      // No estimate is called a number of people placed.
      expect(text).not.toMatch(lang === "en" ? /people placed (per year|, cumulative)/ : /留置人数估算/);
      if (lang === "zh") expect(text).toContain("留置人次估算");
    }
  });

  it("html fits a 390 px phone: no horizontal scroll, in English and Chinese", async () => {
    const { context, close } = await launchChromium();
    try {
      for (const lang of ["en", "zh"]) {
        const out = join(dir, `phone-${lang}.html`);
        await report("html", out, ["--lang", lang]);
        const page = await context.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`file://${out}`);
        const widths = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(widths.scroll, lang).toBeLessThanOrEqual(widths.client);
        // A table's cells keep their column's label on the phone.
        expect(await page.locator("#table-estimates td").first().getAttribute("data-label")).toBeTruthy();
        await page.close();
      }
    } finally {
      await close();
    }
  });

  it("a bad --lang or a missing --out exits 2", async () => {
    const lang = await liuzhi(["report", "--format", "md", "--out", join(dir, "x.md"), "--lang", "fr", "--db", db], {
      cwd: dir,
    });
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain("--lang");
    const out = await liuzhi(["report", "--format", "md", "--db", db], { cwd: dir });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("--out");
  });
});

// Run side by side, each starting the CLI as a process: on a busy machine one takes longer than 30 s.
describe.concurrent("liuzhi chart and cite", { timeout: 180_000 }, () => {
  for (const name of ["yearly", "cumulative", "provinces"]) {
    it(`chart ${name} --format svg writes a standalone, labelled SVG`, async () => {
      const out = join(dir, `${name}.svg`);
      const result = await liuzhi(["chart", name, "--format", "svg", "--out", out, "--db", db], { cwd: dir });
      expect(result.status, result.stderr).toBe(0);
      const svg = readFileSync(out, "utf8");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-label="/);
      expect(svg).toContain("<title>");
      expect(svg).toContain("Data up to");
    });
  }

  it("chart png is drawn without a browser, in the chart's language", { timeout: 300_000 }, async () => {
    for (const lang of ["en", "zh"]) {
      const out = join(dir, `yearly-${lang}.png`);
      const result = await liuzhi(["chart", "yearly", "--format", "png", "--lang", lang, "--out", out, "--db", db], {
        cwd: dir,
        // No browser on the PATH or at the usual place would change anything: none is used.
        env: { ...process.env, PATH: "/usr/bin:/bin", LIUZHI_CHROMIUM: "/nonexistent" },
      });
      expect(result.status, result.stderr).toBe(0);
      const png = readFileSync(out);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(2 * 720); // drawn at twice the SVG's size
    }
  });

  it("an unknown chart exits 2", async () => {
    const result = await liuzhi(["chart", "pie", "--db", db], { cwd: dir });
    expect(result.status).toBe(2);
  });

  it("cite writes BibTeX and CSL-JSON for every source", async () => {
    const bib = await liuzhi(["cite", "--format", "bibtex", "--db", db], { cwd: dir });
    expect(bib.status, bib.stderr).toBe(0);
    const sources =
      readFileSync(join(ROOT, "data", "sources.csv"), "utf8")
        .trim()
        .split("\n").length - 1;
    expect(bib.stdout.match(/^@\w+\{/gm)).toHaveLength(sources);
    const csl = await liuzhi(["cite", "--format", "csl-json", "--db", db], { cwd: dir });
    expect(csl.status, csl.stderr).toBe(0);
    const items = JSON.parse(csl.stdout) as Array<{ id: string; title: string }>;
    expect(items).toHaveLength(sources);
    expect(items.find((i) => i.id === "xinhua-20180402-1122623057")?.title).toBe(
      "浙江:严格规范留置措施 有效开展监察调查",
    );
  });
});

/** Converts a docx to PDF with LibreOffice (its own profile, so runs never share one); returns the PDF's path. */
function toPdf(docx: string, outDir: string): string {
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(outDir, "lo-profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      docx,
    ],
    { stdio: "ignore", timeout: 600_000 },
  );
  return docx.replace(/\.docx$/, ".pdf");
}

const pageTexts = (pdf: string): string[] =>
  execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\f");

describe.concurrent("docx in LibreOffice", () => {
  for (const lang of ["en", "zh"] as const) {
    it(`${lang}: the PDF holds the figures, fitted tables, headings kept with their text, the options table and the charts once`, {
      timeout: 1_200_000,
    }, async () => {
      if (!(hasCommand("soffice") && hasCommand("pdftotext") && hasCommand("pdftoppm") && hasCommand("pdfimages"))) {
        expect.fail(`LibreOffice and poppler are needed for this test; install them with: ${SETUP_COMMAND}`);
      }
      const out = join(dir, `pdf-${lang}`);
      mkdirSync(out, { recursive: true });
      const docx = join(out, `annex-${lang}.docx`);
      await report("docx", docx, ["--lang", lang]);

      // The document declares its language: styles (w:lang, East Asian text zh-CN) and core properties.
      const zip = await JSZip.loadAsync(readFileSync(docx));
      const styles = await zip.file("word/styles.xml")!.async("string");
      const core = await zip.file("docProps/core.xml")!.async("string");
      const document = await zip.file("word/document.xml")!.async("string");
      // Latin text (figures, addresses) is en-GB in both editions, so it is broken as Latin text.
      expect(styles).toContain('<w:lang w:val="en-GB" w:eastAsia="zh-CN"/>');
      expect(core).toContain(`<dc:language>${lang === "en" ? "en-GB" : "zh-CN"}</dc:language>`);
      // Chinese has no italic: only the English colophon is set in italics.
      expect(document.includes("<w:i/>")).toBe(lang === "en");
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${DATE}T00:00:00Z</dcterms:created>`);

      // Appendix I: columns fitted (figures narrow, the source's host wide enough for one line), numbers right-aligned.
      const appendix = /Official \(partial\) data on liuzhi use|留置使用的官方（部分）数据/.exec(document);
      expect(appendix).not.toBeNull();
      const tbl = document.slice(appendix!.index).match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
      const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toHaveLength(6);
      const [coverage, period, count, population, share, source] = grid as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      for (const numeric of [count, population, share])
        expect(numeric).toBeLessThan(Math.min(coverage, period, source));
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 2 * 1440);
      expect(tbl).toContain(">www.ccdi.gov.cn<");
      expect(tbl).not.toContain(">https://");
      expect(tbl).toMatch(/<w:jc w:val="right"\/>[\s\S]*?>6,657</);

      const pdf = toPdf(docx, out);
      const pages = pageTexts(pdf);
      const text = pages.join("\n");
      for (const f of ["923,000", "44,900", "89,800", "92,300", "184,600", "958,000", "191,600", "39,547", "37,318"]) {
        expect(text).toContain(f);
      }
      // Each address once, whole, in its footnote; the table shows the host.
      expect(text.replace(/\s+/g, "")).toContain("https://www.ccdi.gov.cn/yaowen/201901/t20190108_186564.html");
      if (lang === "zh") {
        // No figure, date or address split across two lines of a paragraph (a table's cells are laid
        // out by pdftotext one per line, so a line ending a figure and the next starting one is not a split).
        const lines = text.split("\n");
        const splits = lines.flatMap((line, i) => {
          const next = lines[i + 1] ?? "";
          const figure = /\d[,.]$/.test(line) && /^\d/.test(next);
          const inNumber =
            /[\u4e00-\u9fff，。（）]\d{1,3}(,\d{1,2})?$/.test(line) && /^\d*[,.]?\d*[%年月日万]/.test(next);
          // The digits of a year split ("2/019年"); LibreOffice may still break between a digit and 年/月/日.
          const date = /\d$/.test(line) && /^\d+ ?[年月日]/.test(next);
          const address = /https?:\/\/[\w%/.?=&#:~+-]*$/.test(line) && /^[\w%/.-]/.test(next);
          return figure || inNumber || date || address ? [`${line.slice(-30)} | ${next.slice(0, 30)}`] : [];
        });
        // An address longer than a line (the percent-encoded one) may only break where it must.
        expect(splits.filter((s) => !s.includes("%E"))).toEqual([]);
        // The title on one line: no character left alone on a second.
        expect(lines[0]!.replace(/\s+/g, "")).toBe("留置：2018年3月以来的使用规模估算");
        // Person-times, the comparison with the submission and the ledger's hash are in the PDF too.
        expect(text).toContain("人次");
        expect(text.replace(/\s+/g, "")).toContain("92,300–184,600");
      }
      // The options this report was built with, as the method sentence promises.
      expect(text).toContain(lang === "en" ? "Options this report was built with" : "本报告的生成选项");
      expect(text).toContain(lang === "en" ? "Monte Carlo seed" : "蒙特卡洛随机种子");
      // A chart's source line is in the chart (an image here), not repeated as text beside it.
      expect(text).not.toContain(lang === "en" ? "Source: Liuzhi Monitor, from official figures" : "来源：留置监测");
      // No heading is left at the foot of a page: the line after it, on its page, is body text, not a footnote.
      const headings = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<w:t[^>]*>([^<]+)<\/w:t>/g)].map(
        (m) => m[1]!,
      );
      expect(headings.length).toBeGreaterThanOrEqual(8);
      // LibreOffice spaces Chinese from digits ("2024 年 12 月"): headings are compared without spaces.
      const bare = (s: string) => s.replace(/\s+/g, "");
      for (const heading of headings) {
        const page = pages.find((p) => bare(p).includes(bare(heading)));
        expect(page, heading).toBeDefined();
        const lines = page!.split("\n").filter((l) => l.trim() !== "");
        const next = lines[lines.findIndex((l) => bare(l).includes(bare(heading))) + 1];
        expect(next, `the line after "${heading}"`).toBeDefined();
        // A footnote line starts with its number run into the publisher ("39Central …", "12中央…").
        expect(next, `the line after "${heading}"`).not.toMatch(/^\d{1,2}(?![\d,.\s年月日%])/);
      }
      // The charts' PNG fallbacks (what LibreOffice shows) are drawn, not blank.
      execFileSync("pdfimages", [pdf, join(out, "image")]);
      // The pictures themselves, not their alpha masks (a uniform "smask" beside each PNG).
      const pictures = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" })
        .split("\n")
        .slice(2)
        .map((l) => l.trim().split(/\s+/))
        .filter((c) => c[2] === "image")
        .map((c) => `image-${c[1]!.padStart(3, "0")}.ppm`);
      const images = readdirSync(out).filter((f) => pictures.includes(f));
      expect(images.length).toBeGreaterThanOrEqual(3);
      for (const f of images) expect(pixelSpread(readFileSync(join(out, f))), f).toBeGreaterThan(10);

      // One page as a reader sees it, for people to look at: Appendix I, in test-output/ (and, in
      // English, the copy the README shows).
      const appendixPage =
        pages.findIndex((p) => /Official \(partial\) data on liuzhi use|留置使用的官方（部分）数据/.test(p)) + 1;
      mkdirSync(SHOTS, { recursive: true });
      const prefix = join(SHOTS, `report-docx-${lang}-appendix`);
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "80",
        "-singlefile",
        "-f",
        String(appendixPage),
        "-l",
        String(appendixPage),
        pdf,
        prefix,
      ]);
      expect(readFileSync(`${prefix}.png`).subarray(1, 4).toString()).toBe("PNG");
      if (lang === "en") copyFileSync(`${prefix}.png`, join(ROOT, "docs", "images", "report-docx-appendix.png"));
    });
  }
});

/** The standard deviation of the samples of a binary PPM (P6) image: 0 for a blank one. */
function pixelSpread(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PPM image");
  const data = ppm.subarray(header[0].length);
  let sum = 0;
  let squares = 0;
  for (const v of data) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / data.length;
  return Math.sqrt(squares / data.length - mean * mean);
}
