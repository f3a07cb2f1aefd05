/**
 * The Chinese edition of the report and the charts, made by `liuzhi report --lang zh` and
 * `liuzhi chart --lang zh` as processes: no untranslated English word in the Markdown, HTML, CSV
 * and Word text or in the charts' SVG text (names of English-language publications, URLs,
 * identifiers and commands aside; see support/english-words.ts for the allowlist).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decodeUtf8, parseCsv } from "../src/core/index.ts";
import { initLedgerDir, liuzhi, removeDir } from "./helpers.ts";
import { untranslatedWords } from "./support/english-words.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const ledger = shippedLedger();
// Each test runs the CLI as a process (a few seconds each, longer on a busy machine).
vi.setConfig({ testTimeout: 180_000 });
let dir: string;
let db: string;

beforeAll(async () => {
  ({ dir, db } = await initLedgerDir());
}, 60_000);
afterAll(() => removeDir(dir));

async function run(args: string[]): Promise<void> {
  const result = await liuzhi([...args, "--db", db], { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
}

const report = (format: string, out: string) =>
  run(["report", "--format", format, "--lang", "zh", "--date", "2025-01-01", "--out", join(dir, out)]);

/** An HTML or SVG document's text, commands (<code>) and styles left out, with its text alternatives. */
function documentText(markup: string): string {
  const { document } = parseHTML(markup);
  for (const el of document.querySelectorAll("style, script, code")) el.remove();
  // A table's cells are read apart: "31" beside an address in the next cell is not "31http".
  for (const el of document.querySelectorAll("td, th")) el.append(" ");
  // Inside a role="img" (a chart) only the image's own label is heard: its marks' labels are not exposed.
  const heard = (el: Element) => {
    const image = el.parentElement?.closest('[role="img"]');
    return !image || (el.tagName.toLowerCase() === "title" && el.parentElement === image);
  };
  const labels = [...document.querySelectorAll("[aria-label], [alt], title")]
    .filter(heard)
    .map((el) => `${el.getAttribute("aria-label") ?? ""} ${el.getAttribute("alt") ?? ""} ${el.textContent ?? ""}`);
  return [document.documentElement?.textContent ?? "", ...labels].join("\n");
}

describe("the Chinese report", () => {
  it("Markdown has no untranslated English word", async () => {
    await report("md", "zh.md");
    // Code spans are commands (`liuzhi chart yearly --format svg`), not words to translate.
    // Image links name the chart files beside the Markdown ("zh-yearly.svg"): file names, not words.
    const text = readFileSync(join(dir, "zh.md"), "utf8")
      .replace(/`[^`]*`/g, " ")
      .replace(/\]\([^)\s]*\.svg\)/g, "] ");
    expect(text).toContain("2021年1月至6月");
    // A title we supplied is said in Chinese, and the footnote takes Chinese punctuation.
    expect(text).toContain(
      "[^11]: 中央纪委国家监委，\\[留置人数：江西，2018年3月至12月\\]，<https://www.ccdi.gov.cn/yaowen/201901/t20190117_187267.html>。",
    );
    expect(untranslatedWords(text, ledger)).toEqual([]);
  });

  it("HTML has no untranslated English word", async () => {
    await report("html", "zh.html");
    const text = documentText(readFileSync(join(dir, "zh.html"), "utf8"));
    expect(text).toContain("中央纪委国家监委");
    expect(untranslatedWords(text, ledger)).toEqual([]);
  });

  it("CSV tables have no untranslated English word, the legal framework and assumptions included", async () => {
    await report("csv", "csv");
    const files = readdirSync(join(dir, "csv"));
    expect(files).toEqual(expect.arrayContaining(["legal-framework.csv", "assumptions.csv", "sources.csv"]));
    const cells = files.flatMap((file) => {
      const { header, rows } = parseCsv(decodeUtf8(readFileSync(join(dir, "csv", file))));
      return [...header, ...rows.flatMap((row) => Object.values(row))];
    });
    const text = cells.join("\n");
    expect(text).toContain("《公民权利和政治权利国际公约》");
    expect(untranslatedWords(text, ledger)).toEqual([]);
  });

  it("Excel: every sheet's name and cell has no untranslated English word", async () => {
    await report("xlsx", "zh.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "zh.xlsx"));
    const cells: string[] = [];
    book.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? ""))));
    });
    const text = cells.join("\n");
    expect(text).toContain("[留置人数：江西，2018年3月至12月]");
    expect(untranslatedWords(text, ledger)).toEqual([]);
  });

  it("Word text (body and footnotes) has no untranslated English word", async () => {
    await report("docx", "zh.docx");
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "zh.docx")));
    const parts = await Promise.all(
      ["word/document.xml", "word/footnotes.xml"].map(async (name) => (await zip.file(name)?.async("string")) ?? ""),
    );
    const text = parts
      .join("\n")
      .replace(/<\/w:p>/g, "\n")
      .replace(/<w:tab\/>/g, " ")
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
    expect(text).toContain("留置");
    expect(untranslatedWords(text, ledger)).toEqual([]);
  });

  for (const chart of ["yearly", "cumulative", "provinces"]) {
    it(`chart ${chart}: the SVG's text and its text alternative have no English word`, async () => {
      await run(["chart", chart, "--format", "svg", "--lang", "zh", "--out", join(dir, `${chart}.svg`)]);
      const text = documentText(readFileSync(join(dir, `${chart}.svg`), "utf8"));
      expect(text).toMatch(/来源/);
      expect(untranslatedWords(text, ledger)).toEqual([]);
    });
  }
});
