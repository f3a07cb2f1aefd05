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

describe("sensitivity", () => {
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
