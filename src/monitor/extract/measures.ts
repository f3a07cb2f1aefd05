import type { Measure, Unit } from "../../core/index.ts";

/**
 * The figures the monitor reads, each by the words that name it in CCDI/NSC prose. A figure is a
 * number with the unit printed after it; it belongs to the nearest naming words before it in the
 * same clause (or, for "追回1335名外逃人员", the words right after it).
 */

export interface MeasureRule {
  readonly measure: Measure | "four-forms-form";
  readonly words: RegExp;
  /** Printed unit → the ledger's unit; a figure with any other unit is not this measure. */
  readonly units: Readonly<Partial<Record<PrintedUnit, Unit>>>;
  /** Words between the naming words and the figure that make it a different count (a breakdown). */
  readonly notBetween?: RegExp;
  /** The clause must also say this (追回 for fugitives: 外逃人员 alone may count new flights). */
  readonly requires?: RegExp;
  /** The words are not a measure of their own: they only stop a shorter rule from matching. */
  readonly blocks?: boolean;
}

export const PRINTED_UNITS = ["人次", "人", "名", "件", "%"] as const;
export type PrintedUnit = (typeof PRINTED_UNITS)[number];

const PEOPLE = { 人: "people", 名: "people", 人次: "person-times" } as const;
const BREAKDOWN = /省部级|厅局级|县处级|乡科级|干部|中管|省管|市管|县管|村|企业|其他人员|党员领导|移送/;

/** Longer, more specific words first: a match inside an earlier rule's match is not tried. */
export const RULES: ReadonlyArray<MeasureRule> = [
  { measure: "punished_cat3_4", words: /第三、?第?四种形态|第三种和第四种形态|第三、四种形态/g, units: PEOPLE },
  { measure: "four-forms-form", words: /第([一二三四1-4])种形态/g, units: PEOPLE },
  { measure: "four_forms_total", words: /“?四种形态”?/g, units: PEOPLE },
  { measure: "punished_party", words: /党纪处分/g, units: { 人: "people", 名: "people" }, notBetween: BREAKDOWN },
  { measure: "punished_total", words: /政务处分|组织处理/g, units: {}, blocks: true },
  { measure: "punished_total", words: /处分/g, units: { 人: "people", 名: "people" }, notBetween: BREAKDOWN },
  { measure: "liuzhi_placements", words: /留置/g, units: PEOPLE, notBetween: BREAKDOWN },
  { measure: "cases_filed", words: /立案/g, units: { 件: "cases" }, notBetween: BREAKDOWN },
  { measure: "forced_returns", words: /外逃人员|外逃/g, units: { 人: "people", 名: "people" }, requires: /追回|追逃/ },
];

export const FORM_MEASURE: Readonly<Record<string, Measure>> = {
  一: "punished_cat1",
  "1": "punished_cat1",
  二: "punished_cat2",
  "2": "punished_cat2",
  三: "punished_cat3",
  "3": "punished_cat3",
  四: "punished_cat4",
  "4": "punished_cat4",
};

export const SHARE_MEASURE: Readonly<Partial<Record<Measure, Measure>>> = {
  punished_cat1: "four_forms_share_cat1",
  punished_cat2: "four_forms_share_cat2",
  punished_cat3: "four_forms_share_cat3",
  punished_cat4: "four_forms_share_cat4",
};
