/** Test helpers of the reports: the shipped ledger (shared with every other test) and fixed options. */
export { shippedLedger } from "./shipped-ledger.ts";

/** The options the snapshot tests use: a fixed generation date and version. */
export const FIXED_OPTIONS = { generated: "2025-01-01", version: "0.0.0-test" } as const;
