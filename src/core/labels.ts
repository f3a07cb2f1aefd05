/**
 * What a reader sees for each value of the fixed vocabularies, in English and Simplified Chinese.
 * The codes (`liuzhi_placements`, `person-times`, …) stay the data's; the dashboard and the reports
 * show these words instead. A missing translation is a type error, not a blank.
 */
import { isSuppliedTitle } from "./model.ts";
import type { Derivation, JurisdictionLevel, Language, Measure, Qualifier, Scope, Unit } from "./vocabulary.ts";

export type LabelLang = "en" | "zh";

interface VocabularyLabels {
  readonly measure: Readonly<Record<Measure, string>>;
  readonly unit: Readonly<Record<Unit, string>>;
  readonly scope: Readonly<Record<Scope, string>>;
  readonly qualifier: Readonly<Record<Qualifier, string>>;
  readonly derivation: Readonly<Record<Derivation, string>>;
  readonly level: Readonly<Record<JurisdictionLevel, string>>;
  readonly language: Readonly<Record<Language, string>>;
}

export const VOCABULARY_LABELS: Readonly<Record<LabelLang, VocabularyLabels>> = {
  en: {
    measure: {
      liuzhi_placements: "liuzhi placements",
      punished_cat3_4: "punished, categories 3+4",
      punished_cat4: "punished, category 4",
      punished_total: "punished, all forms",
      punished_party: "given Party sanctions",
      four_forms_total: "four forms, all",
      punished_cat1: "four forms: category 1",
      punished_cat2: "four forms: category 2",
      punished_cat3: "four forms: category 3",
      four_forms_share_cat1: "share of category 1",
      four_forms_share_cat2: "share of category 2",
      four_forms_share_cat3: "share of category 3",
      four_forms_share_cat4: "share of category 4",
      cases_filed: "cases filed",
      forced_returns: "forced returns (Sky Net)",
      liuzhi_duration_avg_days: "average length of liuzhi",
      punished_government: "given government sanctions",
      transfers_sent: "transferred to procuratorates (as the commissions count)",
      transfers_received: "transfers received by procuratorates",
      transfers_prosecuted: "prosecuted after transfer",
    },
    unit: { people: "people", "person-times": "person-times", cases: "cases", days: "days", percent: "percent" },
    scope: {
      all: "all",
      pilot: "pilot",
      "campaign:law-enforcement": "campaign: law enforcement",
      "campaign:bribery": "campaign: bribery",
      "bribery-only": "bribery only",
      sector: "one sector only",
      "closed-cases": "closed cases only",
      "possibly-partial": "possibly narrower than its territory",
    },
    qualifier: { exact: "exact", "at-least": "at least", about: "about" },
    derivation: { published: "published", derived: "derived" },
    level: { country: "country", province: "province", prefecture: "prefecture-level city", county: "county" },
    language: { zh: "Chinese", en: "English" },
  },
  zh: {
    measure: {
      liuzhi_placements: "留置人数",
      punished_cat3_4: "受处分（第三、四种形态）",
      punished_cat4: "受处分（第四种形态）",
      punished_total: "受党纪政务处分",
      punished_party: "受党纪处分",
      four_forms_total: "运用“四种形态”（合计）",
      punished_cat1: "第一种形态",
      punished_cat2: "第二种形态",
      punished_cat3: "第三种形态",
      four_forms_share_cat1: "第一种形态占比",
      four_forms_share_cat2: "第二种形态占比",
      four_forms_share_cat3: "第三种形态占比",
      four_forms_share_cat4: "第四种形态占比",
      cases_filed: "立案数",
      forced_returns: "追回外逃人员（天网行动）",
      liuzhi_duration_avg_days: "平均留置时长",
      punished_government: "受政务处分",
      transfers_sent: "移送检察机关（纪检监察机关统计）",
      transfers_received: "检察机关受理监委移送",
      transfers_prosecuted: "移送后提起公诉",
    },
    unit: { people: "人", "person-times": "人次", cases: "件", days: "天", percent: "%" },
    scope: {
      all: "全部",
      pilot: "试点",
      "campaign:law-enforcement": "专项行动：政法系统",
      "campaign:bribery": "专项行动：行贿受贿",
      "bribery-only": "仅受贿案件",
      sector: "仅某一领域",
      "closed-cases": "仅已结案件",
      "possibly-partial": "可能小于所属地域",
    },
    qualifier: { exact: "确数", "at-least": "至少", about: "约" },
    derivation: { published: "公布数字", derived: "推算数字" },
    level: { country: "国家", province: "省级", prefecture: "地级市", county: "县级" },
    language: { zh: "中文", en: "英文" },
  },
};

/**
 * Every value of every vocabulary in one language, by code: what a form's choices and a change's
 * values show instead of the code. One source of the words, so a page cannot show a code for want of one.
 */
export function vocabularyWords(lang: LabelLang): Readonly<Record<string, string>> {
  const l = VOCABULARY_LABELS[lang];
  return { ...l.measure, ...l.unit, ...l.scope, ...l.qualifier, ...l.derivation, ...l.level, ...l.language };
}

/** A source's publisher in the reader's language: the Chinese name where the ledger has one. */
export function publisherName(
  source: { readonly publisher: string; readonly publisher_zh?: string | null },
  lang: LabelLang,
): string {
  return lang === "zh" && source.publisher_zh ? source.publisher_zh : source.publisher;
}

/** An assumption's description in the reader's language: the Chinese where the ledger has it. */
export function assumptionDescription(
  assumption: { readonly description: string; readonly description_zh?: string | null },
  lang: LabelLang,
): string {
  return lang === "zh" && assumption.description_zh ? assumption.description_zh : assumption.description;
}

/**
 * A source's title in the reader's language, with that language: the page's own title is printed
 * as published in every edition; a title we supplied (in square brackets, because the page's own is
 * not known) is ours, so the Chinese edition prints its Chinese words where the ledger has them.
 */
export function sourceTitle(
  source: {
    readonly title: string | null;
    readonly title_lang?: "zh" | "en" | null;
    readonly title_zh?: string | null;
  },
  lang: LabelLang,
): { readonly title: string | null; readonly lang: "zh" | "en" | null } {
  if (lang === "zh" && source.title_zh && isSuppliedTitle(source.title ?? ""))
    return { title: source.title_zh, lang: "zh" };
  return { title: source.title, lang: source.title_lang ?? null };
}
