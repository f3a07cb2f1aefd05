/**
 * `liuzhi model` / `/api/model`: the one current estimate per year and in total, its
 * hyperparameter weights, the runs leaving out each estimator, and the held-out checks.
 */
import type { Ledger } from "../core/index.ts";
import { type Cell, defineMethod, type Table } from "./define.ts";
import { drawMixture, fitMixture, GRID, gridPoints, type Interval, intervalOf, without } from "./model.ts";
import {
  ESTIMATORS,
  type Estimator,
  type ModelInputs,
  modelInputs,
  type PartialYearCalibration,
} from "./model-inputs.ts";
import { defineParams, InvalidOption } from "./params.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";

export const MODEL_PARAMS = defineParams({
  draws: {
    kind: "integer",
    bounds: { min: 100, max: 50_000 },
    default: 10_000,
    help: "draws from the posterior for each run (the main run, each left-out estimator, each held-out count)",
    example: "10000",
  },
  seed: {
    kind: "integer",
    bounds: { min: 0, max: 0xffffffff },
    default: 1,
    help: "random seed: the same seed gives the same figures",
    example: "42",
  },
  "hold-out": {
    kind: "text",
    pattern: /^20[1-9]\d$/,
    expected: "a year from 2010 to 2099",
    help: "drop that year's official nationwide count, to see whether the model predicts it (a year without one drops nothing, and the answer says so)",
    example: "2023",
  },
});

const round = (i: Interval): Interval => ({
  median: roundTo(i.median, ROUNDING.estimate),
  p05: roundTo(i.p05, ROUNDING.estimate),
  p95: roundTo(i.p95, ROUNDING.estimate),
});
const roundShare = (i: Interval): Interval => ({
  median: roundTo(i.median, ROUNDING.share),
  p05: roundTo(i.p05, ROUNDING.share),
  p95: roundTo(i.p95, ROUNDING.share),
});

export interface ModelYear extends Interval {
  readonly year: number;
  /** The part of the year counted: 2018 from March, the last year to the latest period. */
  readonly from: string;
  readonly to: string;
  /** The year's full-year rate (differs from the count only where part of the year is counted). */
  readonly fullYear: Interval;
  /** The official nationwide count of the year, where the ledger has one (and it was not held out). */
  readonly official: number | null;
  /** Placements per person-time handled in categories 3 and 4 (the ratio the submission assumed 10–20%). */
  readonly ratioToCat34: Interval | null;
}

export interface ModelRun {
  readonly years: ReadonlyArray<ModelYear>;
  readonly total: Interval & { readonly from: string; readonly to: string };
}

export interface ModelResult extends ModelRun {
  readonly draws: number;
  readonly seed: number;
  /** The year asked to be held out, and the official count dropped (null where the ledger has none for it). */
  readonly holdOut: { readonly year: number; readonly dropped: string | null } | null;
  readonly estimators: ReadonlyArray<{ readonly estimator: Estimator; readonly observations: ReadonlyArray<string> }>;
  readonly hyperparameters: ReadonlyArray<{
    readonly drift: number;
    readonly otherDrift: number;
    readonly provinceEffect: number;
    readonly provinceNoise: number;
    readonly weight: number;
  }>;
  /** Each hyperparameter's weight by value (the grid's weights summed over the others). */
  readonly hyperparameterMarginals: ReadonlyArray<{
    readonly name: string;
    readonly value: number;
    readonly weight: number;
  }>;
  readonly partialYear: PartialYearCalibration;
  readonly leaveOneOut: ReadonlyArray<{ readonly estimator: Estimator } & ModelRun>;
  /** Each official nationwide count predicted by the model without it. */
  readonly heldOut: ReadonlyArray<{
    readonly year: number;
    readonly official: number;
    readonly predicted: Interval;
    readonly covered: boolean;
  }>;
  readonly excluded: ModelInputs["excluded"];
  readonly provenance: Provenance;
}

const yearStart = (y: number, from: string) => (y === Number(from.slice(0, 4)) ? from : `${y}-01-01`);
const yearEnd = (y: number, to: string) => (y === Number(to.slice(0, 4)) ? to : `${y}-12-31`);

function runOn(inputs: ModelInputs, observations: ModelInputs["observations"], draws: number, seed: number) {
  const mixture = fitMixture(inputs, observations);
  const sample = drawMixture(inputs, mixture, draws, seed);
  const officialByYear = new Map(
    observations.filter((o) => o.officialYear !== null).map((o) => [o.officialYear!, o.value] as const),
  );
  const run: ModelRun = {
    years: inputs.years.map((year, t) => ({
      year,
      from: yearStart(year, inputs.from),
      to: yearEnd(year, inputs.to),
      ...round(intervalOf(sample.counts[t]!)),
      fullYear: round(intervalOf(sample.rates[t]!)),
      official: officialByYear.get(year) ?? null,
      ratioToCat34: sample.ratio ? roundShare(intervalOf(sample.ratio[t]!)) : null,
    })),
    total: { from: inputs.from, to: inputs.to, ...round(intervalOf(sample.total)) },
  };
  return { run, mixture, sample };
}

/** The model on a ledger: the main run (without the held-out year's count), every left-out estimator, every held-out count. */
export function model(
  ledger: Ledger,
  options: { readonly draws: number; readonly seed: number; readonly holdOut?: number },
): ModelResult {
  const inputs = modelInputs(ledger);
  const officialYears = inputs.observations.flatMap((o) => (o.officialYear === null ? [] : [o.officialYear]));
  const { holdOut } = options;
  if (holdOut !== undefined && !(Number.isInteger(holdOut) && holdOut >= 2010 && holdOut <= 2099))
    throw new InvalidOption("hold-out", MODEL_PARAMS["hold-out"].expected, String(holdOut));
  const dropped = inputs.observations.find((o) => holdOut !== undefined && o.officialYear === holdOut) ?? null;
  const used = dropped ? without(inputs.observations, { officialYear: holdOut! }) : inputs.observations;
  const main = runOn(inputs, used, options.draws, options.seed);
  const present = ESTIMATORS.filter((e) => used.some((o) => o.estimator === e));
  const leaveOneOut = present.map((estimator) => ({
    estimator,
    ...runOn(inputs, without(used, { estimator }), options.draws, options.seed).run,
  }));
  const heldOut = officialYears.map((year) => {
    const official = inputs.observations.find((o) => o.officialYear === year)!.value;
    const t = inputs.years.indexOf(year);
    const predicted =
      dropped && year === holdOut
        ? intervalOf(main.sample.rates[t]!)
        : intervalOf(
            runOn(inputs, without(used, { officialYear: year }), options.draws, options.seed).sample.rates[t]!,
          );
    return {
      year,
      official,
      predicted: round(predicted),
      covered: predicted.p05 <= official && official <= predicted.p95,
    };
  });
  const grid = gridPoints();
  return {
    ...main.run,
    draws: options.draws,
    seed: options.seed,
    holdOut: holdOut === undefined ? null : { year: holdOut, dropped: dropped?.id ?? null },
    estimators: present.map((estimator) => ({
      estimator,
      observations: used.filter((o) => o.estimator === estimator).map((o) => o.id),
    })),
    hyperparameters: grid
      .map((h, i) => ({ ...h, weight: roundTo(main.mixture.weights[i]!, ROUNDING.share) }))
      .sort((a, b) => b.weight - a.weight),
    hyperparameterMarginals: (Object.keys(GRID) as Array<keyof typeof GRID>).flatMap((name) =>
      GRID[name].map((value) => ({
        name,
        value,
        weight: roundTo(
          grid.reduce((sum, h, i) => (h[name] === value ? sum + main.mixture.weights[i]! : sum), 0),
          ROUNDING.share,
        ),
      })),
    ),
    partialYear: inputs.partialYear,
    leaveOneOut,
    heldOut,
    excluded: inputs.excluded,
    provenance: provenance(
      used.map((o) => o.id),
      [inputs.ratioPrior.id],
      [
        "log placements per year; log ratio of each nationwide series to placements a random walk",
        "provincial counts: population share × national placements over the same span × province effect × shared offset",
        `hyperparameters averaged over ${grid.length} grid points by marginal likelihood`,
        `${options.draws} draws, seed ${options.seed}`,
      ],
    ),
  };
}

const heldOutText = (h: ModelResult["holdOut"]) =>
  h === null
    ? ""
    : h.dropped
      ? `; the official ${h.year} count held out (${h.dropped})`
      : `; the ledger has no official ${h.year} count: nothing held out`;

const HYPER_NAMES: Readonly<Record<string, string>> = {
  drift: "drift of the ratio to categories 3+4 (sd a year)",
  otherDrift: "drift of the ratio to transfers, cases filed (sd a year)",
  provinceEffect: "province effect (sd)",
  provinceNoise: "a provincial figure's own noise (sd)",
  seriesNoise: "a nationwide series' own wobble around its trend (sd)",
};

const cells = (i: Interval): Cell[] => [i.median, i.p05, i.p95];

function yearsTable(result: ModelResult): Table {
  return {
    columns: ["period", "from", "to", "median", "p05", "p95", "official", "ratio_to_cat3_4"],
    rows: [
      ...result.years.map((y) => [
        String(y.year),
        y.from,
        y.to,
        ...cells(y),
        y.official,
        y.ratioToCat34?.median ?? null,
      ]),
      ["Total", result.total.from, result.total.to, ...cells(result.total), null, null],
    ],
  };
}

export const modelMethod = defineMethod({
  name: "model",
  command: "model",
  path: "/model",
  summary:
    "One model combining every estimator the ledger supports: placements per year and in total, with 90% intervals",
  description:
    "A linear-Gaussian model on the log scale: the ratio of placements to categories 3+4 (and to transfers and cases filed) drifts as a random walk calibrated on the official counts; provincial counts enter with a province effect each and a shared offset. Hyperparameters are averaged by marginal likelihood. Prints each year from March 2018 to the latest period, the total, the runs leaving out each estimator and each official count predicted without itself. See docs/methods.md.",
  examples: ["liuzhi model", "liuzhi model --hold-out 2023 --format json"],
  params: MODEL_PARAMS,
  run: (ledger, values) =>
    model(ledger, {
      draws: values.draws,
      seed: values.seed,
      ...(values["hold-out"] === undefined ? {} : { holdOut: Number(values["hold-out"]) }),
    }),
  manifest: (values) => ({
    options: { draws: values.draws, ...(values["hold-out"] ? { holdOut: Number(values["hold-out"]) } : {}) },
    seed: values.seed,
  }),
  body: (result) => result,
  table: yearsTable,
  text: {
    before: (result) => `${result.draws} draws, seed ${result.seed}${heldOutText(result.holdOut)}\n\n`,
    after: (result) => [
      {
        title: "Each official count predicted without itself (full year):",
        table: {
          columns: ["year", "official", "median", "p05", "p95", "covered"],
          rows: result.heldOut.map((h) => [h.year, h.official, ...cells(h.predicted), h.covered ? "yes" : "no"]),
        },
      },
      {
        title: "Leaving out one estimator (total):",
        table: {
          columns: ["left_out", "median", "p05", "p95"],
          rows: result.leaveOneOut.map((l) => [l.estimator, ...cells(l.total)]),
        },
      },
      {
        title:
          "Hyperparameter weights by marginal likelihood (each value, summed over the others; the grid in --format json):",
        table: {
          columns: ["hyperparameter", "value", "weight"],
          rows: result.hyperparameterMarginals.map((h) => [HYPER_NAMES[h.name] ?? h.name, h.value, h.weight]),
        },
      },
      {
        title: `Partial years: ${
          result.partialYear.calibrated
            ? `calibrated on ${result.partialYear.pairs.length} Jan–Sep/full-year pair(s)`
            : "no Jan–Sep/full-year pair in the ledger; default spread"
        }`,
        table: {
          columns: ["bias", "spread_sd"],
          rows: [
            [roundTo(result.partialYear.bias, ROUNDING.share), roundTo(result.partialYear.spread, ROUNDING.share)],
          ],
        },
      },
    ],
  },
});
