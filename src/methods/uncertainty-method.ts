import type { Ledger } from "../core/index.ts";
import { defineMethod, type RunContext } from "./define.ts";
import { type RunManifest, runManifest } from "./manifest.ts";
import type { Values } from "./params.ts";
import { type SensitivityResult, sensitivity } from "./sensitivity.ts";
import { monteCarlo, UNCERTAINTY_PARAMS, type UncertaintyInputs, type UncertaintyResult } from "./uncertainty.ts";

export type UncertaintyValues = Values<typeof UNCERTAINTY_PARAMS>;

/** The Monte Carlo inputs the parameters set; ranges left out take the ledger's. */
export function uncertaintyInputs(values: UncertaintyValues): Partial<UncertaintyInputs> {
  return {
    base: values.base,
    annualizationSpread: values["annualization-spread"],
    annualize: values.annualize,
    ...(values["ratio-range"] ? { ratio: values["ratio-range"] } : {}),
    ...(values.durations ? { duration: values.durations } : {}),
  };
}

/** Every parameter at its default: what the reports and the dashboard's headline run. */
export const UNCERTAINTY_DEFAULTS: UncertaintyValues = {
  draws: UNCERTAINTY_PARAMS.draws.default,
  seed: UNCERTAINTY_PARAMS.seed.default,
  "ratio-range": undefined,
  base: UNCERTAINTY_PARAMS.base.default,
  durations: undefined,
  "annualization-spread": UNCERTAINTY_PARAMS["annualization-spread"].default,
  annualize: UNCERTAINTY_PARAMS.annualize.default,
};

/** What a Monte Carlo run's manifest records: the draws, the inputs as resolved, and the seed. */
const manifestOf = (values: UncertaintyValues, result: UncertaintyResult) => ({
  options: { draws: values.draws, inputs: result.inputs },
  seed: values.seed,
});

/** The manifest of a Monte Carlo run alone (the dashboard's headline), as `liuzhi uncertainty` records it. */
export function monteCarloManifest(
  values: UncertaintyValues,
  result: UncertaintyResult,
  context: RunContext,
): RunManifest {
  return runManifest({ ...context, method: "uncertainty", ...manifestOf(values, result) });
}

type Run = UncertaintyResult & { readonly sensitivity: SensitivityResult };

const interval = (name: string, i: { median: number; p05: number; p95: number }) => [name, i.median, i.p05, i.p95];

export const uncertaintyMethod = defineMethod<typeof UNCERTAINTY_PARAMS, Run>({
  name: "uncertainty",
  command: "uncertainty",
  path: "/uncertainty",
  summary: "Monte Carlo over the uncertain inputs (seeded), and a one-at-a-time sensitivity table",
  description:
    "Draws the ratio, the category base, the annualization of partial years and the average duration; prints the median and 90% interval of each year, of the cumulative and adjusted totals and of the people held on an average day. The same --seed gives the same figures.",
  examples: ["liuzhi uncertainty --draws 1000000 --seed 42", "liuzhi uncertainty --annualize false --format json"],
  params: UNCERTAINTY_PARAMS,
  run: (ledger: Ledger, values): Run => {
    const inputs = uncertaintyInputs(values);
    return {
      ...monteCarlo(ledger, { draws: values.draws, seed: values.seed, inputs }),
      sensitivity: sensitivity(ledger, inputs),
    };
  },
  manifest: manifestOf,
  body: (result) => result,
  // One block of rows per scenario, each row naming its base: the two are never mixed.
  table: (result) => ({
    columns: ["scenario", "estimate", "median", "p05", "p95"],
    rows: result.scenarios.flatMap((s) =>
      [
        ...s.years.map((y) => interval(y.period, y)),
        interval("Cumulative (reported periods; the submission's Total)", s.cumulative),
        interval("Adjusted cumulative (partial years extended; the submission's Adjusted total)", s.adjustedCumulative),
        interval(`March 2018 to ${s.sinceLawStart.to} (no quarter left out)`, s.sinceLawStart),
        interval(`Held on an average day, ${s.heldOnAverageDay.period}`, s.heldOnAverageDay),
      ].map((row) => [s.base, ...row]),
    ),
  }),
  text: {
    before: (result) =>
      `${result.draws} draws, seed ${result.seed}; the submission's ratio method, each category base its own scenario:\n${result.scenarios
        .map((s) => `  ${s.base}: ${s.label}\n`)
        .join("")}\n`,
    after: (result) => [
      {
        title: `Sensitivity (one input at a time from the median point, ${result.sensitivity.baseline.point.base}; adjusted total ${result.sensitivity.baseline.adjustedTotal}):`,
        table: {
          columns: ["input", "low", "high", "total at low", "total at high", "swing"],
          rows: result.sensitivity.rows.map((r) => [r.input, r.low, r.high, r.totalAtLow, r.totalAtHigh, r.totalSwing]),
        },
      },
    ],
  },
});
