import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import { quantiles } from "./quantile.ts";
import { seedLedger } from "./seed.ts";
import { sensitivity } from "./sensitivity.ts";
import { monteCarlo } from "./uncertainty.ts";

// The seed's figures come from the ledger cut at its September 2024 window (later figures are added since).
const ledger = seedLedger(shippedLedger());

describe("Monte Carlo", () => {
  it("repeats exactly with the same seed and differs with another", () => {
    const a = monteCarlo(ledger, { draws: 20_000, seed: 42 });
    expect(monteCarlo(ledger, { draws: 20_000, seed: 42 })).toEqual(a);
    expect(monteCarlo(ledger, { draws: 20_000, seed: 43 }).cumulative).not.toEqual(a.cumulative);
  });

  it("collapses to the seed's table when every input is fixed", () => {
    const fixed = (ratio: number) =>
      monteCarlo(ledger, {
        draws: 1000,
        seed: 1,
        inputs: { ratio: [ratio, ratio], base: "cat3_4", annualizationSpread: 0, duration: [58.5, 58.5] },
      });
    expect(fixed(0.1).cumulative).toEqual({ median: 92300, p05: 92300, p95: 92300 });
    expect(fixed(0.2).adjustedCumulative).toEqual({ median: 191600, p05: 191600, p95: 191600 });
  });

  it("held on an average day reads a yearly rate: a nine-month count is not divided by 365 when annualization is off", () => {
    const fixed = (annualize: boolean) =>
      monteCarlo(ledger, {
        draws: 100,
        seed: 1,
        inputs: { ratio: [0.1, 0.1], base: "cat3_4", annualizationSpread: 0, duration: [73, 73], annualize },
      }).heldOnAverageDay;
    // 2024 Jan–Sep: 105,000 × 10% = 10,500 in nine months, 14,000 a year; × 73 days / 365 = 2,800.
    expect(fixed(false).median).toBe(2800);
    expect(fixed(true).median).toBe(2800);
    expect(fixed(false).period).toBe("2024 (full-year extrapolation)");
  });

  it("moves the number held on an average day with the duration range", () => {
    const held = (duration: readonly [number, number]) =>
      monteCarlo(ledger, { draws: 2000, seed: 3, inputs: { duration } }).heldOnAverageDay.median;
    expect(held([100, 100])).toBeGreaterThan(held([40, 40]));
  });

  it("keeps the 90% interval inside the range spanned by the extreme inputs", () => {
    const r = monteCarlo(ledger, { draws: 50_000, seed: 7 });
    expect(r.cumulative.p05).toBeGreaterThanOrEqual(44900);
    expect(r.cumulative.p95).toBeLessThanOrEqual(184600);
    expect(r.cumulative.p05).toBeLessThan(r.cumulative.median);
    expect(r.cumulative.median).toBeLessThan(r.cumulative.p95);
  });

  it("rejects bad inputs with a message naming them", () => {
    expect(() => monteCarlo(ledger, { draws: 0, seed: 1 })).toThrow(/invalid draws/);
    expect(() => monteCarlo(ledger, { draws: 10, seed: -1 })).toThrow(/invalid seed/);
    expect(() => monteCarlo(ledger, { draws: 10, seed: 1, inputs: { ratio: [0.3, 0.2] } })).toThrow(
      /invalid ratio range/,
    );
  });
});

describe("scenarios", () => {
  it("never mixes the two category bases: each is its own labelled scenario, and no seed moves a median across a seam", () => {
    const medians = [1, 2, 3, 4, 5].map((seed) => monteCarlo(ledger, { draws: 20_000, seed }));
    for (const r of medians) {
      expect(r.scenarios.map((s) => s.base)).toEqual(["cat3_4", "cat4"]);
      // The top level is the categories 3+4 scenario, whole.
      expect(r.adjustedCumulative).toEqual(r.scenarios[0]!.adjustedCumulative);
      // Inside its own block: categories 3+4 at 10–20% is 95,800–191,600; category 4 alone 46,700–93,400.
      expect(r.scenarios[0]!.adjustedCumulative.p05).toBeGreaterThanOrEqual(95_800);
      expect(r.scenarios[1]!.adjustedCumulative.p95).toBeLessThanOrEqual(93_400);
    }
    const spread = medians.map((r) => r.adjustedCumulative.median);
    // Five seeds agree to within 1% (the coin toss moved the median by 3% between seeds).
    expect(Math.max(...spread) / Math.min(...spread)).toBeLessThan(1.01);
  });

  it("counts from March 2018 to the latest period with no quarter left out", () => {
    const fixed = (l: typeof ledger) =>
      monteCarlo(l, {
        draws: 100,
        seed: 1,
        inputs: { ratio: [0.1, 0.1], base: "cat3_4", annualizationSpread: 0, duration: [58.5, 58.5] },
      }).sinceLawStart;
    // The seed's window: 13,700 × 10/12 for 2018, 2019–2023 whole, 2024's nine months as reported.
    const seedWindow = fixed(ledger);
    expect(seedWindow).toMatchObject({ from: "2018-03-01", to: "2024-09-30" });
    expect(seedWindow.median).toBe(Math.round((92_300 - 13_700 + (13_700 * 10) / 12) / 100) * 100);
    // With 2025: 2024 runs on through its fourth quarter (× 12/9); 2025's nine months as reported.
    const current = fixed(shippedLedger());
    expect(current.to).toBe("2025-09-30");
    expect(current.median).toBe(Math.round((92_300 - 13_700 + (13_700 * 10) / 12 + 3_500 + 13_200) / 100) * 100);
  });
});

describe("sensitivity", () => {
  it("is centred on the Monte Carlo's median", () => {
    const base = sensitivity(ledger).baseline.adjustedTotal;
    const median = monteCarlo(ledger, { draws: 100_000, seed: 1 }).adjustedCumulative.median;
    expect(Math.abs(base - median) / median).toBeLessThan(0.01);
  });

  it("ranks the ratio range first: it moves the adjusted total from 95,800 to 191,600", () => {
    const rows = sensitivity(ledger).rows;
    expect(rows[0]?.input).toBe("ratio");
    expect([rows[0]?.totalAtLow, rows[0]?.totalAtHigh]).toEqual([95800, 191600]);
  });
});

describe("quantiles", () => {
  it("agree with sorting on many ties (few distinct values, large samples)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(-2, 0, 1, 1, 3.5, 1e9), { minLength: 1, maxLength: 5000 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const h = (sorted.length - 1) * 0.5;
        const k = Math.floor(h);
        const median = sorted[k]! + (h - k) * ((sorted[Math.min(k + 1, sorted.length - 1)] ?? 0) - sorted[k]!);
        expect(quantiles(Float32Array.from(values), [0.5])[0]).toBeCloseTo(median, 6);
      }),
      { numRuns: 100 },
    );
  });

  it("agree with sorting", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          const at = (q: number) => {
            const h = (sorted.length - 1) * q;
            const k = Math.floor(h);
            return sorted[k]! + (h - k) * ((sorted[Math.min(k + 1, sorted.length - 1)] ?? 0) - sorted[k]!);
          };
          const got = quantiles(Float64Array.from(values), [0.05, 0.5, 0.95]);
          for (const [i, q] of [0.05, 0.5, 0.95].entries()) expect(got[i]).toBeCloseTo(at(q), 6);
        },
      ),
      { numRuns: 100 },
    );
  });
});
