import { resolve } from "node:path";
import { formatIssue } from "../core/index.ts";
import { readDataPackage, SHIPPED_DATA_DIR } from "./data-package.ts";
import { type LedgerDb, openSqliteLedger } from "./database/connection.ts";
import { insertAdditions } from "./database/store.ts";
import { validateAdditions } from "./validate.ts";

/** Where the SQLite ledger lives: `--db`, else $LIUZHI_DB, else var/liuzhi.sqlite in the working directory. */
export function resolveDbFile(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option ?? env.LIUZHI_DB ?? "var/liuzhi.sqlite");
}

/** Fills an empty ledger from the shipped data package; a broken shipped package is a bug, so it throws. */
async function fillFromShippedData(db: LedgerDb): Promise<void> {
  const read = readDataPackage(`${SHIPPED_DATA_DIR}datapackage.json`);
  const empty = { sources: [], jurisdictions: [], observations: [], assumptions: [] };
  const { additions, issues } = validateAdditions(empty, read.inputs);
  const all = [...read.issues, ...issues];
  if (all.length > 0) {
    throw new Error(`the shipped data package is invalid:\n${all.map((i) => formatIssue(i, i.file)).join("\n")}`);
  }
  await db.transaction().execute((trx) => insertAdditions(trx, additions));
}

/**
 * Opens the ledger database; a missing file is created and filled from the shipped data package,
 * or left empty with `empty: true`.
 */
export async function openLedger(file: string, options: { empty?: boolean } = {}) {
  return openSqliteLedger(file, options.empty ? async () => {} : fillFromShippedData);
}
