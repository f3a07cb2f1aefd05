import type { Ledger } from "../core/index.ts";
import { ledgerSha256, readLedger } from "../ledger/index.ts";
import { type RunManifest, runManifest } from "../methods/index.ts";
import { type CommandIo, type ParsedArgs, UsageError } from "./command.ts";
import { VERSION } from "./version.ts";
import { withLedger } from "./with-ledger.ts";

/** Reads the ledger for a method and prepares its run manifest (version, ledger hash, options, seed). */
export async function loadForMethod(
  args: ParsedArgs,
  io: CommandIo,
): Promise<{
  ledger: Ledger;
  manifest: (method: string, options?: Record<string, unknown>, seed?: number) => RunManifest;
}> {
  const ledger = await withLedger(args, io, readLedger);
  const ledgerHash = ledgerSha256(ledger);
  return {
    ledger,
    manifest: (method, options = {}, seed) =>
      runManifest({ version: VERSION, ledgerSha256: ledgerHash, method, options, seed: seed ?? null }),
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
