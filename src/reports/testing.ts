/** Test helper: the shipped data package as a Ledger, read without a database. */
import type { Ledger } from "../core/index.ts";
import { readDataPackage, SHIPPED_DATA_DIR, validateAdditions } from "../ledger/index.ts";

export function shippedLedger(): Ledger {
  const read = readDataPackage(`${SHIPPED_DATA_DIR}datapackage.json`);
  const empty = { sources: [], jurisdictions: [], observations: [], assumptions: [] };
  const { additions, issues } = validateAdditions(empty, read.inputs);
  if (read.issues.length + issues.length > 0) throw new Error("the shipped data package is invalid");
  return additions;
}

/** The options the snapshot tests use: a fixed generation date and version. */
export const FIXED_OPTIONS = { generated: "2025-01-01", version: "0.0.0-test" } as const;
