/**
 * The dashboard's figures, computed in the browser by the estimation library itself (src/methods),
 * from the ledger and the what-if values.
 */
import type { Ledger } from "../core/index.ts";
import {
  BASES,
  type Base,
  defaultInputs,
  extrapolations,
  LIUZHI_LAW_START,
  monteCarlo,
  officialFloor,
  rates,
  ratioTable,
  SEED_SUBMISSION,
  seedLedger,
  type Triangulation,
  triangulate,
  type UncertaintyResult,
} from "../methods/index.ts";
import type { WhatIf } from "./state.ts";

/** Draws of the Monte Carlo recomputed in the browser on every what-if change. */
export const BROWSER_DRAWS = 20_000;
const RATIO_ASSUMPTION = "ye-ratio";

export function defaultWhatIf(ledger: Ledger): WhatIf {
  const d = defaultInputs(ledger);
  return { ratio: d.ratio, base: d.base, duration: d.duration, annualize: d.annualize };
}

/** The ledger with the ratio assumption replaced by the what-if range, for the methods that read it. */
export function withRatio(ledger: Ledger, ratio: readonly [number, number]): Ledger {
  return {
    ...ledger,
    assumptions: ledger.assumptions.map((a) =>
      a.id === RATIO_ASSUMPTION ? { ...a, low: ratio[0], high: ratio[1] } : a,
    ),
  };
}

/** What does not depend on the what-if values: the official figure, the floors, the rates, the map. */
export function fixedFigures(ledger: Ledger) {
  const yearRates = rates(ledger);
  return {
    rates: yearRates.at(-1) ?? null,
    floor: officialFloor(ledger),
    extrapolations: extrapolations(ledger),
  };
}
export type FixedFigures = ReturnType<typeof fixedFigures>;

/** The figures that follow the ratio table: they change with the ratio range, the base and annualize. */
export interface TotalFigures {
  /** The ratio table's total (adjusted when partial years are extended), per base. */
  readonly total: Partial<Record<Base, { low: number | null; high: number | null }>>;
  readonly totalLow: number | null;
  readonly totalHigh: number | null;
  readonly totalProvenance: ReadonlyArray<string>;
}

export interface WhatIfFigures extends TotalFigures {
  readonly uncertainty: UncertaintyResult;
  readonly draws: number;
  readonly triangulation: Triangulation;
}

export function totalFigures(ledger: Ledger, w: Pick<WhatIf, "ratio" | "base" | "annualize">): TotalFigures {
  // A range of one value (low = high) is one ratio column: ratioTable refuses a ratio given twice.
  const ratios = w.ratio[0] === w.ratio[1] ? [w.ratio[0]] : [w.ratio[0], w.ratio[1]];
  const table = ratioTable(ledger, { ratios });
  const kind = w.annualize ? "adjusted-total" : "total";
  const row = table.rows.find((r) => r.kind === kind) ?? table.rows.find((r) => r.kind === "total")!;
  const bases: ReadonlyArray<Base> = w.base === "both" ? BASES : [w.base];
  const total: Partial<Record<Base, { low: number | null; high: number | null }>> = {};
  const values: number[] = [];
  for (const base of bases) {
    const cell = (ratio: number) => row.cells.find((c) => c.base === base && c.ratio === ratio)?.value ?? null;
    const low = cell(w.ratio[0]);
    const high = cell(w.ratio[1]);
    total[base] = { low, high };
    for (const v of [low, high]) if (v !== null) values.push(v);
  }
  return {
    total,
    totalLow: values.length ? Math.min(...values) : null,
    totalHigh: values.length ? Math.max(...values) : null,
    totalProvenance: row.provenance.observations,
  };
}

/**
 * The yearly triangulation for a ratio range; only the ratio bands change with it, and with
 * `annualize` (false: a partial year's band covers its reported months only, as the totals do).
 */
export function whatIfTriangulation(
  ledger: Ledger,
  ratio: readonly [number, number],
  fixed?: FixedFigures,
  annualize = true,
) {
  return triangulate(withRatio(ledger, ratio), fixed?.extrapolations ?? extrapolations(ledger), { annualize });
}

/** The last day the national category 3+4 series covers: where an estimate on the submission's basis ends. */
export function basisEnd(ledger: Ledger): string | null {
  const ends = ledger.observations
    .filter((o) => o.measure === "punished_cat3_4" && o.jurisdiction === "CN" && o.scope === "all")
    .map((o) => o.period_end)
    .sort();
  return ends.at(-1) ?? null;
}

/**
 * The December 2024 submission's own figures, recomputed from the ledger cut at its window
 * (through September 2024) with the ledger's ratio range: 92,300–184,600 on categories 3+4 over
 * the reported periods, and the submission's sum 39,547 (it counts some placements twice). They never move with the what-if values.
 */
export function seedFigures(ledger: Ledger) {
  const seed = seedLedger(ledger);
  const d = defaultInputs(seed);
  const total = totalFigures(seed, { ratio: d.ratio, base: "cat3_4", annualize: false }).total.cat3_4;
  return {
    through: SEED_SUBMISSION.through,
    end: basisEnd(seed),
    sourceId: SEED_SUBMISSION.sourceId,
    low: total?.low ?? null,
    high: total?.high ?? null,
    floor: officialFloor(seed).asPublished,
  };
}

/**
 * People held on an average day by Little's law from the latest official count: its placements per
 * year (count ÷ days × 365) × each end of the what-if duration range ÷ 365. Unrounded: the card rounds.
 */
export function heldFigures(fixed: FixedFigures, duration: readonly [number, number]) {
  const r = fixed.rates;
  if (!r) return null;
  const perYear = (r.placements / r.days) * 365;
  return {
    year: r.year,
    days: r.days,
    placementsId: r.placementsId,
    low: (perYear * duration[0]) / 365,
    high: (perYear * duration[1]) / 365,
  };
}

/** The Monte Carlo the page shows for what-if values (BROWSER_DRAWS draws, seed 1). */
export function whatIfUncertainty(ledger: Ledger, w: WhatIf): UncertaintyResult {
  return monteCarlo(ledger, {
    draws: BROWSER_DRAWS,
    seed: 1,
    inputs: { ratio: w.ratio, base: w.base, duration: w.duration, annualize: w.annualize },
  });
}

/** Every what-if figure at once (the page computes the parts separately, each when its inputs change). */
export function whatIfFigures(ledger: Ledger, w: WhatIf, headline: UncertaintyResult | null): WhatIfFigures {
  const uncertainty = headline ?? whatIfUncertainty(ledger, w);
  return {
    ...totalFigures(ledger, w),
    uncertainty,
    draws: uncertainty.draws,
    triangulation: whatIfTriangulation(ledger, w.ratio, undefined, w.annualize),
  };
}

export interface ProvinceRate {
  readonly code: string;
  /** Reported placements per million inhabitants per year, from the province's longest reported period. */
  readonly perMillionPerYear: number;
  readonly observationId: string;
  readonly periodLabel: string;
  readonly count: number;
}

/**
 * Provinces with a placement figure since liuzhi became law but no population to make it a rate:
 * shown as "reported; no population", never as if nothing had been published.
 */
export function provincesWithoutPopulation(ledger: Ledger): Map<string, { count: number; observationId: string }> {
  const withPopulation = new Set(
    ledger.jurisdictions.filter((j) => j.population_m !== null && j.population_m > 0).map((j) => j.code),
  );
  const out = new Map<string, { count: number; observationId: string }>();
  for (const o of ledger.observations) {
    if (o.measure !== "liuzhi_placements" || o.jurisdiction === "CN" || withPopulation.has(o.jurisdiction)) continue;
    if (o.period_start < LIUZHI_LAW_START || out.has(o.jurisdiction)) continue;
    out.set(o.jurisdiction, { count: o.value, observationId: o.id });
  }
  return out;
}

/** Per province, the placement figure over its longest period since liuzhi became law, as a rate. */
export function provinceRates(fixed: FixedFigures): Map<string, ProvinceRate> {
  const out = new Map<string, ProvinceRate & { years: number }>();
  for (const e of fixed.extrapolations) {
    if (e.periodStart < LIUZHI_LAW_START || e.years <= 0) continue;
    const current = out.get(e.jurisdiction);
    if (current && current.years >= e.years) continue;
    out.set(e.jurisdiction, {
      code: e.jurisdiction,
      perMillionPerYear: e.count / e.populationM / e.years,
      observationId: e.id,
      periodLabel: e.periodLabel,
      count: e.count,
      years: e.years,
    });
  }
  return out;
}
