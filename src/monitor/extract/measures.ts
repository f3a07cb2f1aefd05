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
  /** `requires` may be met anywhere in the text, not only in the sentence. */
  readonly requiresInText?: boolean;
  /** The words are not a measure of their own: they only stop a shorter rule from matching. */
  readonly blocks?: boolean;
}

export const PRINTED_UNITS = ["人次", "人", "名", "件", "天", "%"] as const;
export type PrintedUnit = (typeof PRINTED_UNITS)[number];

const PEOPLE = { 人: "people", 名: "people", 人次: "person-times" } as const;
const BREAKDOWN =
  /省部级|厅局级|县处级|乡科级|一般干部|领导干部|村干部|中管|省管|市管|县管|村|企业|其他人员|党员领导|移送|高官|一把手|问题|政治纪律|其中|增加|增长|减少|下降|上升|增幅|降幅|多出|差额/;
/** Four-forms counts are person-times whether printed 人次 or 人 (运用“四种形态”…处理147.9万人). */
const TIMES = { 人: "person-times", 名: "person-times", 人次: "person-times" } as const;

/** Longer, more specific words first: a match inside an earlier rule's match is not tried. */
export const RULES: ReadonlyArray<MeasureRule> = [
  { measure: "punished_cat3_4", words: /第三、?第?四种形态|第三种和第四种形态|第三、四种形态/g, units: TIMES },
  { measure: "four-forms-form", words: /第([一二三四1-4])种形态/g, units: TIMES },
  { measure: "four_forms_total", words: /(?<![、第])“?四种形态”?/g, units: TIMES },
  {
    measure: "punished_party",
    words: /(?<!政务)党纪处分(?!、?政务)/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
  },
  {
    measure: "punished_government",
    words: /(?<!党纪)政务处分/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
  },
  // Party or government sanctions together are the people punished (punished_total's own definition).
  {
    measure: "punished_total",
    words: /党纪政务处分|党纪、政务处分/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
  },
  { measure: "punished_total", words: /组织处理|处理处分/g, units: {}, blocks: true },
  { measure: "punished_total", words: /处分/g, units: { 人: "people", 名: "people" }, notBetween: BREAKDOWN },
  {
    measure: "liuzhi_duration_avg_days",
    words: /平均留置(?:时间|时长|期限|天数)?/g,
    units: { 天: "days" },
  },
  { measure: "liuzhi_placements", words: /留置(?:措施)?/g, units: PEOPLE, notBetween: BREAKDOWN },
  {
    measure: "transfers_received",
    words: /受理(?:各级)?监(?:委|察机关|察委员会)移送(?:审查起诉)?(?:的)?(?:职务犯罪)?(?:案件)?/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
  },
  {
    measure: "transfers_sent",
    words: /移送(?:检察机关|司法机关)(?:依法)?(?:审查起诉|处理)?/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
  },
  {
    measure: "transfers_prosecuted",
    words: /(?:已)?(?:提起|提出)?(?:公诉|起诉)/g,
    units: { 人: "people", 名: "people" },
    notBetween: BREAKDOWN,
    // The procuratorate's count: its report says so in the sentence or elsewhere on the page.
    requires: /受理(?:各级)?监|检察|公诉/,
    requiresInText: true,
  },
  { measure: "cases_filed", words: /立案/g, units: { 件: "cases" }, notBetween: BREAKDOWN },
  {
    measure: "forced_returns",
    words: /外逃人员|在逃人员|外逃/g,
    units: { 人: "people", 名: "people" },
    requires: /追回|追逃/,
    notBetween: /其中|党员|国家工作人员|红通|监察对象/,
  },
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
