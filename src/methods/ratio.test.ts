import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import type { Ledger, Observation } from "../core/index.ts";
import { ratioTable } from "./ratio.ts";
import { seedLedger } from "./seed.ts";

// The seed's table after paragraph 25, as printed (thousands separators removed).
const SEED_TABLE = [
  ["2018", 137000, 5500, 11000, 13700, 27400],
  ["2019", 140000, 6800, 13600, 14000, 28000],
  ["2020", 139000, 6800, 13600, 13900, 27800],
  ["2021", 144000, 7400, 14800, 14400, 28800],
  ["2022", 128000, 6400, 12800, 12800, 25600],
  ["2023", 130000, 6600, 13200, 13000, 26000],
  ["2024 (Jan-Sep)", 105000, 5400, 10800, 10500, 21000],
  ["Total", 923000, 44900, 89800, 92300, 184600],
  ["2024 (full-year extrapolation)", 140000, 7200, 14400, 14000, 28000],
  ["Adjusted total", 958000, 46700, 93400, 95800, 191600],
];

// The seed's figures come from the ledger cut at its September 2024 window (later figures are added since).
const ledger = seedLedger(shippedLedger());
const flat = (l: Ledger, ratios?: number[]) =>
  ratioTable(l, ratios ? { ratios } : {}).rows.map((r) => [r.period, r.punishedCat3_4, ...r.cells.map((c) => c.value)]);

describe("ratio method", () => {
  it("reproduces every cell of the seed's paragraph-25 table from the ledger", () => {
    expect(flat(ledger)).toEqual(SEED_TABLE);
  });

  it("adds totals from unrounded cells and rounds once: at 25%, categories 3+4 to September 2024 is 230,750", () => {
    const total = ratioTable(ledger, { ratios: [0.25] }).rows.find((r) => r.kind === "total");
    expect(total?.cells.find((c) => c.base === "cat3_4")?.value).toBe(230750);
    // The rounded yearly cells would have summed to 230,900.
    const years = ratioTable(ledger, { ratios: [0.25] }).rows.filter((r) => r.kind === "year");
    expect(years.reduce((a, r) => a + (r.cells.find((c) => c.base === "cat3_4")?.value ?? 0), 0)).toBe(230900);
  });

  it("with the figures since the seed, adds January–September 2025 (132,000) to the current total", () => {
    const table = ratioTable(shippedLedger());
    expect(table.rows.map((r) => r.period)).toContain("2025 (Jan-Sep)");
    const total = table.rows.find((r) => r.kind === "total");
    expect(total?.punishedCat3_4).toBe(923000 + 132000);
    expect(total?.cells.map((c) => c.value)).toEqual([51500, 103000, 105500, 211000]);
  });

  it("names ratio columns by percentage and takes any list of ratios", () => {
    const table = ratioTable(ledger, { ratios: [0.05, 0.125, 1] });
    expect(table.columns).toEqual([
      "cat4_5pct",
      "cat4_12.5pct",
      "cat4_100pct",
      "cat3_4_5pct",
      "cat3_4_12.5pct",
      "cat3_4_100pct",
    ]);
    expect(table.rows.find((r) => r.period === "Total")?.cells.at(-1)?.value).toBe(923000);
  });

  it("carries provenance: the observations and the assumption behind each row", () => {
    const row = ratioTable(ledger).rows.find((r) => r.period === "2024 (full-year extrapolation)");
    expect(row?.provenance.observations).toEqual(["punished-cat3-4-2024-jan-sep", "punished-cat4-2024-jan-sep"]);
    expect(row?.provenance.assumptions).toEqual(["ye-ratio"]);
  });

  it("takes a ledger range of one value (low = high) as one ratio", () => {
    const one = { ...ledger, assumptions: ledger.assumptions.map((a) => ({ ...a, low: 0.15, high: 0.15 })) };
    expect(ratioTable(one).columns).toEqual(["cat4_15pct", "cat3_4_15pct"]);
  });

  it("rejects ratios outside (0, 1]", () => {
    expect(() => ratioTable(ledger, { ratios: [0] })).toThrow(/invalid ratios '0': expected .*\(0, 1\]/);
    expect(() => ratioTable(ledger, { ratios: [1.2] })).toThrow(/invalid ratios '1.2'/);
    expect(() => ratioTable(ledger, { ratios: [0.1, 0.2, 0.1] })).toThrow(/10% is given twice/);
  });

  it("takes a new full-year figure without code changes: the partial year and its extrapolation give way", () => {
    const full: Observation = {
      ...ledger.observations.find((o) => o.id === "punished-cat3-4-2024-jan-sep")!,
      id: "punished-cat3-4-2024",
      period_end: "2024-12-31",
      period_label: "2024",
      value: 141000,
    };
    const rows = flat({ ...ledger, observations: [...ledger.observations, full] });
    expect(rows.map((r) => r[0])).toEqual(["2018", "2019", "2020", "2021", "2022", "2023", "2024", "Total"]);
    expect(rows.at(-1)?.[1]).toBe(923000 - 105000 + 141000);
    // No category-4 count for the new period: its cells are empty, not invented, and so are the totals.
    expect(rows.at(-2)?.[2]).toBeNull();
  });

  it("scales ratio columns linearly (within the seed's rounding to the hundred)", () => {
    fc.assert(
      // r up to 0.1 and k up to 10 keep every r × k within (0, 1].
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2, max: 10 }), (permille, k) => {
        const r = permille / 1000;
        const single = ratioTable(ledger, { ratios: [r] }).rows;
        const scaled = ratioTable(ledger, { ratios: [(permille * k) / 1000] }).rows;
        single.forEach((row, i) => {
          row.cells.forEach((cell, j) => {
            const other = scaled[i]?.cells[j]?.value ?? null;
            if (cell.value === null || other === null) return;
            // Each yearly cell is rounded once; totals add up to one rounding per year.
            const slack = 100 * k * (row.kind.endsWith("total") ? 8 : 1);
            expect(Math.abs(other - k * cell.value)).toBeLessThanOrEqual(slack);
          });
        });
      }),
      { numRuns: 50 },
    );
  });
});
