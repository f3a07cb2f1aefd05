import type { Ledger } from "../../src/core/index.ts";
import { readDataPackage, SHIPPED_DATA_DIR, validateAdditions } from "../../src/ledger/index.ts";

/** The shipped data package as a Ledger, read and validated the way the database is filled. */
export function shippedLedger(): Ledger {
  const read = readDataPackage(`${SHIPPED_DATA_DIR}datapackage.json`);
  const empty = { sources: [], jurisdictions: [], observations: [], assumptions: [] };
  const { additions, issues } = validateAdditions(empty, read.inputs);
  if (read.issues.length + issues.length > 0) throw new Error("the shipped data package is invalid");
  return additions;
}
