import { describe, expect, it } from "vitest";
import { FIXED_OPTIONS, shippedLedger } from "../../test/support/reports.ts";
import { seedLedger } from "../methods/index.ts";
import { readLegalFramework } from "./legal.ts";
import { buildReport, cellText, footnoteOrder, type Report, reportTables, sourceNote, type Table } from "./model.ts";

// The seed's figures: the ledger cut at the December 2024 submission's window (September 2024).
const ledger = seedLedger(shippedLedger());
const report = buildReport(ledger, { ...FIXED_OPTIONS, legal: readLegalFramework() });

const tableById = (r: Report, id: string): Table => reportTables(r).find((t) => t.id === id)!;
const rowText = (t: Table, first: string) => t.rows.find((r) => cellText(r.cells[0]!) === first)?.cells.map(cellText);
const allText = (r: Report) =>
  r.sections
    .flatMap((s) => s.blocks)
    .map((b) => (b.kind === "paragraph" ? b.paragraph.text : ""))
    .join("\n");

describe("the report model", () => {
  it("reproduces the seed's estimate table (paragraph 25) from the methods", () => {
    const t = tableById(report, "estimates");
    expect(rowText(t, "Total")).toEqual(["Total", "923,000", "44,900", "89,800", "92,300", "184,600"]);
    expect(rowText(t, "Adjusted total")).toEqual([
      "Adjusted total",
      "958,000",
      "46,700",
      "93,400",
      "95,800",
      "191,600",
    ]);
    expect(rowText(t, "2018")).toEqual(["2018", "137,000", "5,500", "11,000", "13,700", "27,400"]);
  });

  it("states the floors, the 2023 rate and Yunnan's extrapolation", () => {
    const text = allText(report);
    // Only the strict figure is called a floor; the submission's 39,547 is named as its sum.
    expect(text).toContain("give a floor of 37,318");
    expect(text).toContain("The submission's sum, 39,547");
    expect(text).toContain("26,000 placements in 2023: 71.2 a day");
    expect(text).toContain("around 198,000 nationwide");
    const floor = tableById(report, "floor");
    expect(floor.rows.at(-1)!.cells.map(cellText)).toEqual(["Total", "", "", "39,547", "37,318"]);
  });

  it("footnotes every official figure, numbered in order of first use", () => {
    expect(report.footnotes).toEqual(footnoteOrder(report.sections));
    expect(new Set(report.footnotes).size).toBe(report.footnotes.length);
    // The first figure footnoted is the ratio's source, then the 2018 punishment figure (fn 13 in the seed).
    expect(report.footnotes.slice(0, 2)).toEqual(["ye-2013-shuanggui", "govcn-20190109-5356088"]);
    const sourceIds = new Set(ledger.sources.map((s) => s.id));
    for (const id of report.footnotes) expect(sourceIds.has(id)).toBe(true);
    // Every Appendix I row cites its own source.
    const appendix = tableById(report, "appendix-i");
    expect(appendix.rows).toHaveLength(ledger.observations.filter((o) => o.measure === "liuzhi_placements").length);
    for (const row of appendix.rows) expect(row.cells.at(-1)).toHaveProperty("refs");
  });

  it("Appendix I keeps the period as printed, the population and its share", () => {
    const appendix = tableById(report, "appendix-i");
    const yunnan = appendix.rows.map((r) => r.cells.map(cellText)).find((r) => r[2] === "6,657");
    expect(yunnan?.slice(0, 5)).toEqual(["Yunnan", "March 2018 - July 27, 2024", "6,657", "47", "3.36%"]);
  });

  it("records the Monte Carlo seed and is the same for the same ledger and options", () => {
    expect(report.colophon).toContain(`seed ${report.seed}`);
    expect(report.colophon).toContain("1 January 2025");
    expect(buildReport(ledger, { ...FIXED_OPTIONS, legal: readLegalFramework() })).toEqual(report);
    const other = buildReport(ledger, { ...FIXED_OPTIONS, seed: 7 });
    expect(other.colophon).toContain("seed 7");
  });

  it("renders the legal framework from the CSV", () => {
    const legal = tableById(report, "legal-framework");
    const articles = legal.rows.map((r) => `${cellText(r.cells[1]!)} ${cellText(r.cells[2]!)}`);
    for (const a of ["arts 2 and 3", "art 9", "art 10", "art 12", "art 13"]) {
      expect(articles).toContain(`Declaration on the Protection of All Persons from Enforced Disappearance ${a}`);
    }
    expect(articles).toContain("International Covenant on Civil and Political Rights art 9 §3");
    expect(articles).toContain("International Covenant on Civil and Political Rights art 9 §4");
    expect(articles).toContain("International Covenant on Civil and Political Rights art 14");
    expect(articles.some((a) => a.startsWith("Rome Statute of the International Criminal Court art 7"))).toBe(true);
    // Rules 44 and 45 as the seed argues them, and the row on the amended law's longer periods.
    expect(articles.filter((a) => a.includes("Mandela Rules"))).toHaveLength(3);
    expect(legal.rows.some((r) => cellText(r.cells[0]!).includes("in force 1 June 2025 (art. 48)"))).toBe(true);
    expect(report.sections.find((s) => s.id === "legal")).toBeDefined();
  });

  it("gives the report in Chinese, with the same figures and source titles as published", () => {
    const zh = buildReport(ledger, { ...FIXED_OPTIONS, lang: "zh" });
    expect(zh.title).toMatch(/留置/);
    expect(rowText(tableById(zh, "estimates"), "合计")).toEqual([
      "合计",
      "923,000",
      "44,900",
      "89,800",
      "92,300",
      "184,600",
    ]);
    expect(zh.footnotes).toEqual(buildReport(ledger, FIXED_OPTIONS).footnotes);
    expect(allText(zh)).toContain("39,547");
  });
});

describe("a source dated before the end of what it reports", () => {
  it("shows its data note in the footnote, not just the date", () => {
    const report = buildReport(ledger, FIXED_OPTIONS);
    // Xinhua's 2021 total is printed as published on 21 January 2021, before 2021 ended.
    const xinhua = report.sources.find((s) => s.id === "xinhua-20220121-1128285643")!;
    expect(report.dateNotes?.get(xinhua.id)?.note).toContain("typo for 2022");
    expect(report.dateNotes?.get(xinhua.id)?.periodEnd).toBe("2021-12-31");
    expect(sourceNote(report, xinhua)).toContain("date as printed; note: Published date as printed (21 January 2021)");
    // A source whose date is possible gets no note.
    const moj = report.sources.find((s) => s.id === "moj-20240125-494041")!;
    expect(sourceNote(report, moj)).not.toContain("date as printed");
    // The Chinese edition states what the note rests on, in Chinese.
    const zh = buildReport(ledger, { ...FIXED_OPTIONS, lang: "zh" });
    expect(sourceNote(zh, xinhua)).toContain("2021年1月21日，");
    expect(sourceNote(zh, xinhua)).toContain("（日期照原文，早于所报期间的结束日2021年12月31日）。");
  });
});
