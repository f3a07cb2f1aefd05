import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import { extrapolations } from "./extrapolate.ts";
import { rates } from "./rates.ts";
import { seedLedger } from "./seed.ts";
import { triangulate } from "./triangulate.ts";

const current = shippedLedger();
// The seed's figures: the ledger cut at the seed's September 2024 window.
const ledger = seedLedger(current);

describe("rates and stock", () => {
  const [y2023] = rates(ledger);

  it("has one row per year with a nationwide placement figure: 2023, 26,000, 71 a day", () => {
    expect(rates(ledger).map((r) => r.year)).toEqual([2023]);
    expect(y2023?.placements).toBe(26000);
    expect(y2023?.perDay).toBe(71.2);
    expect(Math.round(y2023?.perDay ?? 0)).toBe(71);
  });

  it("gives placements per case filed (26,000 of 626,000)", () => {
    expect(y2023?.perCaseFiled).toBe(0.0415);
    expect(y2023?.casesFiledId).toBe("cases-filed-2023");
  });

  it("gives the number held on an average day for each recorded duration (Little's law)", () => {
    expect(y2023?.stock.map((s) => [s.durationDays, s.heldOnAverageDay])).toEqual([
      [42.5, Math.round((26000 * 42.5) / 365)],
      [58.5, Math.round((26000 * 58.5) / 365)],
      [78.7, Math.round((26000 * 78.7) / 365)],
    ]);
  });
});

describe("rates with the figures published since the seed", () => {
  it("2024: 38,000 of 877,000 cases filed is 4.33%, against 4.15% for 2023 (computed here; the quote the ledger holds does not state it)", () => {
    const byYear = new Map(rates(current).map((r) => [r.year, r]));
    expect([...byYear.keys()]).toEqual([2023, 2024]);
    expect(byYear.get(2023)?.perCaseFiled).toBe(0.0415);
    expect(byYear.get(2024)?.perCaseFiled).toBe(0.0433);
    expect(byYear.get(2024)?.casesFiledId).toBe("cases-filed-2024");
    expect(byYear.get(2024)?.perDay).toBe(Math.round((38000 / 366) * 10) / 10);
  });
});

describe("population extrapolation", () => {
  it("scales Yunnan's 6,657 (47 M of 1,398 M) to about 198,000, as the seed says", () => {
    const yunnan = extrapolations(ledger).find((e) => e.id === "appx1-22-cn-yn");
    expect(yunnan?.nationalEquivalentAround).toBe(198000);
    expect(yunnan?.nationalEquivalent).toBe(Math.round((6657 * 1398) / 47));
    expect(yunnan?.populationShare).toBe(0.0336);
  });

  it("every province has a population: a census-filled province's figure is extrapolated, with its source named", () => {
    const provinces = current.jurisdictions.filter((j) => j.level === "province");
    expect(provinces).toHaveLength(31);
    expect(provinces.every((j) => j.population_m !== null && j.population_source_id !== null)).toBe(true);
    const guangdong = { ...current.observations[0]!, id: "gd-test", jurisdiction: "CN-GD", value: 1260 };
    const e = extrapolations({ ...current, observations: [guangdong] });
    expect(e.map((x) => [x.id, x.populationM, x.populationSourceId])).toEqual([
      ["gd-test", 126.01, "nbs-20210511-census-3"],
    ]);
    // Seed provinces keep the seed's Pop. M, so the seed's 198,000 for Yunnan stands.
    expect(extrapolations(current).find((x) => x.id === "appx1-22-cn-yn")?.populationSourceId).toBe("sd-2024-12-12");
  });

  it("covers every provincial placement figure that has a population, and no nationwide one", () => {
    const ids = extrapolations(ledger).map((e) => e.id);
    expect(ids).toHaveLength(24);
    expect(ids.every((id) => !id.endsWith("-cn"))).toBe(true);
  });
});

describe("triangulation", () => {
  it("places the official 2023 figure at the very top of the categories 3+4 band (ratio 0.2)", () => {
    const y = triangulate(ledger).years.find((t) => t.year === 2023);
    expect(y?.official?.value).toBe(26000);
    expect(y?.implied?.cat3_4).toBe(0.2);
    expect(y?.position?.cat3_4).toBe("within");
    expect(y?.position?.cat4).toBe("above");
    expect(y?.ratioBand.cat3_4).toEqual({ low: 13000, high: 26000 });
  });

  it("annualizes a partial year's base before comparing (2024 Jan–Sep → full year)", () => {
    expect(triangulate(ledger).years.find((t) => t.year === 2024)?.ratioBand.cat3_4).toEqual({
      low: 14000,
      high: 28000,
    });
  });
});
