/** `liuzhi report`, `chart` and `cite` run as processes; md/html/csv compared with test/expected, docx to PDF through LibreOffice. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liuzhi, makeTempDir, ROOT, removeDir } from "./helpers.ts";
import { SETUP_COMMAND } from "./support/setup.ts";

const EXPECTED = join(ROOT, "test", "expected");
const DATE = "2025-01-01";
const SEED_FIGURES = ["923,000", "184,600", "958,000", "191,600", "39,547", "37,318", "198,000", "71.2"];

let dir: string;
let db: string;
beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "ledger.sqlite");
  const init = await liuzhi(["init", "--db", db], { cwd: dir });
  expect(init.status, init.stderr).toBe(0);
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

describe.concurrent("liuzhi report", () => {
  it("md matches test/expected and is reproducible", async () => {
    await report("md", join(dir, "a.md"));
    await report("md", join(dir, "b.md"));
    const md = readFileSync(join(dir, "a.md"), "utf8");
    expect(readFileSync(join(dir, "b.md"), "utf8")).toBe(md);
    for (const f of SEED_FIGURES) expect(md).toContain(f);
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

describe.concurrent("liuzhi chart and cite", () => {
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

  it("chart png needs Chromium, and says how to install it when missing", async () => {
    const out = join(dir, "yearly.png");
    const result = await liuzhi(["chart", "yearly", "--format", "png", "--out", out, "--db", db], { cwd: dir });
    if (existsSync("/usr/bin/chromium")) {
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(out).subarray(1, 4).toString()).toBe("PNG");
    } else {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("apt-get install -y chromium");
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

const has = (command: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

describe("docx in LibreOffice", () => {
  it("converts to PDF whose text layer holds the table figures", { timeout: 1_200_000 }, async () => {
    if (!(has("soffice") && has("pdftotext"))) {
      expect.fail(`LibreOffice and poppler are needed for this test; install them with: ${SETUP_COMMAND}`);
    }
    const out = join(dir, "pdf");
    mkdirSync(out, { recursive: true });
    const docx = join(out, "annex.docx");
    await report("docx", docx);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        out,
        docx,
      ],
      { stdio: "ignore", timeout: 180_000 },
    );
    const pdf = join(out, "annex.pdf");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(40);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const f of ["923,000", "44,900", "89,800", "92,300", "184,600", "958,000", "191,600", "39,547", "37,318"]) {
      expect(text).toContain(f);
    }
    expect(text).toContain("https://www.gov.cn/xinwen/2019-01/09/content_5356088.htm");
    // LibreOffice shows a chart's PNG fallback: with Chromium it is the rasterised chart, so the
    // images in the PDF must not be blank (one colour); without it the fallback is blank by design.
    if (existsSync("/usr/bin/chromium") && has("pdfimages")) {
      execFileSync("pdfimages", [pdf, join(out, "image")]);
      const images = readdirSync(out).filter((f) => /^image-\d+\.ppm$/.test(f));
      expect(images.length).toBeGreaterThanOrEqual(3);
      for (const f of images) expect(pixelSpread(readFileSync(join(out, f))), f).toBeGreaterThan(10);
    }
  });
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
