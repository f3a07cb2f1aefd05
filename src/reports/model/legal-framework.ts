/** The legal-framework annex: each characteristic of liuzhi with the provision that sets it. */
import type { LegalProvision } from "../legal.ts";
import { col, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

/** The section, or null when the report was built without the annex rows. */
export function legalSection(ctx: ReportContext, legal: ReadonlyArray<LegalProvision> | undefined): Section | null {
  const { t } = ctx;
  if (!legal) return null;
  const legalTable: Table = {
    id: "legal-framework",
    title: t.tables.legal,
    columns: [
      col("characteristic", t.columns.characteristic),
      col("instrument", t.columns.instrument),
      col("article", t.columns.article),
      col("seed_paragraph", t.columns.seedParagraph),
    ],
    rows: legal.map((p) => {
      const words = ctx.lang === "zh" && p.zh ? p.zh : p;
      return {
        cells: [text(words.characteristic), text(words.instrument), text(words.article), text(words.seedParagraph)],
      };
    }),
  };
  return { id: "legal", heading: t.headings.legal, blocks: [para(t.sentences.legal), table(legalTable)] };
}
