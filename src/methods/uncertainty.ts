import type { Ledger } from "../core/index.ts";
import { LIUZHI_LAW_START } from "./floor.ts";
import { defineParams, MissingData } from "./params.ts";
import { isCalendarYear, periodName, yearFraction } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { quantiles, type Sample } from "./quantile.ts";
import { seededRandom } from "./random.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { durationObservations, nationalSeries, ratioAssumption } from "./select.ts";

export const BASE_CHOICES = ["cat3_4", "cat4", "both"] as const;
export type BaseChoice = (typeof BASE_CHOICES)[number];

/**
 * The parameters of the Monte Carlo (`liuzhi uncertainty`, `/api/uncertainty`, the dashboard's
 * what-if): the defaults here are the only ones; reports and the dashboard's headline read them.
 */
export const UNCERTAINTY_PARAMS = defineParams({
  draws: {
    kind: "integer",
    bounds: { min: 1, max: 1_000_000 },
    default: 100_000,
    help: "number of draws",
    example: "100000",
  },
  seed: {
    kind: "integer",
    bounds: { min: 0, max: 0xffffffff },
    default: 1,
    help: "random seed: the same seed gives the same figures",
    example: "42",
  },
  "ratio-range": {
    kind: "range",
    bounds: { min: 0, max: 1, minExclusive: true },
    help: "range Prof. Ye's ratio is drawn from",
    defaultText: "the ledger's range, 0.1,0.2",
    example: "0.1,0.3",
  },
  base: {
    kind: "choice",
    values: BASE_CHOICES,
    default: "both",
    help: "category base: categories 3 and 4, category 4 alone, or both as two labelled scenarios (categories 3 and 4 first)",
    example: "cat3_4",
  },
  durations: {
    kind: "range",
    // A bound on input, far above the legal six months, so no value can overflow the arithmetic.
    bounds: { min: 0, max: 1000, minExclusive: true },
    unit: "days",
    help: "range the average placement length, in days, is drawn from",
    defaultText: "the ledger's shortest and longest average, 42.5,78.7",
    example: "42.5,78.7",
  },
  "annualization-spread": {
    kind: "number",
    bounds: { min: 0, max: 1, maxExclusive: true },
    default: 0.1,
    help: "± share on the unreported months of a partial year",
    example: "0.2",
  },
  annualize: {
    kind: "boolean",
    default: true,
    help: "extend partial years to full years",
    example: "false",
  },
});

/** The uncertain inputs and their ranges; each defaults to what the ledger holds. */
export interface UncertaintyInputs {
  /** Prof. Ye's ratio, drawn uniformly in [low, high] once per draw (the same for every year). */
  readonly ratio: readonly [number, number];
  /** The category base: categories 3+4, category 4 alone, or both, each its own scenario (never mixed in one sample). */
  readonly base: BaseChoice;
  /**
   * A partial year's unreported months run at the reported months' rate times a factor drawn
   * uniformly in [1 - spread, 1 + spread]; 0 is the seed's plain × 12 / months.
   */
  readonly annualizationSpread: number;
  /** Whether partial years are extended to full years in the adjusted total. */
  readonly annualize: boolean;
  /** Average placement length in days, drawn uniformly in [low, high]. */
  readonly duration: readonly [number, number];
}

export interface Interval {
  readonly median: number;
  readonly p05: number;
  readonly p95: number;
}

/** The Monte Carlo on one category base: never a mix of the two (a mix is two disjoint blocks). */
export interface Scenario {
  readonly base: "cat3_4" | "cat4";
  readonly label: string;
  readonly years: ReadonlyArray<{ readonly period: string; readonly partial: boolean } & Interval>;
  /** Placements over the reported periods (the seed's Total row). */
  readonly cumulative: Interval;
  /** Placements with partial years extended to full years (the seed's Adjusted total row). */
  readonly adjustedCumulative: Interval;
  /**
   * March 2018 to the end of the latest period, no quarter left out: 2018 from March (10 of 12
   * months), a partial year before the last extended to its full year, the last as reported.
   */
  readonly sinceLawStart: Interval & { readonly from: string; readonly to: string };
  /** People held on an average day in the last year: its placements per year (a partial year scaled to a year) × duration ÷ 365. */
  readonly heldOnAverageDay: Interval & { readonly period: string };
}

export const SCENARIO_LABELS = {
  cat3_4: "categories 3 and 4 as the base",
  cat4: "category 4 alone as the base (the submission's 10% column × 10; no primary source)",
} as const;

/** The first scenario's figures at the top level (what the headline and reports read), and every scenario. */
export interface UncertaintyResult extends Scenario {
  readonly draws: number;
  readonly seed: number;
  readonly inputs: UncertaintyInputs;
  readonly scenarios: ReadonlyArray<Scenario>;
  readonly provenance: Provenance;
}

interface YearBase {
  readonly period: string;
  readonly start: string;
  readonly end: string;
  readonly cat3_4: number;
  readonly cat4: number | null;
  /** Months not reported, as a multiple of the reported ones (0 for a full year; 1/3 for Jan–Sep). */
  readonly missingShare: number;
  readonly ids: ReadonlyArray<string>;
}

/** The yearly bases the ratio applies to, read from the ledger as the ratio table reads them. */
export function yearBases(ledger: Ledger): YearBase[] {
  const cat4 = nationalSeries(ledger, "punished_cat4");
  return nationalSeries(ledger, "punished_cat3_4").map((o) => {
    const match = cat4.find((c) => c.period_start === o.period_start && c.period_end === o.period_end);
    const full = isCalendarYear(o.period_start, o.period_end);
    return {
      period: periodName(o.period_start, o.period_end),
      start: o.period_start,
      end: o.period_end,
      cat3_4: o.value,
      cat4: match?.value ?? null,
      missingShare: full ? 0 : 1 / yearFraction(o.period_start, o.period_end) - 1,
      ids: match ? [o.id, match.id] : [o.id],
    };
  });
}

/** The defaults: the ledger's ratio range, both bases, ±10% on annualization, the recorded durations. */
export function defaultInputs(ledger: Ledger): UncertaintyInputs {
  const ratio = ratioAssumption(ledger);
  const durations = durationObservations(ledger).map((d) => d.value);
  if (durations.length === 0) throw new MissingData("the ledger has no average duration (liuzhi_duration_avg_days)");
  return {
    ratio: [ratio.low, ratio.high],
    base: UNCERTAINTY_PARAMS.base.default,
    annualizationSpread: UNCERTAINTY_PARAMS["annualization-spread"].default,
    annualize: UNCERTAINTY_PARAMS.annualize.default,
    duration: [Math.min(...durations), Math.max(...durations)],
  };
}

export function checkInputs(inputs: UncertaintyInputs): void {
  const [rl, rh] = inputs.ratio;
  if (!(rl > 0 && rh <= 1 && rl <= rh))
    throw new RangeError(`invalid ratio range: ${rl}–${rh} (expected 0 < low ≤ high ≤ 1)`);
  const [dl, dh] = inputs.duration;
  if (!(dl > 0 && dl <= dh)) throw new RangeError(`invalid duration range: ${dl}–${dh} days`);
  if (!(inputs.annualizationSpread >= 0 && inputs.annualizationSpread < 1)) {
    throw new RangeError(`invalid annualization spread: ${inputs.annualizationSpread} (expected 0 ≤ spread < 1)`);
  }
  if (!(BASE_CHOICES as ReadonlyArray<string>).includes(inputs.base)) {
    throw new RangeError(`invalid base: ${inputs.base} (expected ${BASE_CHOICES.join(", ")})`);
  }
}

const interval = (sample: Sample): Interval => {
  const [p05, median, p95] = quantiles(sample, [0.05, 0.5, 0.95]);
  return {
    median: roundTo(median!, ROUNDING.estimate),
    p05: roundTo(p05!, ROUNDING.estimate),
    p95: roundTo(p95!, ROUNDING.estimate),
  };
};

/**
 * For the window March 2018 → the latest period (see Scenario.sinceLawStart): the share of each
 * period after liuzhi became law (2018: 10 of 12 months), and the missing months of an earlier
 * partial year, which the window runs on through (extended whether or not `annualize` is set).
 */
function windowParts(years: ReadonlyArray<YearBase>): { law: Float64Array; extend: Float64Array } {
  const law = Float64Array.from(years, (y) =>
    y.start < LIUZHI_LAW_START && y.end >= LIUZHI_LAW_START
      ? 1 - yearFraction(y.start, previousDay(LIUZHI_LAW_START)) / yearFraction(y.start, y.end)
      : 1,
  );
  const extend = Float64Array.from(years, (y, k) => (k === years.length - 1 ? 0 : y.missingShare));
  return { law, extend };
}

const previousDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The unrounded 5th, 50th and 95th percentiles of a sample. */
const rawInterval = (sample: Sample): Interval => {
  const [p05, median, p95] = quantiles(sample, [0.05, 0.5, 0.95]);
  return { median: median!, p05: p05!, p95: p95! };
};

/** c × a ratio's interval, rounded: the interval of c × the ratio, since scaling by c > 0 keeps the order. */
const scaled = (ratio: Interval, c: number): Interval => ({
  median: roundTo(c * ratio.median, ROUNDING.estimate),
  p05: roundTo(c * ratio.p05, ROUNDING.estimate),
  p95: roundTo(c * ratio.p95, ROUNDING.estimate),
});

/**
 * Every scenario from one set of `draws` draws (ratio, annualization factor, duration) from a
 * generator seeded with `seed`. A year's placements and the cumulative total are the ratio times a
 * fixed base, so their intervals are the ratio's scaled; the totals that extend partial years and
 * the number held depend on the other inputs too and are drawn.
 */
function scenarios(
  years: ReadonlyArray<YearBase>,
  inputs: UncertaintyInputs,
  bases: ReadonlyArray<"cat3_4" | "cat4">,
  draws: number,
  seed: number,
): Scenario[] {
  const random = seededRandom(seed);
  const parts = windowParts(years);
  const last = years.length - 1;
  // People held on an average day need a yearly rate whether or not the totals are annualized:
  // a nine-month count over 365 days would understate it by a quarter.
  const lastMissing = years[last]!.missingShare;
  const plans = bases.map((base) => {
    const values = years.map((y) => (base === "cat4" ? (y.cat4 ?? y.cat3_4) : y.cat3_4));
    let sum = 0;
    let missing = 0;
    let window = 0;
    let windowMissing = 0;
    values.forEach((v, k) => {
      sum += v;
      missing += v * (inputs.annualize ? years[k]!.missingShare : 0);
      // An earlier partial year is extended with the same drawn factor as the adjusted total.
      window += v * parts.law[k]!;
      windowMissing += v * parts.law[k]! * parts.extend[k]!;
    });
    return {
      base,
      values,
      sum,
      missing,
      window,
      windowMissing,
      last: values[last]!,
      adjusted: new Float64Array(draws),
      window_: new Float64Array(draws),
      held: new Float64Array(draws),
    };
  });
  const ratios = new Float64Array(draws);
  const [rLow, rHigh] = inputs.ratio;
  const [dLow, dHigh] = inputs.duration;
  const spread = inputs.annualizationSpread;
  for (let i = 0; i < draws; i++) {
    const r = rLow + (rHigh - rLow) * random();
    const factor = 1 + spread * (2 * random() - 1);
    const duration = dLow + (dHigh - dLow) * random();
    ratios[i] = r;
    const heldFactor = ((1 + lastMissing * (inputs.annualize ? factor : 1)) * duration) / 365;
    for (const p of plans) {
      p.adjusted[i] = r * (p.sum + p.missing * factor);
      p.window_[i] = r * (p.window + p.windowMissing * factor);
      p.held[i] = r * p.last * heldFactor;
    }
  }
  const ratio = rawInterval(ratios);
  const lastYear = years[last]!;
  return plans.map((p) => ({
    base: p.base,
    label: SCENARIO_LABELS[p.base],
    years: years.map((y, k) => ({ period: y.period, partial: y.missingShare > 0, ...scaled(ratio, p.values[k]!) })),
    cumulative: scaled(ratio, p.sum),
    adjustedCumulative: interval(p.adjusted),
    sinceLawStart: { from: LIUZHI_LAW_START, to: lastYear.end, ...interval(p.window_) },
    heldOnAverageDay: {
      period: lastYear.missingShare > 0 ? `${lastYear.period.slice(0, 4)} (full-year extrapolation)` : lastYear.period,
      ...interval(p.held),
    },
  }));
}

/**
 * Monte Carlo over the uncertain inputs: `draws` draws from a generator seeded with `seed`, so the
 * same call gives the same figures. Each category base is its own scenario, drawn with the same
 * seed (no draw mixes the two: a mix would be two disjoint blocks whose median sits on the seam).
 * Returns the median and 90% interval of each year's placements, of the cumulative and adjusted
 * totals, of the window since March 2018 and of the number held on an average day in the last year.
 */
export function monteCarlo(
  ledger: Ledger,
  options: { draws: number; seed: number; inputs?: Partial<UncertaintyInputs> },
): UncertaintyResult {
  const { draws, seed } = options;
  if (!(Number.isInteger(draws) && draws > 0))
    throw new RangeError(`invalid draws: ${draws} (expected a whole number > 0)`);
  const inputs: UncertaintyInputs = { ...defaultInputs(ledger), ...options.inputs };
  checkInputs(inputs);
  const years = yearBases(ledger);
  if (years.length === 0) throw new MissingData("the ledger has no yearly punished_cat3_4 figures");
  // Category 4 exists only where the ledger has it for every year.
  const cat4Usable = years.every((y) => y.cat4 !== null);
  if (inputs.base === "cat4" && !cat4Usable)
    throw new MissingData("the ledger has no category-4 figure for every year");
  const bases: Array<"cat3_4" | "cat4"> =
    inputs.base === "cat4" ? ["cat4"] : inputs.base === "both" && cat4Usable ? ["cat3_4", "cat4"] : ["cat3_4"];
  const results = scenarios(years, inputs, bases, draws, seed);
  return {
    draws,
    seed,
    inputs,
    ...results[0]!,
    scenarios: results,
    provenance: provenance(
      [...years.flatMap((y) => y.ids), ...durationObservations(ledger).map((d) => d.id)],
      [ratioAssumption(ledger).id],
      [
        `${draws} draws, seed ${seed}`,
        "ratio drawn once per draw for all years",
        "each category base its own scenario",
      ],
    ),
  };
}

/** One point of the input space: what a single draw fixes. */
export interface InputPoint {
  readonly ratio: number;
  readonly base: "cat3_4" | "cat4";
  readonly annualizationFactor: number;
  readonly annualize: boolean;
  readonly duration: number;
}

/** The totals at one point, by the same formulas as each Monte Carlo draw (unrounded). */
export function pointEstimate(years: ReadonlyArray<YearBase>, point: InputPoint) {
  let cumulative = 0;
  let adjusted = 0;
  let lastFull = 0;
  for (const y of years) {
    const base = point.base === "cat4" ? y.cat4 : y.cat3_4;
    if (base === null) throw new Error(`no category-4 base for ${y.period}`);
    const value = point.ratio * base;
    const full = point.annualize ? value * (1 + y.missingShare * point.annualizationFactor) : value;
    cumulative += value;
    adjusted += full;
    // Held on an average day always reads a yearly rate (see monteCarlo).
    lastFull = value * (1 + y.missingShare * (point.annualize ? point.annualizationFactor : 1));
  }
  return { cumulative, adjusted, heldOnAverageDay: (lastFull * point.duration) / 365 };
}
