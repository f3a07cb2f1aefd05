import { isIsoDate, type Ledger } from "../core/index.ts";
import { ledgerSha256, readLedger } from "../ledger/index.ts";
import { ledgerThrough, type RunManifest, runManifest, SEED_SUBMISSION } from "../methods/index.ts";
import { type CommandIo, type OptionSpec, type ParsedArgs, UsageError } from "./command.ts";
import { VERSION } from "./version.ts";
import { withLedger } from "./with-ledger.ts";

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

/** Reads the ledger for a method and prepares its run manifest (version, ledger hash, options, seed). */
export async function loadForMethod(
  args: ParsedArgs,
  io: CommandIo,
): Promise<{
  ledger: Ledger;
  manifest: (method: string, options?: Record<string, unknown>, seed?: number) => RunManifest;
}> {
  const through = throughValue(args);
  const whole = await withLedger(args, io, readLedger);
  // The hash is the whole ledger's (what was read); the manifest's options say where it was cut.
  const ledgerHash = ledgerSha256(whole);
  const ledger = through ? ledgerThrough(whole, through) : whole;
  return {
    ledger,
    manifest: (method, options = {}, seed) =>
      runManifest({
        version: VERSION,
        ledgerSha256: ledgerHash,
        method,
        options: through ? { ...options, through } : options,
        seed: seed ?? null,
      }),
  };
}

/** JSON output of a method: the result with its run manifest first. */
export function jsonOutput(manifest: RunManifest, result: object): string {
  return `${JSON.stringify({ manifest, ...result }, null, 2)}\n`;
}

/** Parses a whole number option (draws, seed), or throws a UsageError naming it. */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`invalid --${name} '${String(raw)}': expected a whole number ≥ ${min}`);
  }
  return value;
}
