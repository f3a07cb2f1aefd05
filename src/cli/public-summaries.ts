import { captureSummaries } from "../capture/index.ts";
import { publicCoverage } from "../cases/index.ts";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import type { LedgerDb } from "../store/index.ts";

/**
 * What `report`, `build-site` and `serve` print beside the ledger: the latest capture of each source
 * (from the capture store) and the register's coverage (aggregates, suppressed; no key needed).
 * Empty when there are no captures and no cases, so the outputs are then exactly as without them.
 */
export async function publicSummaries(db: LedgerDb, ledger: Ledger, store: string): Promise<PublicSummaries> {
  const captures = captureSummaries(store);
  const coverage = await publicCoverage(db, ledger.observations);
  return { ...(captures.size > 0 ? { captures } : {}), ...(coverage ? { coverage } : {}) };
}
