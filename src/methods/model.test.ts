import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import type { Ledger, Measure, Observation } from "../core/index.ts";
import { cholesky, cholSolve, logDet, normals, zeros } from "./linalg.ts";
import { fitAt } from "./model.ts";
import { modelInputs, partialYearCalibration } from "./model-inputs.ts";
import { model } from "./model-method.ts";
import { InvalidOption } from "./params.ts";
import { seededRandom } from "./random.ts";

const shipped = shippedLedger();
/** The shipped ledger without its transfers rows, for tests that bring their own. */
const withoutTransfers = {
  ...shipped,
  observations: shipped.observations.filter((o) => !o.measure.startsWith("transfers_")),
};
/** The shipped ledger with only the series the ratio method reads: no Jan–Sep and full-year pair of any other series. */
const withoutPairs = {
  ...shipped,
  observations: shipped.observations.filter((o) =>
    ["liuzhi_placements", "punished_cat3_4", "punished_cat4", "liuzhi_duration_avg_days"].includes(o.measure),
  ),
};
const template = shipped.observations.find((o) => o.id === "punished-cat3-4-2018")!;

/** An observation built from a shipped row's shape: only what the model reads is set. */
function row(
  id: string,
  measure: Measure,
  jurisdiction: string,
  start: string,
  end: string,
  value: number,
  extra: Partial<Observation> = {},
): Observation {
  return {
    ...template,
    id,
    measure,
    jurisdiction,
    period_start: start,
    period_end: end,
    value,
    scope: "all",
    qualifier: "exact",
    printed_precision: 1,
    ...extra,
  };
}

const withRows = (ledger: Ledger, rows: ReadonlyArray<Observation>): Ledger => ({
  ...ledger,
  observations: [...ledger.observations, ...rows],
});

describe("linear algebra", () => {
  it("solves with a Cholesky factor and gives its log-determinant", () => {
    const m = zeros(3);
    m.a.set([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const l = cholesky(m);
    const x = cholSolve(l, [1, 2, 3]);
    const back = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + m.a[i * 3 + j]! * x[j]!, 0));
    for (const [i, v] of back.entries()) expect(v).toBeCloseTo(i + 1, 10);
    // det = 4(15 − 1) − 2(6 − 0.4) + 0.4(2 − 2) = 44.8
    expect(logDet(l)).toBeCloseTo(Math.log(44.8), 10);
    expect(() => cholesky({ n: 2, a: Float64Array.from([1, 2, 2, 1]) })).toThrow(/not positive definite at row 1/);
  });

  it("draws standard normals (mean 0, variance 1) from a seeded generator", () => {
    const normal = normals(seededRandom(5));
    const xs = Array.from({ length: 40_000 }, normal);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe("the model's marginal likelihood", () => {
  it("is the density of the count under prior + noise, for one year and one official count", () => {
    const ledger: Ledger = {
      ...shipped,
      observations: [row("c", "liuzhi_placements", "CN", "2018-01-01", "2018-12-31", 20_000)],
    };
    const inputs = modelInputs(ledger);
    const centre = 10;
    const fit = fitAt(
      inputs,
      inputs.observations,
      { drift: 0.1, otherDrift: 0.1, provinceEffect: 0.5, provinceNoise: 0.5, seriesNoise: 0.05 },
      centre,
    );
    // x ~ N(10, 3²); log(20000 / (10/12)) observed with variance 0.01²: y ~ N(10, 9 + 0.0001).
    const y = Math.log(20_000 / (10 / 12));
    const v = 9 + 0.01 ** 2;
    expect(fit.logMarginalLikelihood).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * v) - (y - centre) ** 2 / (2 * v), 8);
  });
});

describe("liuzhi model on the shipped ledger", () => {
  const result = model(shipped, { draws: 5000, seed: 1 });

  it("gives every year from March 2018 to the latest period, and a total over the same window", () => {
    expect(result.years.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(result.years[0]!.from).toBe("2018-03-01");
    expect(result.total.from).toBe("2018-03-01");
    expect(result.total.to).toBe(result.years.at(-1)!.to);
    const sumOfMedians = result.years.reduce((s, y) => s + y.median, 0);
    // The total is a distribution of sums: its median is near the sum of the medians, never a year short.
    expect(result.total.median).toBeGreaterThan(0.9 * sumOfMedians);
    expect(result.total.p05).toBeGreaterThan(result.years.reduce((s, y) => s + y.p05, 0));
  });

  it("agrees with the official counts it holds: 2023's and 2024's intervals contain 26,000 and 38,000", () => {
    const at = (year: number) => result.years.find((y) => y.year === year)!;
    expect(at(2023).p05).toBeLessThanOrEqual(26_000);
    expect(at(2023).p95).toBeGreaterThanOrEqual(26_000);
    expect(at(2024).p05).toBeLessThanOrEqual(38_000);
    expect(at(2024).p95).toBeGreaterThanOrEqual(38_000);
  });

  it("predicts each official count without itself (the held-out checks)", () => {
    // 2023 is predicted within the interval without itself. 2024's jump (26,000 → 38,000) is larger
    // than the other series imply: on the shipped ledger its held-out interval ends just below
    // 38,000. Reported as it is (covered: false), stated in docs/methods.md, never tuned away.
    const checks = result.heldOut.map((h) => [h.year, h.official, h.covered]);
    expect(checks[0]).toEqual([2023, 26_000, true]);
    expect(checks[1]?.slice(0, 2)).toEqual([2024, 38_000]);
    for (const h of result.heldOut) {
      expect(h.covered).toBe(h.predicted.p05 <= h.official && h.official <= h.predicted.p95);
    }
    for (const year of [2023, 2024]) {
      const held = model(shipped, { draws: 5000, seed: 1, holdOut: year });
      const y = held.years.find((r) => r.year === year)!;
      expect(y.official).toBeNull();
      expect(held.holdOut).toEqual({ year, dropped: year === 2023 ? "appx1-28-cn" : "liuzhi-placements-2024" });
      const official = year === 2023 ? 26_000 : 38_000;
      // The held-out run is the check the main run reports: the same interval.
      const reported = result.heldOut.find((h) => h.year === year)!;
      expect(Math.abs(y.fullYear.median - reported.predicted.median)).toBeLessThanOrEqual(0.05 * official);
      if (year === 2023) {
        expect(y.fullYear.p05).toBeLessThanOrEqual(official);
        expect(y.fullYear.p95).toBeGreaterThanOrEqual(official);
      }
      expect(held.estimators.find((e) => e.estimator === "official")!.observations).not.toContain(
        year === 2023 ? "appx1-28-cn" : "liuzhi-placements-2024",
      );
    }
  });

  it("reports hyperparameter weights that sum to one, and a run leaving out each estimator", () => {
    const sum = result.hyperparameters.reduce((s, h) => s + h.weight, 0);
    expect(sum).toBeCloseTo(1, 2);
    for (const name of ["drift", "otherDrift", "provinceEffect", "provinceNoise", "seriesNoise"]) {
      const marginal = result.hyperparameterMarginals.filter((h) => h.name === name);
      expect(marginal.length).toBeGreaterThan(1);
      expect(marginal.reduce((s, h) => s + h.weight, 0)).toBeCloseTo(1, 2);
    }
    expect(result.leaveOneOut.map((l) => l.estimator)).toEqual([
      "official",
      "ratio",
      "provinces",
      "transfers",
      "cases-filed",
    ]);
    // Without the official counts the model falls back on Prof. Ye's band and is far less sure.
    const noOfficial = result.leaveOneOut.find((l) => l.estimator === "official")!;
    expect(noOfficial.total.p95 - noOfficial.total.p05).toBeGreaterThan(result.total.p95 - result.total.p05);
  });

  it("reads only province-wide counts: no pilot, bribery-only, prefecture or sector row", () => {
    const ledger = withRows(shipped, [
      row("sector-row", "liuzhi_placements", "CN-YN", "2019-01-01", "2019-12-31", 50, { scope: "sector" }),
      row("partial-row", "liuzhi_placements", "CN-GD", "2019-01-01", "2019-12-31", 50, { scope: "possibly-partial" }),
    ]);
    const provincial = modelInputs(ledger)
      .observations.filter((o) => o.estimator === "provinces")
      .map((o) => o.id);
    expect(provincial).toContain("appx1-22-cn-yn");
    for (const id of ["appx1-01-cn-bj", "appx1-23-cn-gs", "sector-row", "partial-row"])
      expect(provincial).not.toContain(id);
    const prefecture = ledger.jurisdictions.find((j) => j.level === "prefecture");
    if (prefecture) {
      const inputs = modelInputs(
        withRows(shipped, [row("city", "liuzhi_placements", prefecture.code, "2019-01-01", "2019-12-31", 9)]),
      );
      expect(inputs.observations.map((o) => o.id)).not.toContain("city");
    }
  });

  it("repeats exactly with the same seed", () => {
    expect(model(shipped, { draws: 2000, seed: 3 })).toEqual(model(shipped, { draws: 2000, seed: 3 }));
  });

  it("says so when asked to hold out a year without an official count, and refuses a year out of range", () => {
    const r = model(shipped, { draws: 500, seed: 1, holdOut: 2019 });
    expect(r.holdOut).toEqual({ year: 2019, dropped: null });
    expect(r.estimators.find((e) => e.estimator === "official")!.observations).toHaveLength(2);
    expect(() => model(shipped, { draws: 500, seed: 1, holdOut: 1999 })).toThrow(InvalidOption);
    expect(() => model(shipped, { draws: 500, seed: 1, holdOut: 1999 })).toThrow(/hold-out '1999'/);
  });
});

describe("the model's inputs", () => {
  it("uses transfers to the procuratorates where the ledger has them, as their own estimator", () => {
    const ledger = withRows(withoutTransfers, [
      row("tr-2023", "transfers_received", "CN", "2023-01-01", "2023-12-31", 20_000, { printed_precision: 1000 }),
      row("tr-2024", "transfers_received", "CN", "2024-01-01", "2024-12-31", 27_000, { printed_precision: 1000 }),
      row("tr-2025", "transfers_received", "CN", "2025-01-01", "2025-12-31", 30_500, { printed_precision: 100 }),
    ]);
    const r = model(ledger, { draws: 2000, seed: 1 });
    expect(r.estimators.find((e) => e.estimator === "transfers")!.observations).toEqual([
      "tr-2023",
      "tr-2024",
      "tr-2025",
    ]);
    expect(r.leaveOneOut.map((l) => l.estimator)).toContain("transfers");
    // A full-year 2025 figure moves the window's end to December 2025: no quarter left out.
    expect(r.total.to).toBe("2025-12-31");
    expect(r.years.at(-1)!.to).toBe("2025-12-31");
  });

  it("calibrates the partial-year spread on Jan–Sep and full-year pairs of the same series", () => {
    // The shipped ledger now holds Jan–Sep and full-year pairs (cases filed, punished…): calibrated on them.
    expect(partialYearCalibration(shipped).calibrated).toBe(true);
    expect(partialYearCalibration(withoutPairs).calibrated).toBe(false);
    const pairs = [2019, 2020, 2021].flatMap((y, i) => [
      row(`cf-${y}-q3`, "cases_filed", "CN", `${y}-01-01`, `${y}-09-30`, 450_000),
      row(`cf-${y}`, "cases_filed", "CN", `${y}-01-01`, `${y}-12-31`, [640_000, 620_000, 660_000][i]!),
    ]);
    const c = partialYearCalibration(withRows(withoutPairs, pairs));
    expect(c.calibrated).toBe(true);
    expect(c.pairs.map((p) => p.full)).toEqual(["cf-2019", "cf-2020", "cf-2021"]);
    // Full years run 3–10% above Jan–Sep × 12/9 = 600,000: the mean gap is log(640/600) etc.
    const gaps = [640, 620, 660].map((v) => Math.log(v / 600));
    expect(c.bias).toBeCloseTo(gaps.reduce((a, b) => a + b) / 3, 10);
    expect(c.spread).toBeGreaterThan(0.02);
    expect(c.spread).toBeLessThan(0.1);
  });
});

describe("liuzhi model on a simulated ledger whose true values are known", () => {
  // True placements per year (the year's rate) and the drifting ratios the series are made from.
  const truth = [21_000, 25_000, 27_000, 28_000, 24_000, 27_000, 36_000, 41_000];
  const years = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
  const catRatio = [0.15, 0.16, 0.165, 0.17, 0.18, 0.2, 0.25, 0.26];
  const transferShare = [0.8, 0.78, 0.8, 0.76, 0.75, 0.74, 0.72, 0.73];
  const casesRatio = [0.05, 0.048, 0.047, 0.045, 0.044, 0.042, 0.043, 0.041];

  function simulated(seed: number): Ledger {
    const noise = normals(seededRandom(seed));
    const jitter = (sd: number) => Math.exp(sd * noise());
    const round = (v: number, to: number) => Math.round(v / to) * to;
    const rows: Observation[] = [];
    years.forEach((y, t) => {
      const full = `${y}-12-31`;
      const partial = y >= 2024;
      // The last two years' categories 3+4 are published for January–September only.
      const months = partial ? 0.75 : 1;
      const cat = (truth[t]! / catRatio[t]!) * months * jitter(0.02);
      rows.push(
        row(`cat-${y}`, "punished_cat3_4", "CN", `${y}-01-01`, partial ? `${y}-09-30` : full, round(cat, 1000)),
      );
      rows.push(
        row(
          `tr-${y}`,
          "transfers_received",
          "CN",
          `${y}-01-01`,
          full,
          round(truth[t]! * transferShare[t]! * jitter(0.02), 100),
        ),
      );
      if (y >= 2023)
        rows.push(
          row(
            `cf-${y}`,
            "cases_filed",
            "CN",
            `${y}-01-01`,
            full,
            round((truth[t]! / casesRatio[t]!) * jitter(0.02), 1000),
          ),
        );
    });
    rows.push(row("off-2023", "liuzhi_placements", "CN", "2023-01-01", "2023-12-31", round(truth[5]!, 1000)));
    rows.push(row("off-2024", "liuzhi_placements", "CN", "2024-01-01", "2024-12-31", round(truth[6]!, 1000)));
    // Provinces publish now and then, each at its own level (a province effect) and with noise.
    const pop = new Map(shipped.jurisdictions.map((j) => [j.code, j.population_m ?? 0]));
    const national = pop.get("CN")!;
    const provinces: Array<[string, number, number, number]> = [
      ["CN-YN", 1.4, 2018, 2018],
      ["CN-HL", 0.9, 2018, 2020],
      ["CN-ZJ", 1.1, 2019, 2019],
      ["CN-JS", 0.8, 2020, 2021],
      ["CN-HA", 1.2, 2021, 2022],
    ];
    for (const [code, effect, first, last] of provinces) {
      for (let y = first; y <= last; y++) {
        const t = years.indexOf(y);
        const share = pop.get(code)! / national;
        const months = y === 2018 ? 10 / 12 : 1;
        const value = Math.round(truth[t]! * months * share * effect * jitter(0.2));
        rows.push(
          row(`${code}-${y}`, "liuzhi_placements", code, y === 2018 ? "2018-03-01" : `${y}-01-01`, `${y}-12-31`, value),
        );
      }
    }
    return { ...shipped, observations: rows };
  }

  it("covers the true values with its 90% intervals in most years, for several simulated ledgers", () => {
    let covered = 0;
    let total = 0;
    let totalsCovered = 0;
    for (const seed of [11, 12, 13]) {
      const r = model(simulated(seed), { draws: 3000, seed: 1 });
      r.years.forEach((y, t) => {
        total++;
        if (y.fullYear.p05 <= truth[t]! && truth[t]! <= y.fullYear.p95) covered++;
      });
      const trueTotal = truth.reduce((s, v, t) => s + v * (t === 0 ? 10 / 12 : 1), 0);
      expect(r.total.to).toBe("2025-12-31");
      if (r.total.p05 <= trueTotal && trueTotal <= r.total.p95) totalsCovered++;
    }
    expect(totalsCovered).toBeGreaterThanOrEqual(2);
    // 24 year-intervals at 90%: at least 19 should cover (fewer than that is a miscalibrated model).
    expect(total).toBe(24);
    expect(covered).toBeGreaterThanOrEqual(19);
  });
});
