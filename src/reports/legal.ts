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
  /** The first three in Simplified Chinese, for the Chinese edition (null where not translated). */
  readonly zh: {
    readonly characteristic: string;
    readonly instrument: string;
    readonly article: string;
    /** Where the paragraph cell holds words (not only numbers); else the paragraph as in English. */
    readonly seedParagraph: string;
  } | null;
}

export const LEGAL_FRAMEWORK_FILE = fileURLToPath(new URL("../../data/legal-framework.csv", import.meta.url));
const COLUMNS = ["characteristic", "instrument", "article", "seed_paragraph"] as const;
/** Optional: the Chinese edition's words. A row gives all three or none. */
const ZH_COLUMNS = ["characteristic_zh", "instrument_zh", "article_zh"] as const;

/** Parses the CSV text; a missing column or an empty cell is an error naming the row. */
export function parseLegalFramework(text: string): LegalProvision[] {
  const { header, rows } = parseCsv(text);
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`legal-framework.csv: missing column(s) ${missing.join(", ")}`);
  return rows.map((row, i) => {
    for (const c of COLUMNS) {
      if (!row[c]) throw new Error(`legal-framework.csv row ${i + 2}: empty ${c}`);
    }
    const zh = ZH_COLUMNS.map((c) => row[c] ?? "");
    if (zh.some((v) => v) && !zh.every((v) => v)) {
      const empty = ZH_COLUMNS.filter((_, j) => !zh[j]);
      throw new Error(
        `legal-framework.csv row ${i + 2}: empty ${empty.join(", ")} (give all three Chinese columns or none)`,
      );
    }
    return {
      zh: zh.every((v) => v)
        ? {
            characteristic: zh[0]!,
            instrument: zh[1]!,
            article: zh[2]!,
            seedParagraph: row.seed_paragraph_zh || row.seed_paragraph!,
          }
        : null,
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
