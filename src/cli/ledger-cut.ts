/** --through DATE, shared by every method command and `report`: cut the ledger at a day. */
import { isIsoDate } from "../core/index.ts";
import { SEED_SUBMISSION } from "../methods/index.ts";
import { type OptionSpec, type ParsedArgs, UsageError } from "./command.ts";

/** --through DATE: the methods read only figures whose period ends by then (2024-09-30 gives the seed's figures). */
export const throughOption: Record<"through", OptionSpec> = {
  through: {
    type: "string",
    valueName: "YYYY-MM-DD",
    help: `use only figures whose period ends on or before this day (${SEED_SUBMISSION.through}: the December 2024 submission's figures)`,
  },
};

/** The --through value, checked; undefined when not given. */
export function throughValue(args: ParsedArgs): string | undefined {
  const raw = args.values.through;
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !isIsoDate(raw)) {
    throw new UsageError(`invalid --through '${String(raw)}': expected a date written YYYY-MM-DD`);
  }
  return raw;
}
