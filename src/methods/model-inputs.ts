/**
 * What the model reads from a ledger, as observations of its latent quantities: which rows each
 * estimator uses (and only those), over which years, with what noise. The model itself
 * (`model.ts`) sees no ledger, only these.
 */

import { daysInclusive, type Ledger, MEASURE_INFO, type Measure, type Observation, yearOf } from "../core/index.ts";
import { LIUZHI_LAW_START } from "./floor.ts";
import { MissingData } from "./params.ts";
import { yearFraction } from "./period.ts";
import { nationalSeries, ratioAssumption } from "./select.ts";

/** The estimators the model combines; each can be left out to see what it contributes. */
export const ESTIMATORS = ["official", "ratio", "provinces", "transfers", "cases-filed"] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/** The national series whose ratio to placements drifts as a random walk, and the estimator each belongs to. */
export const RATIO_SERIES: ReadonlyArray<{ readonly measure: Measure; readonly estimator: Estimator }> = [
  { measure: "punished_cat3_4", estimator: "ratio" },
  { measure: "transfers_received", estimator: "transfers" },
  { measure: "transfers_sent", estimator: "transfers" },
  { measure: "cases_filed", estimator: "cases-filed" },
];

/** Reporting noise on a nationwide figure (log scale), beyond its rounding: 1%. */
const NATIONAL_NOISE_SD = 0.01;
/** Extra noise on a figure stated as approximate ("about"). */
const ABOUT_NOISE_SD = 0.05;
/** The partial-year spread (log scale) where the ledger holds fewer than three pairs to calibrate it. */
export const DEFAULT_PARTIAL_SPREAD = 0.1;

/** One figure as the model sees it: log(value) ≈ logFactor + Σ extras + log Σ_t w_t exp(x_t + ρ_t). */
export interface ModelObservation {
  readonly id: string;
  readonly estimator: Estimator;
  readonly value: number;
  /** The years it covers, as indexes into the model's years, with the share of each year covered. */
  readonly weights: ReadonlyArray<{ readonly year: number; readonly w: number }>;
  /** The ratio series it observes (an index into `series`), or null for placements themselves. */
  readonly series: number | null;
  /** Province effect index (into `provinces`), for a provincial figure. */
  readonly province: number | null;
  /** Known log factor: the province's share of the national population, 0 otherwise. */
  readonly logFactor: number;
  /** Noise variance that does not depend on the hyperparameters (rounding, reporting, Poisson). */
  readonly variance: number;
  /** A nationwide figure for part of a year: extended by the partial-year calibration. */
  readonly missingQuarters: number;
  /** An official nationwide placement count of a whole year (what --hold-out drops). */
  readonly officialYear: number | null;
}

export interface PartialYearCalibration {
  /** Pairs of a January–September and a full-year figure of the same nationwide series. */
  readonly pairs: ReadonlyArray<{
    readonly measure: string;
    readonly year: number;
    readonly janSep: string;
    readonly full: string;
    /** log(full year) − log(Jan–Sep × 12 / 9). */
    readonly logGap: number;
  }>;
  /** Mean log gap applied to a Jan–Sep figure (0 with fewer than three pairs). */
  readonly bias: number;
  /** Spread (sd, log scale) of a full year around its extended Jan–Sep figure. */
  readonly spread: number;
  readonly calibrated: boolean;
}

export interface ModelInputs {
  /** Calendar years modelled, 2018 first. */
  readonly years: ReadonlyArray<number>;
  /** Share of each year inside the window (2018 from March; the last year to the latest period). */
  readonly coverage: ReadonlyArray<number>;
  readonly from: string;
  readonly to: string;
  readonly series: ReadonlyArray<{ readonly measure: Measure; readonly estimator: Estimator }>;
  readonly provinces: ReadonlyArray<string>;
  readonly observations: ReadonlyArray<ModelObservation>;
  readonly partialYear: PartialYearCalibration;
  /** Prof. Ye's band, the prior centre of 2018's ratio to categories 3 and 4. */
  readonly ratioPrior: { readonly id: string; readonly low: number; readonly high: number };
  /** Rows read but left out, with why. */
  readonly excluded: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
}

const log = Math.log;

/** Rounding to the printed precision as a variance on the log scale (uniform error: width² / 12). */
const roundingVariance = (o: Observation) =>
  o.printed_precision && o.printed_precision > 1 ? (o.printed_precision / o.value) ** 2 / 12 : 0;

const nationalVariance = (o: Observation) =>
  NATIONAL_NOISE_SD ** 2 + roundingVariance(o) + (o.qualifier === "about" ? ABOUT_NOISE_SD ** 2 : 0);

const endOfYear = (y: number) => `${y}-12-31`;
const startOfYear = (y: number) => `${y}-01-01`;
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** The calibration of a partial year: every Jan–Sep figure with a full-year figure of the same series and year. */
export function partialYearCalibration(ledger: Ledger): PartialYearCalibration {
  const national = ledger.observations.filter(
    (o) =>
      o.jurisdiction === "CN" &&
      o.scope === "all" &&
      MEASURE_INFO[o.measure].integer &&
      o.value > 0 &&
      o.qualifier !== "at-least",
  );
  const pairs: Array<PartialYearCalibration["pairs"][number]> = [];
  for (const p of national) {
    const year = yearOf(p.period_start);
    if (p.period_start !== startOfYear(year) || p.period_end !== `${year}-09-30`) continue;
    const full = national.find(
      (o) => o.measure === p.measure && o.period_start === startOfYear(year) && o.period_end === endOfYear(year),
    );
    if (!full) continue;
    pairs.push({
      measure: p.measure,
      year,
      janSep: p.id,
      full: full.id,
      logGap: log(full.value) - log(p.value / 0.75),
    });
  }
  pairs.sort((a, b) => a.measure.localeCompare(b.measure) || a.year - b.year);
  const k = pairs.length;
  if (k < 3) {
    // Too few pairs for a bias and a spread: no bias, and a spread no smaller than the default.
    const rms = k === 0 ? 0 : Math.sqrt(pairs.reduce((s, p) => s + p.logGap ** 2, 0) / k);
    return { pairs, bias: 0, spread: Math.max(DEFAULT_PARTIAL_SPREAD, rms), calibrated: k > 0 };
  }
  const bias = pairs.reduce((s, p) => s + p.logGap, 0) / k;
  const sd = Math.sqrt(pairs.reduce((s, p) => s + (p.logGap - bias) ** 2, 0) / (k - 1));
  // The spread of a new year: the pairs' sd, widened for the uncertainty in their mean.
  return { pairs, bias, spread: Math.max(0.02, sd * Math.sqrt(1 + 1 / k)), calibrated: true };
}

/** The model's inputs: every row each estimator may use, and the window March 2018 → the latest period. */
export function modelInputs(ledger: Ledger): ModelInputs {
  const excluded: Array<{ id: string; reason: string }> = [];
  const firstYear = yearOf(LIUZHI_LAW_START);
  const usable = (o: Observation) => {
    if (o.qualifier === "at-least") {
      excluded.push({ id: o.id, reason: "a stated lower bound, not a count" });
      return false;
    }
    if (o.value <= 0) {
      excluded.push({ id: o.id, reason: "not a positive count" });
      return false;
    }
    return yearOf(o.period_start) >= firstYear;
  };

  const official = nationalSeries(ledger, "liuzhi_placements").filter(usable);
  const seriesRows = RATIO_SERIES.map((s) => ({ ...s, rows: nationalSeries(ledger, s.measure).filter(usable) })).filter(
    (s) => s.rows.length > 0,
  );
  const national = [...official, ...seriesRows.flatMap((s) => s.rows)];
  if (national.length === 0) throw new MissingData("the ledger has no nationwide figure the model can use");
  const to = national.reduce((m, o) => maxDate(m, o.period_end), LIUZHI_LAW_START);
  const lastYear = yearOf(to);

  const byCode = new Map(ledger.jurisdictions.map((j) => [j.code, j]));
  const nationPop = byCode.get("CN")?.population_m;
  const provincial = ledger.observations.filter((o) => {
    if (o.measure !== "liuzhi_placements" || o.jurisdiction === "CN") return false;
    const j = byCode.get(o.jurisdiction);
    if (j?.level !== "province") return false;
    if (o.scope !== "all") {
      excluded.push({ id: o.id, reason: `scope ${o.scope}: not a province-wide count` });
      return false;
    }
    if (o.period_start < LIUZHI_LAW_START) {
      excluded.push({ id: o.id, reason: `starts ${o.period_start}, before liuzhi became law` });
      return false;
    }
    if (o.period_end > to) {
      excluded.push({ id: o.id, reason: `ends after the latest nationwide period (${to})` });
      return false;
    }
    if (!j.population_m || !nationPop) {
      excluded.push({ id: o.id, reason: "no population figure for the province or the nation" });
      return false;
    }
    return usable(o);
  });

  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const within = (start: string, end: string) =>
    years.flatMap((y, year) => {
      const s = maxDate(start, maxDate(startOfYear(y), LIUZHI_LAW_START));
      const e = minDate(end, endOfYear(y));
      if (s > e) return [];
      return [{ year, w: daysInclusive(s, e) === daysInYear(y) ? 1 : yearFraction(s, e) }];
    });
  const coverage = years.map((y) => within(startOfYear(y), to)[0]?.w ?? 0);

  const observations: ModelObservation[] = [];
  const wholeYear = (o: Observation) =>
    o.period_start === startOfYear(yearOf(o.period_start)) && o.period_end === endOfYear(yearOf(o.period_start));
  const missingQuarters = (o: Observation) => (wholeYear(o) ? 0 : (1 - yearFraction(o.period_start, o.period_end)) * 4);
  for (const o of official) {
    observations.push({
      id: o.id,
      estimator: "official",
      value: o.value,
      weights: within(o.period_start, o.period_end),
      series: null,
      province: null,
      logFactor: 0,
      variance: nationalVariance(o),
      missingQuarters: missingQuarters(o),
      officialYear: wholeYear(o) ? yearOf(o.period_start) : null,
    });
  }
  seriesRows.forEach((s, index) => {
    for (const o of s.rows) {
      observations.push({
        id: o.id,
        estimator: s.estimator,
        value: o.value,
        // A nationwide series is read over its own whole period (categories 3+4 of 2018 include
        // January and February): its ratio to the year's placement rate absorbs the difference.
        weights: [{ year: years.indexOf(yearOf(o.period_start)), w: yearFraction(o.period_start, o.period_end) }],
        series: index,
        province: null,
        logFactor: 0,
        // Its own wobble around the ratio's trend is a hyperparameter (model.ts).
        variance: nationalVariance(o),
        missingQuarters: missingQuarters(o),
        officialYear: null,
      });
    }
  });
  const provinces = [...new Set(provincial.map((o) => o.jurisdiction))].sort();
  for (const o of provincial) {
    const share = byCode.get(o.jurisdiction)!.population_m! / nationPop!;
    observations.push({
      id: o.id,
      estimator: "provinces",
      value: o.value,
      weights: within(o.period_start, o.period_end),
      series: null,
      province: provinces.indexOf(o.jurisdiction),
      logFactor: log(share),
      // Counting noise (Poisson: 1/n on the log scale) and rounding; the province's own year-to-year
      // noise is a hyperparameter.
      variance: 1 / o.value + roundingVariance(o) + (o.qualifier === "about" ? ABOUT_NOISE_SD ** 2 : 0),
      missingQuarters: 0,
      officialYear: null,
    });
  }
  const ye = ratioAssumption(ledger);
  return {
    years,
    coverage,
    from: LIUZHI_LAW_START,
    to,
    series: seriesRows.map(({ measure, estimator }) => ({ measure, estimator })),
    provinces,
    observations,
    partialYear: partialYearCalibration(ledger),
    ratioPrior: { id: ye.id, low: ye.low, high: ye.high },
    excluded,
  };
}

const daysInYear = (y: number) => daysInclusive(startOfYear(y), endOfYear(y));
