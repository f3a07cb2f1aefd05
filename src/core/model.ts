import { dayNumber } from "./dates.ts";
import { field } from "./fields.ts";
import { type IssueDetail, issue } from "./issues.ts";
import { defineTable, type RowOf } from "./table.ts";
import {
  DERIVATIONS,
  JURISDICTION_LEVELS,
  LANGUAGES,
  MEASURE_INFO,
  MEASURES,
  QUALIFIERS,
  SCOPES,
  UNITS,
} from "./vocabulary.ts";

/**
 * The ledger's domain model: four tables, with the same names in the data package's CSV files,
 * the database and the API (snake_case field names everywhere, so no layer renames anything).
 */

const ID_PATTERN = "^[a-z0-9][a-z0-9-]*$";

export const sources = defineTable({
  name: "sources",
  title: "Sources",
  description:
    "Every document a figure was read from: who published it, its title as printed (Chinese titles stay in Chinese), when, where, and an archived copy where one is known.",
  primaryKey: "id",
  fields: {
    id: field.text({ description: "Stable identifier of the source.", pattern: ID_PATTERN }),
    publisher: field.text({ description: "Organisation that published the document, in English." }),
    publisher_zh: field.optionalText({
      description:
        "The publisher's name in Simplified Chinese, for the Chinese edition; empty where it has none (the English name is shown).",
    }),
    title: field.optionalText({
      description: "Title as printed, in its original language; empty where the citing document gives only a URL.",
    }),
    title_lang: field.optionalOneOf(LANGUAGES, { description: "Language of the title (zh or en)." }),
    title_zh: field.optionalText({
      description:
        "Where the title is one we supplied (in square brackets, in English, because the page's own is not known): the same description in Simplified Chinese, for the Chinese edition. Empty where the title is the page's own, which every edition prints as published.",
    }),
    published: field.optionalDate({ description: "Publication date as cited (YYYY-MM-DD); empty where not given." }),
    url: field.optionalUrl({ description: "Address of the document as cited; empty where the citation gives none." }),
    archived_url: field.optionalUrl({ description: "Address of an archived copy (archive.org, archive.ph)." }),
    cited_in: field.optionalText({ description: "Where the seed submission cites it (footnote or appendix row)." }),
    note: field.optionalText({ description: "Remarks: discrepancies in the citation, choices made in recording it." }),
  },
  check: (row) =>
    row.title_zh !== null && !isSuppliedTitle(row.title ?? "")
      ? [{ column: "title_zh", ...issue("titleZhOnlySupplied") }]
      : [],
});

/** A title we wrote for a source whose own title is not known: "[…]". */
export const isSuppliedTitle = (title: string) => title.startsWith("[") && title.endsWith("]");

export const jurisdictions = defineTable({
  name: "jurisdictions",
  title: "Jurisdictions",
  description:
    "The nation (CN) and its provincial-level divisions, by ISO 3166-2:CN code, with the population figure the estimates use.",
  primaryKey: "code",
  foreignKeys: [{ fields: "population_source_id", reference: { resource: "sources", fields: "id" } }],
  fields: {
    code: field.text({
      description:
        "ISO 3166-2:CN code (CN for the whole country); a city or county below a province adds its six-digit GB/T 2260 division code (CN-YN-530100, Kunming).",
      pattern: "^CN(-[A-Z]{2}(-[0-9]{6})?)?$",
    }),
    name_en: field.text({ description: "Name in English." }),
    name_zh: field.text({ description: "Name in Simplified Chinese." }),
    level: field.oneOf(JURISDICTION_LEVELS, {
      description:
        "country, province (provincial-level division), prefecture (prefecture-level city) or county; a city's figures are never counted as its province's.",
    }),
    population_m: field.optionalNumber({ description: "Population in millions, as the cited source gives it." }),
    population_source_id: field.optionalText({ description: "Source of the population figure (sources.id)." }),
    population_locator: field.optionalText({ description: "Where in that source the population figure stands." }),
    note: field.optionalText({ description: "Remarks." }),
  },
  check: (row) =>
    row.population_m !== null && row.population_source_id === null
      ? [{ column: "population_source_id", ...issue("populationSourceRequired") }]
      : [],
});

export const observations = defineTable({
  name: "observations",
  title: "Observations",
  description:
    "Every official figure: what it counts, where, over which period, how many, and the source it was read from, down to the sentence where one is recorded.",
  primaryKey: "id",
  foreignKeys: [
    { fields: "jurisdiction", reference: { resource: "jurisdictions", fields: "code" } },
    { fields: "source_id", reference: { resource: "sources", fields: "id" } },
  ],
  fields: {
    id: field.text({ description: "Stable identifier of the observation.", pattern: ID_PATTERN }),
    measure: field.oneOf(MEASURES, { description: "What is counted." }),
    jurisdiction: field.text({ description: "Territory covered (jurisdictions.code)." }),
    period_start: field.date({ description: "First day covered (YYYY-MM-DD)." }),
    period_end: field.date({ description: "Last day covered, included (YYYY-MM-DD)." }),
    period_label: field.text({ description: "The period exactly as printed in the source or the seed." }),
    value: field.number({
      description: "The figure. Counts are whole numbers, written with digits only; durations may have decimals.",
    }),
    qualifier: field.oneOf(QUALIFIERS, { description: "exact, at-least (a stated lower bound) or about." }),
    printed_precision: field.optionalNumber({
      description:
        "How finely the figure was printed: the place value of its last printed digit (1000 for 10.4万 = 104,000; 1 for 1,335; 0.1 for 71.1%). Empty where not recorded. A figure printed rounded is known to within half this either way.",
    }),
    unit: field.oneOf(UNITS, {
      description: "Kind of count: people, person-times (人次), cases, days, or percent (a printed share).",
    }),
    scope: field.oneOf(SCOPES, { description: "Population covered: all, pilot, a campaign, or bribery cases only." }),
    derivation: field.oneOf(DERIVATIONS, { description: "published as such, or derived by arithmetic (see note)." }),
    source_id: field.text({ description: "Source the figure was read from (sources.id)." }),
    locator: field.optionalText({ description: "Where in the source: paragraph, table, row, footnote, page." }),
    quote: field.optionalText({ description: "The sentence the figure was read from, exactly as published." }),
    quote_lang: field.optionalOneOf(LANGUAGES, { description: "Language of the quote." }),
    quote_en: field.optionalText({ description: "English translation of the quote." }),
    note: field.optionalText({ description: "Remarks, including every choice made where the seed is ambiguous." }),
  },
  check: (row) => {
    const problems: Array<{
      column: "period_end" | "value" | "source_id" | "printed_precision";
      message: string;
      detail: IssueDetail;
    }> = [];
    if (row.printed_precision !== null && !isPowerOfTen(row.printed_precision)) {
      problems.push({
        column: "printed_precision",
        ...issue("precisionNotPowerOfTen", { value: row.printed_precision }),
      });
    }
    if (dayNumber(row.period_end) < dayNumber(row.period_start)) {
      problems.push({
        column: "period_end",
        ...issue("endsBeforeStart", { start: row.period_start, end: row.period_end }),
      });
    }
    if (MEASURE_INFO[row.measure].integer && !Number.isInteger(row.value)) {
      problems.push({ column: "value", ...issue("countNotInteger", { measure: row.measure, value: row.value }) });
    }
    return problems;
  },
});

/** 10^k for a whole k from -6 to 12: the place values a printed figure can end on. */
export function isPowerOfTen(value: number): boolean {
  const k = Math.round(Math.log10(value));
  return Number.isFinite(k) && k >= -6 && k <= 12 && Math.abs(value - 10 ** k) <= 1e-9 * 10 ** k;
}

export const assumptions = defineTable({
  name: "assumptions",
  title: "Assumptions",
  description:
    "Parameters the estimation methods take that are not official counts (Prof. Ye's ratio range), each with its source.",
  primaryKey: "id",
  foreignKeys: [{ fields: "source_id", reference: { resource: "sources", fields: "id" } }],
  fields: {
    id: field.text({ description: "Stable identifier of the assumption.", pattern: ID_PATTERN }),
    description: field.text({ description: "What the parameter is, in plain words." }),
    description_zh: field.optionalText({
      description: "The same in Simplified Chinese, for the Chinese edition; empty where not yet translated.",
    }),
    low: field.number({ description: "Low end of the range." }),
    high: field.number({ description: "High end of the range." }),
    unit: field.text({ description: "Unit of low and high (ratio, days, …)." }),
    source_id: field.text({ description: "Source that states or argues the range (sources.id)." }),
    locator: field.optionalText({ description: "Where in the source." }),
    note: field.optionalText({ description: "Remarks." }),
  },
  check: (row) => (row.high < row.low ? [{ column: "high", ...issue("highBelowLow", { low: row.low }) }] : []),
});

export type Source = RowOf<typeof sources>;
export type Jurisdiction = RowOf<typeof jurisdictions>;
export type Observation = RowOf<typeof observations>;
export type Assumption = RowOf<typeof assumptions>;

/** The tables in dependency order: a table only refers to tables before it. */
export const LEDGER_TABLES = [sources, jurisdictions, observations, assumptions] as const;
export type LedgerTableName = (typeof LEDGER_TABLES)[number]["name"];

/** The whole ledger in memory: what the methods read and the data package holds. */
export interface Ledger {
  readonly sources: ReadonlyArray<Source>;
  readonly jurisdictions: ReadonlyArray<Jurisdiction>;
  readonly observations: ReadonlyArray<Observation>;
  readonly assumptions: ReadonlyArray<Assumption>;
}
