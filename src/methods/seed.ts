import type { Ledger } from "../core/index.ts";
import type { AnyMethod } from "./define.ts";
import { defineParams } from "./params.ts";

/**
 * The December 2024 submission (the seed: Safeguard Defenders, 12 December 2024) estimates liuzhi
 * "between 2018 and September 2024" from the figures then published. Its figures are the methods
 * run on the ledger cut at that date: every observation whose period ends on or before 30 September
 * 2024. Later figures (2024 as a whole, January–September 2025) stay in the ledger and in the current
 * estimate; this cut is how the seed's own 92,300–184,600 and 39,547 stay reproducible beside it.
 */
export const SEED_SUBMISSION = {
  sourceId: "sd-2024-12-12",
  published: "2024-12-12",
  through: "2024-09-30",
} as const;

/**
 * The ledger as far as `through` (YYYY-MM-DD): observations whose period ends on or before that day.
 * Sources, jurisdictions and assumptions are kept whole.
 * @example ledgerThrough(ledger, SEED_SUBMISSION.through) // the figures the seed could use
 */
export function ledgerThrough(ledger: Ledger, through: string): Ledger {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(through)) throw new RangeError(`invalid date: ${through} (expected YYYY-MM-DD)`);
  return { ...ledger, observations: ledger.observations.filter((o) => o.period_end <= through) };
}

/** The seed's ledger: the shipped figures through September 2024. */
export function seedLedger(ledger: Ledger): Ledger {
  return ledgerThrough(ledger, SEED_SUBMISSION.through);
}

/** `through`: every method takes it, on the command line, in the API and in its manifest. */
export const THROUGH_PARAMS = defineParams({
  through: {
    kind: "text",
    pattern: /^\d{4}-\d{2}-\d{2}$/,
    format: "date",
    expected: "a date YYYY-MM-DD that the calendar has",
    help: `use only figures whose period ends on or before this day (${SEED_SUBMISSION.through}: the December 2024 submission's figures)`,
    example: SEED_SUBMISSION.through,
  },
});

/**
 * A method that also takes `through`: it runs on the ledger cut at that day, and its manifest
 * records the cut, so `liuzhi estimate --through 2024-09-30` and `/api/estimates?through=2024-09-30`
 * are the same run.
 */
export function cutThrough(method: AnyMethod): AnyMethod {
  return {
    ...method,
    params: { ...method.params, ...THROUGH_PARAMS },
    run: (ledger: Ledger, values: { readonly through?: string }) =>
      method.run(values.through ? ledgerThrough(ledger, values.through) : ledger, values),
    manifest: (values: { readonly through?: string }, result: unknown) => {
      const run = method.manifest(values, result);
      return values.through ? { ...run, options: { ...run.options, through: values.through } } : run;
    },
  };
}
