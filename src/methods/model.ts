/**
 * One model for every estimator the ledger supports (issue 26): linear-Gaussian on the log scale.
 *
 * Latent: x_t, log placements per year (the year's rate); for each nationwide series S (categories
 * 3+4, transfers, cases filed) ρˢ_t = log(S / placements), a random walk with step sd τ; a province
 * effect α_p ~ N(0, σ_α²) for each publishing province and one shared offset γ ~ N(0, 0.5²) for
 * "publishing provinces may not be typical". Observed, on the log scale:
 *   an official nationwide count   = x_t                                     + rounding noise
 *   a nationwide series S          = x_t + ρˢ_t                              + rounding noise
 *   a provincial count over a span = log share_p + log Σ w_t e^{x_t} + α_p + γ + noise (σ_p² + 1/n)
 * (the last linearized at the posterior mean, three passes). A Jan–Sep figure is extended with the
 * partial-year calibration. The hyperparameters (the drifts, σ_α, σ_p, a series' own noise) are averaged over a grid by marginal
 * likelihood; totals come from seeded draws of the posterior mixture.
 */
import { backward, cholesky, cholSolve, logDet, type Matrix, normals, zeros } from "./linalg.ts";
import type { Estimator, ModelInputs, ModelObservation } from "./model-inputs.ts";
import { quantiles } from "./quantile.ts";
import { seededRandom } from "./random.ts";

/** The grid the hyperparameters are averaged over (uniform prior weight on each point). */
export const GRID = {
  /** Year-to-year drift of the log ratio of placements to categories 3+4 (sd of a step). */
  drift: [0.05, 0.1, 0.2, 0.4],
  /** The same for the other series (transfers, cases filed): they may drift less, or more. */
  otherDrift: [0.05, 0.1, 0.2, 0.4],
  /** Spread of the province effects. */
  provinceEffect: [0.15, 0.5],
  /** A provincial figure's own noise (a province's year-to-year wobble, a figure's narrower scope). */
  provinceNoise: [0.5, 1, 2],
  /**
   * A nationwide series' own wobble around its ratio's trend: it counts events that follow a
   * placement by months (a sanction, a transfer), so a year's figure may run ahead of or behind
   * that year's placements.
   */
  seriesNoise: [0.02, 0.05, 0.1],
} as const;

/** Prior sd of the shared offset of publishing provinces. */
export const OFFSET_SD = 0.5;
/** Prior sd of the first year's log placements: so wide it says nothing. */
const LEVEL_SD = 3;
/**
 * Prior sd of a year-to-year change in log placements: weak (a factor e at one sd), so that a year
 * no series covers borrows from its neighbours instead of from nothing.
 */
const LEVEL_STEP_SD = 1;
/** Prior sd of the first year's log ratio of a series other than categories 3+4. */
const SERIES_START_SD = 3;

export interface Hyper {
  readonly drift: number;
  readonly otherDrift: number;
  readonly provinceEffect: number;
  readonly provinceNoise: number;
  readonly seriesNoise: number;
}

export interface Fit {
  readonly hyper: Hyper;
  readonly logMarginalLikelihood: number;
  readonly mean: Float64Array;
  readonly factor: Matrix;
}

/** Where each latent quantity sits in the state vector. */
export interface Layout {
  readonly size: number;
  readonly x: (t: number) => number;
  readonly rho: (s: number, t: number) => number;
  readonly alpha: (p: number) => number;
  readonly offset: number;
}

export function layout(inputs: ModelInputs): Layout {
  const T = inputs.years.length;
  const S = inputs.series.length;
  const P = inputs.provinces.length;
  return {
    size: T + S * T + P + 1,
    x: (t) => t,
    rho: (s, t) => T + s * T + t,
    alpha: (p) => T + S * T + p,
    offset: T + S * T + P,
  };
}

/** A row of the observation matrix: its entries, the adjusted log value, and its variance. */
interface Row {
  readonly entries: ReadonlyArray<readonly [number, number]>;
  readonly y: number;
  readonly variance: number;
}

function rowOf(o: ModelObservation, inputs: ModelInputs, at: Layout, hyper: Hyper, xBar: Float64Array): Row {
  const q = o.missingQuarters;
  const partial = q > 0 ? { shift: inputs.partialYear.bias * q, variance: (inputs.partialYear.spread * q) ** 2 } : null;
  const entries: Array<[number, number]> = [];
  // log Σ w_t e^{z_t} ≈ log Σ w_t e^{z̄_t} + Σ π_t (z_t − z̄_t), π_t ∝ w_t e^{z̄_t}: exact for one year.
  let sum = 0;
  for (const { year, w } of o.weights) sum += w * Math.exp(xBar[year]!);
  let constant = Math.log(sum);
  for (const { year, w } of o.weights) {
    const pi = (w * Math.exp(xBar[year]!)) / sum;
    entries.push([at.x(year), pi]);
    if (o.series !== null) entries.push([at.rho(o.series, year), pi]);
    constant -= pi * xBar[year]!;
  }
  let variance = o.variance + (partial?.variance ?? 0);
  if (o.province !== null) {
    entries.push([at.alpha(o.province), 1], [at.offset, 1]);
    variance += hyper.provinceNoise ** 2;
  }
  if (o.series !== null) variance += hyper.seriesNoise ** 2;
  return { entries, y: Math.log(o.value) - o.logFactor - constant + (partial?.shift ?? 0), variance };
}

/** The prior as a precision matrix, the precision times the mean, and the mean's quadratic form. */
function prior(inputs: ModelInputs, at: Layout, hyper: Hyper, levelCentre: number) {
  const n = at.size;
  const T = inputs.years.length;
  const lambda = zeros(n);
  const b = new Float64Array(n);
  let c = 0;
  const add = (i: number, j: number, v: number) => {
    lambda.a[i * n + j]! += v;
  };
  const independent = (i: number, mean: number, sd: number) => {
    add(i, i, 1 / sd ** 2);
    b[i]! += mean / sd ** 2;
    c += mean ** 2 / sd ** 2;
  };
  const walk = (index: (t: number) => number, sd: number) => {
    const step = 1 / sd ** 2;
    for (let t = 1; t < T; t++) {
      const i = index(t);
      const j = index(t - 1);
      add(i, i, step);
      add(j, j, step);
      add(i, j, -step);
      add(j, i, -step);
    }
  };
  independent(at.x(0), levelCentre, LEVEL_SD);
  walk(at.x, LEVEL_STEP_SD);
  const yeMid = Math.sqrt(inputs.ratioPrior.low * inputs.ratioPrior.high);
  inputs.series.forEach((s, k) => {
    // The random walk: the first year's level, then independent steps (a tridiagonal precision).
    if (s.measure === "punished_cat3_4") {
      // Centred on Prof. Ye's band, with a spread as wide as the band on the log scale each side.
      independent(at.rho(k, 0), -Math.log(yeMid), Math.log(inputs.ratioPrior.high / inputs.ratioPrior.low));
    } else independent(at.rho(k, 0), 0, SERIES_START_SD);
    walk((t) => at.rho(k, t), s.measure === "punished_cat3_4" ? hyper.drift : hyper.otherDrift);
  });
  for (let p = 0; p < inputs.provinces.length; p++) independent(at.alpha(p), 0, hyper.provinceEffect);
  independent(at.offset, 0, OFFSET_SD);
  return { lambda, b, c };
}

/** The posterior and the log marginal likelihood at one point of the grid. */
export function fitAt(
  inputs: ModelInputs,
  observations: ReadonlyArray<ModelObservation>,
  hyper: Hyper,
  levelCentre: number,
): Fit {
  const at = layout(inputs);
  const n = at.size;
  const T = inputs.years.length;
  let xBar = new Float64Array(T).fill(levelCentre);
  let fit: Fit | null = null;
  const base = prior(inputs, at, hyper, levelCentre);
  const logDetPrior = logDet(cholesky(base.lambda));
  // Three passes where a figure spans several years: its span is linearized at the previous pass's
  // posterior mean. One pass is exact otherwise.
  const passes = observations.some((o) => o.weights.length > 1) ? 3 : 1;
  for (let pass = 0; pass < passes; pass++) {
    const b = Float64Array.from(base.b);
    const c = base.c;
    const post: Matrix = { n, a: Float64Array.from(base.lambda.a) };
    let quad = c;
    let logDetNoise = 0;
    for (const o of observations) {
      const row = rowOf(o, inputs, at, hyper, xBar);
      for (const [i, hi] of row.entries) {
        b[i]! += (hi * row.y) / row.variance;
        for (const [j, hj] of row.entries) post.a[i * n + j]! += (hi * hj) / row.variance;
      }
      quad += row.y ** 2 / row.variance;
      logDetNoise += Math.log(row.variance);
    }
    const factor = cholesky(post);
    const mean = cholSolve(factor, b);
    let meanB = 0;
    for (let i = 0; i < n; i++) meanB += mean[i]! * b[i]!;
    const logMarginalLikelihood =
      -0.5 * observations.length * Math.log(2 * Math.PI) -
      0.5 * logDetNoise +
      0.5 * logDetPrior -
      0.5 * logDet(factor) -
      0.5 * (quad - meanB);
    fit = { hyper, logMarginalLikelihood, mean, factor };
    xBar = mean.slice(0, T);
  }
  return fit!;
}

export function gridPoints(): Hyper[] {
  return GRID.drift.flatMap((drift) =>
    GRID.otherDrift.flatMap((otherDrift) =>
      GRID.provinceEffect.flatMap((provinceEffect) =>
        GRID.provinceNoise.flatMap((provinceNoise) =>
          GRID.seriesNoise.map((seriesNoise) => ({ drift, otherDrift, provinceEffect, provinceNoise, seriesNoise })),
        ),
      ),
    ),
  );
}

/** The prior centre of every year's log placements: the data's scale, from categories 3+4 or a count. */
function levelCentre(inputs: ModelInputs, observations: ReadonlyArray<ModelObservation>): number {
  const yeMid = Math.sqrt(inputs.ratioPrior.low * inputs.ratioPrior.high);
  const cat = inputs.series.findIndex((s) => s.measure === "punished_cat3_4");
  const base = observations.filter((o) => o.series === cat && cat !== -1);
  if (base.length > 0) return base.reduce((s, o) => s + Math.log((yeMid * o.value) / o.weights[0]!.w), 0) / base.length;
  const counts = observations.filter((o) => o.estimator === "official");
  if (counts.length > 0) return counts.reduce((s, o) => s + Math.log(o.value), 0) / counts.length;
  return Math.log(20_000);
}

export interface Mixture {
  readonly fits: ReadonlyArray<Fit>;
  /** Posterior weight of each grid point (sums to 1). */
  readonly weights: ReadonlyArray<number>;
}

/** Fits every grid point and weighs them by marginal likelihood. */
export function fitMixture(inputs: ModelInputs, observations: ReadonlyArray<ModelObservation>): Mixture {
  const centre = levelCentre(inputs, observations);
  const fits = gridPoints().map((h) => fitAt(inputs, observations, h, centre));
  const top = Math.max(...fits.map((f) => f.logMarginalLikelihood));
  const raw = fits.map((f) => Math.exp(f.logMarginalLikelihood - top));
  const total = raw.reduce((a, b) => a + b, 0);
  return { fits, weights: raw.map((w) => w / total) };
}

export interface Interval {
  readonly median: number;
  readonly p05: number;
  readonly p95: number;
}

export interface Draws {
  /** Placements in each year's covered part (2018 from March; the last year to the latest period). */
  readonly counts: ReadonlyArray<Float64Array>;
  /** Each year's full-year rate. */
  readonly rates: ReadonlyArray<Float64Array>;
  readonly total: Float64Array;
  /** Placements per person-time in categories 3+4, per year, where that series is in the model. */
  readonly ratio: ReadonlyArray<Float64Array> | null;
}

/** Seeded draws from the mixture: a grid point by its weight, then the Gaussian posterior at it. */
export function drawMixture(inputs: ModelInputs, mixture: Mixture, draws: number, seed: number): Draws {
  const at = layout(inputs);
  const T = inputs.years.length;
  const uniform = seededRandom(seed);
  const normal = normals(uniform);
  const cumulative: number[] = [];
  mixture.weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const counts = inputs.years.map(() => new Float64Array(draws));
  const rates = inputs.years.map(() => new Float64Array(draws));
  const total = new Float64Array(draws);
  const cat = inputs.series.findIndex((s) => s.measure === "punished_cat3_4");
  const ratio = cat === -1 ? null : inputs.years.map(() => new Float64Array(draws));
  const z = new Float64Array(at.size);
  for (let i = 0; i < draws; i++) {
    const u = uniform();
    let k = cumulative.findIndex((c) => u < c);
    if (k === -1) k = cumulative.length - 1;
    const fit = mixture.fits[k]!;
    for (let j = 0; j < at.size; j++) z[j] = normal();
    // θ = μ + L⁻ᵀ z has covariance (L Lᵀ)⁻¹, the posterior's.
    const dev = backward(fit.factor, z);
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const x = fit.mean[at.x(t)]! + dev[at.x(t)]!;
      const rate = Math.exp(x);
      rates[t]![i] = rate;
      const count = rate * inputs.coverage[t]!;
      counts[t]![i] = count;
      sum += count;
      if (ratio) ratio[t]![i] = Math.exp(-(fit.mean[at.rho(cat, t)]! + dev[at.rho(cat, t)]!));
    }
    total[i] = sum;
  }
  return { counts, rates, total, ratio };
}

export const intervalOf = (sample: Float64Array): Interval => {
  const [p05, median, p95] = quantiles(sample, [0.05, 0.5, 0.95]);
  return { median: median!, p05: p05!, p95: p95! };
};

/** The observations left once an estimator (or one year's official count) is dropped. */
export function without(
  observations: ReadonlyArray<ModelObservation>,
  drop: { readonly estimator?: Estimator; readonly officialYear?: number },
): ModelObservation[] {
  return observations.filter(
    (o) => o.estimator !== drop.estimator && (drop.officialYear === undefined || o.officialYear !== drop.officialYear),
  );
}
