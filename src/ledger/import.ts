import type { Ledger } from "../core/index.ts";
import { readImportFiles } from "./data-package.ts";
import type { LedgerDb } from "./database/connection.ts";
import { insertAdditions, readLedger } from "./database/store.ts";
import { type InputIssue, type LedgerAdditions, validateAdditions } from "./validate.ts";

export interface ImportResult {
  /** Rows per table that were added, or that would be added on a dry run. */
  readonly counts: { readonly [K in keyof Ledger]: number };
  readonly issues: ReadonlyArray<InputIssue>;
  /** True when the database was written: no issues and not a dry run. */
  readonly written: boolean;
}

const countsOf = (a: LedgerAdditions) => ({
  sources: a.sources.length,
  jurisdictions: a.jurisdictions.length,
  observations: a.observations.length,
  assumptions: a.assumptions.length,
});

/**
 * Imports CSV files or a data package into the ledger, all or nothing: the files are validated
 * against the ledger inside one transaction, and any issue (or a dry run) writes nothing.
 */
export async function importIntoLedger(
  db: LedgerDb,
  paths: ReadonlyArray<string>,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const read = readImportFiles(paths);
  return db.transaction().execute(async (trx) => {
    const existing = await readLedger(trx);
    const { additions, issues } = validateAdditions(existing, read.inputs);
    const all = [...read.issues, ...issues];
    const written = all.length === 0 && !options.dryRun;
    if (written) await insertAdditions(trx, additions);
    return { counts: countsOf(additions), issues: all, written };
  });
}
