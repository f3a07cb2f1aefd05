import { createHash } from "node:crypto";
import { formatCsv, LEDGER_TABLES, type Ledger } from "../core/index.ts";

/**
 * SHA-256 over the ledger's canonical serialization (each table as the data package writes it,
 * in table order), so a run manifest pins exactly the data a method read.
 */
export function ledgerSha256(ledger: Ledger): string {
  const hash = createHash("sha256");
  for (const table of LEDGER_TABLES) {
    hash.update(`${table.name}\n`);
    hash.update(formatCsv(table.columns, ledger[table.name] as ReadonlyArray<Record<string, string | number | null>>));
  }
  return hash.digest("hex");
}
