/**
 * The shipped data package (data/) holds the seed's figures, exactly. The expected figures are the
 * ones the issue quotes from the seed (Safeguard Defenders, 12 December 2024); the seed itself is
 * not read here. The ledger is built the way the application builds it: a new SQLite file filled
 * from data/.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ledger, Observation } from "../src/core/index.ts";
import { openLedger, readLedger } from "../src/ledger/index.ts";
import { makeTempDir, removeDir } from "./helpers.ts";

let dir: string;
let ledger: Ledger;
beforeAll(async () => {
  dir = makeTempDir();
  const { db, created } = await openLedger({ kind: "sqlite", file: join(dir, "shipped.sqlite") });
  expect(created).toBe(true);
  try {
    ledger = await readLedger(db);
  } finally {
    await db.destroy();
  }
});
afterAll(() => removeDir(dir));

const sum = (rows: ReadonlyArray<Observation>) => rows.reduce((total, o) => total + o.value, 0);
const byMeasure = (measure: string) => ledger.observations.filter((o) => o.measure === measure);
const calendarYear = (o: Observation, year: number) =>
  o.period_start === `${year}-01-01` && o.period_end === `${year}-12-31`;

describe("Appendix I", () => {
  it("has its 28 rows as liuzhi_placements observations appx1-*, summing to 49,992", () => {
    const rows = ledger.observations.filter((o) => o.id.startsWith("appx1-"));
    expect(rows.length).toBe(28);
    expect(rows.every((o) => o.measure === "liuzhi_placements")).toBe(true);
    expect(sum(rows)).toBe(49_992);
    // One row per row number 1..28 of the appendix.
    expect(rows.map((o) => Number(/^appx1-(\d+)-/.exec(o.id)?.[1])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 28 }, (_, i) => i + 1),
    );
    expect(rows.every((o) => Number.isInteger(o.value) && o.qualifier === "exact")).toBe(true);
  });

  it("records each row's period as printed and as ISO dates, and its scope", () => {
    const rows = ledger.observations.filter((o) => o.id.startsWith("appx1-"));
    for (const o of rows) {
      expect(o.period_label, o.id).not.toBe("");
      expect(o.period_start <= o.period_end, o.id).toBe(true);
    }
    expect(rows.filter((o) => o.period_label === "March - Dec 2018").length).toBeGreaterThan(0);
    for (const o of rows.filter((r) => r.period_label === "March - Dec 2018")) {
      expect([o.period_start, o.period_end]).toEqual(["2018-03-01", "2018-12-31"]);
    }
    const pilot = rows.filter((o) => o.period_label.includes("(Pilot)"));
    expect(pilot.length).toBeGreaterThan(0);
    expect(pilot.every((o) => o.scope === "pilot")).toBe(true);
    const scopes = new Set(rows.map((o) => o.scope));
    for (const scope of ["all", "pilot", "campaign:law-enforcement", "campaign:bribery", "bribery-only"]) {
      expect(scopes, scope).toContain(scope);
    }
    // The ambiguous Guizhou period keeps its label as printed and says what was chosen.
    const guizhou = rows.find((o) => o.period_label === "2022- Aug 28, 2024");
    expect(guizhou?.jurisdiction).toBe("CN-GZ");
    expect(guizhou?.period_end).toBe("2024-08-28");
    expect(guizhou?.note ?? "").not.toBe("");
  });

  it("has the 2023 nationwide placement figure, 26,000, exactly once", () => {
    const nationwide2023 = byMeasure("liuzhi_placements").filter(
      (o) => o.jurisdiction === "CN" && calendarYear(o, 2023),
    );
    expect(nationwide2023.map((o) => o.value)).toEqual([26_000]);
    expect(ledger.observations.filter((o) => o.value === 26_000).length).toBe(1);
  });
});

describe("the yearly CCDI figures behind the estimate table", () => {
  it("people punished in categories 3 and 4: 2018-2023 and Jan-Sep 2024, summing to 923,000", () => {
    // The seed's window ends in September 2024; later figures are checked below.
    const rows = byMeasure("punished_cat3_4").filter((o) => o.jurisdiction === "CN" && o.period_end <= "2024-09-30");
    const periods = rows.map((o) => `${o.period_start}/${o.period_end}`).sort();
    expect(periods).toEqual([
      ...[2018, 2019, 2020, 2021, 2022, 2023].map((y) => `${y}-01-01/${y}-12-31`),
      "2024-01-01/2024-09-30",
    ]);
    expect(sum(rows)).toBe(923_000);
  });

  it("category 4 only: 55,000 for 2018, every such row of the seed derived from the table with its arithmetic noted", () => {
    const rows = byMeasure("punished_cat4").filter((o) => o.source_id === "sd-2024-12-12");
    const y2018 = rows.filter((o) => o.jurisdiction === "CN" && calendarYear(o, 2018));
    expect(y2018.map((o) => o.value)).toEqual([55_000]);
    expect(rows.length).toBe(7);
    for (const o of rows) {
      expect(o.derivation, o.id).toBe("derived");
      expect(o.note ?? "", o.id).not.toBe("");
    }
  });

  it("the CCDI's own fourth-form counts stand beside the derived ones, published, each compared in its note", () => {
    const published = byMeasure("punished_cat4").filter((o) => o.derivation === "published");
    const years = (year: number) => published.filter((o) => calendarYear(o, year)).map((o) => o.value);
    expect([years(2020), years(2021), years(2023)]).toEqual([[68_000], [74_000], [66_000]]);
    for (const id of ["punished-cat4-2020-ccdi", "punished-cat4-2021-ccdi", "punished-cat4-2023-ccdi"]) {
      const o = published.find((x) => x.id === id);
      expect(o?.note, id).toMatch(/derived punished-cat4-20\d\d/);
    }
    // The derived rows are kept: the methods and the seed's table still read them.
    expect(byMeasure("punished_cat4").filter((o) => o.derivation === "derived")).toHaveLength(7);
  });

  it("total punished in 2018 is 621,000 (62.1万), from the source whose title states it", () => {
    const [total2018, ...others] = byMeasure("punished_total").filter((o) => calendarYear(o, 2018));
    expect(others).toEqual([]);
    expect(total2018?.value).toBe(621_000);
    const source = ledger.sources.find((s) => s.id === total2018?.source_id);
    expect(source?.title).toContain("62.1万");
  });

  it("cases filed in 2023: 626,000", () => {
    const rows = byMeasure("cases_filed").filter((o) => calendarYear(o, 2023));
    expect(rows.map((o) => [o.value, o.unit])).toEqual([[626_000, "cases"]]);
  });

  it("forced returns (Sky Net): the seed's at least 12,000, 2014-2023", () => {
    const rows = byMeasure("forced_returns").filter((o) => o.source_id === "sd-2024-12-12");
    expect(rows.map((o) => [o.value, o.qualifier, o.period_start, o.period_end])).toEqual([
      [12_000, "at-least", "2014-01-01", "2023-12-31"],
    ]);
  });

  it("average liuzhi durations: 42.5, 58.5 and 78.7 days", () => {
    const rows = byMeasure("liuzhi_duration_avg_days");
    expect(rows.map((o) => o.value).sort((a, b) => a - b)).toEqual([42.5, 58.5, 78.7]);
    expect(rows.every((o) => o.unit === "days")).toBe(true);
  });
});

describe("the figures published since the seed", () => {
  const one = (id: string) => ledger.observations.find((o) => o.id === id);
  const sourceOf = (id: string) => ledger.sources.find((s) => s.id === one(id)?.source_id);

  it("2024 nationwide: 38,000 placed in liuzhi, 877,000 cases filed, 889,000 punished, each quoted from Safeguard Defenders", () => {
    expect(
      ["liuzhi-placements-2024", "cases-filed-2024", "punished-total-2024"].map((id) => [
        one(id)?.value,
        one(id)?.period_start,
        one(id)?.period_end,
      ]),
    ).toEqual([
      [38_000, "2024-01-01", "2024-12-31"],
      [877_000, "2024-01-01", "2024-12-31"],
      [889_000, "2024-01-01", "2024-12-31"],
    ]);
    expect(one("liuzhi-placements-2024")?.quote).toContain("38,000 in 2024");
    expect(one("cases-filed-2024")?.quote).toContain("877,000");
    expect(one("punished-total-2024")?.quote).toContain("889,000");
    expect(sourceOf("liuzhi-placements-2024")?.url).toBe(
      "https://safeguarddefenders.com/en/blog/liuzhi-use-partys-secret-detention-system-soars",
    );
  });

  it("January-September 2025: 789,000 filed, 677,000 punished, forms 3 and 4 66,000 each (3+4: 132,000, derived)", () => {
    const jan2025 = (id: string) => [one(id)?.value, one(id)?.period_start, one(id)?.period_end, one(id)?.unit];
    expect(jan2025("cases-filed-2025-jan-sep")).toEqual([789_000, "2025-01-01", "2025-09-30", "cases"]);
    expect(jan2025("punished-total-2025-jan-sep")).toEqual([677_000, "2025-01-01", "2025-09-30", "people"]);
    expect(jan2025("punished-cat3-2025-jan-sep")).toEqual([66_000, "2025-01-01", "2025-09-30", "person-times"]);
    expect(jan2025("punished-cat4-2025-jan-sep")).toEqual([66_000, "2025-01-01", "2025-09-30", "person-times"]);
    expect(jan2025("punished-cat3-4-2025-jan-sep")).toEqual([132_000, "2025-01-01", "2025-09-30", "person-times"]);
    expect(one("punished-cat3-4-2025-jan-sep")?.derivation).toBe("derived");
    expect(one("cases-filed-2025-jan-sep")?.quote).toContain("78.9萬件");
    // The release itself was not found: the note says whose words the quote is.
    expect(one("cases-filed-2025-jan-sep")?.note).toMatch(/not found/);
    expect(sourceOf("cases-filed-2025-jan-sep")?.published).toBe("2025-10-29");
  });
});

describe("the official record (issue 21)", () => {
  const one = (id: string) => ledger.observations.find((o) => o.id === id);
  const added = () => {
    const sourceIds = new Set(
      ledger.sources.filter((s) => s.cited_in === "not in the seed (added for issue 21)").map((s) => s.id),
    );
    return ledger.observations.filter((o) => sourceIds.has(o.source_id));
  };
  const series = (measure: string) =>
    byMeasure(measure)
      .filter((o) => o.jurisdiction === "CN" && o.scope === "all" && o.period_end.slice(5) === "12-31")
      .filter((o) => o.period_start.slice(5) === "01-01" && o.period_start.slice(0, 4) === o.period_end.slice(0, 4));

  it("2025's full year: 1,012,000 cases filed, 983,000 punished, 727,000 by Party discipline", () => {
    const values = ["cases-filed-2025", "punished-total-2025", "punished-party-2025"].map((id) => [
      one(id)?.value,
      one(id)?.period_start,
      one(id)?.period_end,
    ]);
    expect(values).toEqual([
      [1_012_000, "2025-01-01", "2025-12-31"],
      [983_000, "2025-01-01", "2025-12-31"],
      [727_000, "2025-01-01", "2025-12-31"],
    ]);
    expect(one("cases-filed-2025")?.quote).toContain("101.2萬件");
    expect(one("cases-filed-2025")?.printed_precision).toBe(1000);
    // Two reports of one release, in traditional characters as printed.
    expect(one("cases-filed-2025-ltn")?.quote).toContain("一〇一．二萬件");
  });

  it("the 4,306 of 2025 are bribe-givers transferred, recorded as such and never as all transfers", () => {
    const o = one("transfers-sent-2025-bribery");
    expect([o?.measure, o?.value, o?.scope, o?.printed_precision]).toEqual(["transfers_sent", 4306, "bribery-only", 1]);
    expect(o?.quote).toContain("立案行賄人員3.3萬人，移送檢察機關4306人");
    expect(byMeasure("transfers_sent").filter((x) => x.scope === "all" && x.period_start >= "2025-01-01")).toEqual([]);
  });

  it("the SPP's transfers received and prosecuted, 2018 to 2025", () => {
    const received = series("transfers_received").filter((o) => o.qualifier === "exact");
    expect(received.map((o) => [o.period_start.slice(0, 4), o.value]).sort()).toEqual([
      ["2018", 16_092],
      ["2019", 24_234],
      ["2023", 20_000],
      ["2024", 27_000],
      ["2025", 30_000],
    ]);
    const prosecuted = series("transfers_prosecuted").filter((o) => o.qualifier === "exact");
    expect(prosecuted.map((o) => [o.period_start.slice(0, 4), o.value]).sort()).toEqual([
      ["2023", 18_000],
      ["2024", 24_000],
      ["2025", 29_000],
    ]);
    // The stored report prints 3万, not the 3.05万 the issue cites from other reports; the note says so.
    expect(one("transfers-received-2025")?.note).toMatch(/3\.05万/);
  });

  it("cases filed: every calendar year 2013-2025 but 2015 (not found)", () => {
    const years = [...new Set(series("cases_filed").map((o) => Number(o.period_start.slice(0, 4))))].sort();
    expect(years).toEqual([2013, 2014, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it("Sky Net: the yearly counts found and the decade's more than 14,000", () => {
    expect(one("forced-returns-2018")?.value).toBe(1335);
    expect(one("forced-returns-2020")?.value).toBe(1421);
    expect([one("forced-returns-2015-2024")?.value, one("forced-returns-2015-2024")?.qualifier]).toEqual([
      14_000,
      "at-least",
    ]);
  });

  it("Hangzhou's pilot placements stand under the city (CN-ZJ-330100, a prefecture), not Zhejiang", () => {
    const o = one("hangzhou-liuzhi-2017-pilot");
    expect([o?.jurisdiction, o?.value, o?.scope]).toEqual(["CN-ZJ-330100", 31, "pilot"]);
    expect(ledger.jurisdictions.find((j) => j.code === "CN-ZJ-330100")?.level).toBe("prefecture");
  });

  it("every row added is published, quoted verbatim with its language, and read on a page with an address", () => {
    const rows = added();
    expect(rows.length).toBeGreaterThan(100);
    const sources = new Map(ledger.sources.map((s) => [s.id, s]));
    for (const o of rows) {
      expect(o.derivation, o.id).toBe("published");
      expect(o.quote ?? "", o.id).not.toBe("");
      expect(o.quote_lang, o.id).not.toBeNull();
      expect(o.printed_precision, o.id).not.toBeNull();
      expect(sources.get(o.source_id)?.url ?? "", o.id).toMatch(/^https?:\/\//);
      // A traditional-character page is quoted in traditional characters, a simplified one in simplified.
      if (o.quote_lang === "zh") expect(o.quote, o.id).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("populations", () => {
  it("every one of the 31 provinces has a population: the seed's Pop. M where it prints one, else the 2020 census", () => {
    const provinces = ledger.jurisdictions.filter((j) => j.level === "province");
    expect(provinces).toHaveLength(31);
    const byCode = new Map(provinces.map((j) => [j.code, j]));
    expect([byCode.get("CN-GD")?.population_m, byCode.get("CN-GD")?.population_source_id]).toEqual([
      126.01,
      "nbs-20210511-census-3",
    ]);
    expect([byCode.get("CN-XZ")?.population_m, byCode.get("CN-NX")?.population_m]).toEqual([3.65, 7.2]);
    expect(provinces.filter((j) => j.population_source_id === "sd-2024-12-12")).toHaveLength(17);
    expect(provinces.filter((j) => j.population_source_id === "nbs-20210511-census-3")).toHaveLength(14);
    expect(byCode.get("CN-YN")?.note).toContain("47.21");
  });

  it("uses the seed's Pop. M: 1,398 nationwide, 47 for Yunnan, each with its source", () => {
    const byCode = new Map(ledger.jurisdictions.map((j) => [j.code, j]));
    expect(byCode.get("CN")?.population_m).toBe(1398);
    expect(byCode.get("CN-YN")?.population_m).toBe(47);
    expect(byCode.get("CN-YN")?.name_zh).toBe("云南");
    const sourceIds = new Set(ledger.sources.map((s) => s.id));
    for (const j of ledger.jurisdictions.filter((x) => x.population_m !== null)) {
      expect(sourceIds.has(j.population_source_id ?? ""), j.code).toBe(true);
    }
  });

  it("has the nation and every jurisdiction an observation names", () => {
    const codes = new Set(ledger.jurisdictions.map((j) => j.code));
    expect(codes).toContain("CN");
    for (const o of ledger.observations) expect(codes.has(o.jurisdiction), o.id).toBe(true);
  });
});

describe("sources", () => {
  it("every observation's source exists", () => {
    const ids = new Set(ledger.sources.map((s) => s.id));
    for (const o of ledger.observations) expect(ids.has(o.source_id), `${o.id} → ${o.source_id}`).toBe(true);
  });

  it("keeps Chinese titles in Chinese", () => {
    const titles = ledger.sources.map((s) => s.title ?? "");
    expect(titles.some((t) => t.includes("2018年全国纪检监察机关处分62.1万人"))).toBe(true);
    for (const s of ledger.sources.filter((x) => x.title_lang === "zh")) {
      expect(s.title, s.id).toMatch(/\p{Script=Han}/u);
    }
  });

  it("records the archive.ph copies as archived_url", () => {
    const archived = ledger.sources.map((s) => s.archived_url);
    expect(archived).toContain("https://archive.ph/odKbU");
    expect(archived).toContain("https://archive.ph/jWnOB");
  });

  it("the durations cite the Xinhua articles that have the archived copies", () => {
    const sources = new Map(ledger.sources.map((s) => [s.id, s]));
    const cited = byMeasure("liuzhi_duration_avg_days").map((o) => sources.get(o.source_id)?.archived_url);
    expect(new Set(cited)).toEqual(new Set(["https://archive.ph/odKbU", "https://archive.ph/jWnOB"]));
  });
});
