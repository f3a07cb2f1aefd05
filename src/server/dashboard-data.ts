import type { Ledger, PublicSummaries } from "../core/index.ts";
import { ledgerSha256 } from "../ledger/index.ts";
import { monteCarlo, runManifest } from "../methods/index.ts";
import type { DashboardData } from "../web/types.ts";

/** The CLI's defaults for `liuzhi uncertainty`, so the dashboard's headline interval equals the CLI's. */
export const HEADLINE_DRAWS = 100_000;
export const HEADLINE_SEED = 1;

/**
 * `data/dashboard.json`. With summaries, the captures (by source id) and the case coverage — already
 * aggregated and suppressed: the browser never gets anything else from the register — are added;
 * without them the file is exactly as before.
 */
export function dashboardData(ledger: Ledger, version: string, summaries: PublicSummaries = {}): DashboardData {
  const hash = ledgerSha256(ledger);
  const result = monteCarlo(ledger, { draws: HEADLINE_DRAWS, seed: HEADLINE_SEED });
  return {
    version,
    ledgerSha256: hash,
    ledger,
    uncertainty: {
      manifest: runManifest({
        version,
        ledgerSha256: hash,
        method: "uncertainty",
        options: { draws: HEADLINE_DRAWS, inputs: result.inputs },
        seed: HEADLINE_SEED,
      }),
      result,
    },
    ...(summaries.captures && summaries.captures.size > 0
      ? { captures: Object.fromEntries([...summaries.captures].sort(([a], [b]) => a.localeCompare(b))) }
      : {}),
    ...(summaries.coverage && summaries.coverage.rows.length > 0 ? { coverage: summaries.coverage } : {}),
  };
}
