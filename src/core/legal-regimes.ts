/**
 * The law by date (data/legal-regimes.csv): each version of the liuzhi time limits, with the days it
 * applies from and to and its source. Part of the data package, read by the deadline watch (cases).
 */
import { field } from "./fields.ts";
import { type IssueDetail, issue } from "./issues.ts";
import { defineTable, type RowOf } from "./table.ts";

/** Measures short of liuzhi a regime provides (the 2025 amendment added three). */
export const RESTRICTIVE_MEASURES = [
  "compelled-appearance",
  "ordered-to-await-investigation",
  "custodial-protection",
] as const;
export type RestrictiveMeasure = (typeof RESTRICTIVE_MEASURES)[number];

export const legalRegimes = defineTable({
  name: "legal-regimes",
  title: "Legal regimes",
  description:
    "Each version of the Supervision Law's limits on liuzhi, with the days it applies from and to and its source: what the deadline watch judges a detention by.",
  primaryKey: "id",
  foreignKeys: [{ fields: "source_id", reference: { resource: "sources", fields: "id" } }],
  fields: {
    id: field.text({ description: "Stable identifier of the regime.", pattern: "^[a-z0-9][a-z0-9-]*$" }),
    name_en: field.text({ description: "Name in English." }),
    name_zh: field.text({ description: "Name in Simplified Chinese." }),
    valid_from: field.date({ description: "First day the regime applies (a person taken on or after it)." }),
    valid_to: field.optionalDate({ description: "Last day it applies, included; empty while in force." }),
    article: field.text({ description: "Article setting the liuzhi periods, in that version's numbering." }),
    term_months: field.number({ description: "First period, in calendar months." }),
    extension_months: field.number({ description: "The one extension allowed, in months." }),
    second_extension_months: field.number({
      description: "A further extension (where ten years' imprisonment or more is possible), in months; 0 where none.",
    }),
    recount_once: field.oneOf(["yes", "no"] as const, {
      description: "Whether the period may be counted anew once when other serious offences are found.",
    }),
    max_months: field.number({ description: "Longest liuzhi the regime allows in all, in months." }),
    new_measures: field.optionalText({
      description: `Measures short of liuzhi the regime adds, separated by | (${RESTRICTIVE_MEASURES.join(", ")}).`,
    }),
    source_id: field.text({ description: "Source of the regime (sources.id)." }),
    locator: field.optionalText({ description: "Where in the source." }),
    note: field.optionalText({ description: "What the regime says, in plain words." }),
  },
  check: (row) => {
    const problems: Array<{ column: "valid_to" | "new_measures"; message: string; detail: IssueDetail }> = [];
    if (row.valid_to !== null && row.valid_to < row.valid_from)
      problems.push({
        column: "valid_to",
        ...issue("regimeEndsBeforeStart", { from: row.valid_from, to: row.valid_to }),
      });
    for (const m of row.new_measures?.split("|") ?? []) {
      if (!(RESTRICTIVE_MEASURES as ReadonlyArray<string>).includes(m))
        problems.push({
          column: "new_measures",
          ...issue("unknownMeasureOf", { measure: m, expected: RESTRICTIVE_MEASURES.join(", ") }),
        });
    }
    return problems;
  },
});
export type LegalRegime = RowOf<typeof legalRegimes>;
