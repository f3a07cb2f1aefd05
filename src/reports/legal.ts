/**
 * The legal-framework annex: each characteristic of liuzhi, the international provision it
 * violates, and the seed paragraph that argues it. Kept as data in data/legal-framework.csv (not a
 * ledger table) and read when a report is built.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeUtf8, parseCsv } from "../core/index.ts";

export interface LegalProvision {
  readonly characteristic: string;
  readonly instrument: string;
  readonly article: string;
  readonly seedParagraph: string;
}

export const LEGAL_FRAMEWORK_FILE = fileURLToPath(new URL("../../data/legal-framework.csv", import.meta.url));
const COLUMNS = ["characteristic", "instrument", "article", "seed_paragraph"] as const;

/** Parses the CSV text; a missing column or an empty cell is an error naming the row. */
export function parseLegalFramework(text: string): LegalProvision[] {
  const { header, rows } = parseCsv(text);
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`legal-framework.csv: missing column(s) ${missing.join(", ")}`);
  return rows.map((row, i) => {
    for (const c of COLUMNS) {
      if (!row[c]) throw new Error(`legal-framework.csv row ${i + 2}: empty ${c}`);
    }
    return {
      characteristic: row.characteristic!,
      instrument: row.instrument!,
      article: row.article!,
      seedParagraph: row.seed_paragraph!,
    };
  });
}

export function readLegalFramework(file: string = LEGAL_FRAMEWORK_FILE): LegalProvision[] {
  return parseLegalFramework(decodeUtf8(readFileSync(file)));
}
