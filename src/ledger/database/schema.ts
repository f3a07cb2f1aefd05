import type { Assumption, Jurisdiction, Observation, Source } from "../../core/index.ts";

/** The database's tables as Kysely sees them: the domain records, column for column. */
export interface LedgerDatabase {
  sources: Source;
  jurisdictions: Jurisdiction;
  observations: Observation;
  assumptions: Assumption;
}
