/**
 * The law by date: each version of the liuzhi time limits, with the day it applies from and to and
 * its source, kept as data in data/legal-regimes.csv (declared in core, a resource of the data
 * package, not a ledger table). The deadline watch picks the regime in force on the day a person was taken.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeUtf8, formatIssue, type LegalRegime, legalRegimes, parseCsv } from "../core/index.ts";

export { type LegalRegime, legalRegimes, RESTRICTIVE_MEASURES, type RestrictiveMeasure } from "../core/index.ts";

export const LEGAL_REGIMES_FILE = fileURLToPath(new URL("../../data/legal-regimes.csv", import.meta.url));

/** Parses and checks the regimes: every row valid, periods in order and never overlapping. */
export function parseLegalRegimes(text: string, file = "legal-regimes.csv"): LegalRegime[] {
  const { header, rows } = parseCsv(text);
  const missing = legalRegimes.columns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(", ")}`);
  const out: LegalRegime[] = [];
  rows.forEach((row, i) => {
    const parsed = legalRegimes.parse(row, i + 2);
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => formatIssue(issue, file)).join("\n"));
    out.push(parsed.value);
  });
  out.sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  for (let i = 1; i < out.length; i++) {
    const before = out[i - 1]!;
    if (before.valid_to === null || before.valid_to >= out[i]!.valid_from) {
      throw new Error(`${file}: ${before.id} must end before ${out[i]!.id} starts (${out[i]!.valid_from})`);
    }
  }
  return out;
}

let shipped: LegalRegime[] | null = null;

/** The shipped regimes (data/legal-regimes.csv), read once. */
export function shippedLegalRegimes(): ReadonlyArray<LegalRegime> {
  shipped ??= parseLegalRegimes(decodeUtf8(readFileSync(LEGAL_REGIMES_FILE)));
  return shipped;
}

/** The regime in force on `day` (YYYY-MM-DD), or null before the first one. */
export function regimeOn(regimes: ReadonlyArray<LegalRegime>, day: string): LegalRegime | null {
  return regimes.find((r) => r.valid_from <= day && (r.valid_to === null || day <= r.valid_to)) ?? null;
}
