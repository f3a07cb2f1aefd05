import type { Measure, Qualifier, Scope, Unit } from "../../core/index.ts";
import { findJurisdictions, type JurisdictionName } from "./jurisdiction.ts";
import { FORM_MEASURE, PRINTED_UNITS, type PrintedUnit, RULES, SHARE_MEASURE } from "./measures.ts";
import { looksTraditional, normalize } from "./normalize.ts";
import { NUMBER_SOURCE, parseNumber } from "./numbers.ts";
import { findPeriods, type PeriodMention, resolvePeriod } from "./periods.ts";
import { type Sentence, splitSentences } from "./sentences.ts";

/** What the extractor knows about the text besides its words. */
export interface ExtractContext {
  /** Publication date (YYYY-MM-DD), where known: the year of 全年/1至9月, the end of 党的十八大以来. */
  readonly published: string | null;
  /** The publisher's territory (CN, or a province's code): a sentence naming none speaks for it. */
  readonly jurisdiction: string;
  /** The provinces by Chinese name (the ledger's jurisdictions table). */
  readonly jurisdictions: ReadonlyArray<JurisdictionName>;
}

/** One figure read from the text: a proposed observation with where it stands and how sure the reading is. */
export interface Figure {
  readonly measure: Measure;
  readonly jurisdiction: string;
  readonly period_start: string;
  readonly period_end: string;
  /** The period as printed (in the original script). */
  readonly period_label: string;
  readonly value: number;
  readonly qualifier: Qualifier;
  readonly unit: Unit;
  readonly scope: Scope;
  /** The sentence, exactly as printed, and where it stands. */
  readonly quote: string;
  readonly locator: string;
  readonly sentence: { readonly start: number; readonly end: number };
  /** The figure as printed (e.g. 3.8万人). */
  readonly printed: string;
  /** The place value of its last printed digit (1000 for 3.8万人). */
  readonly printed_precision: number;
  /** 0-1, and why. */
  readonly confidence: number;
  readonly reason: string;
  /** The same reason in Chinese, for the Chinese review page. */
  readonly reason_zh: string;
}

/** The four forms and qualifiers as the Chinese reasons name them. */
const FORM_ZH: Readonly<Record<string, string>> = {
  punished_cat3_4: "第三、四种形态",
  punished_cat4: "第四种形态",
  punished_total: "处分总数",
};
const QUALIFIER_ZH: Readonly<Record<Qualifier, string>> = { exact: "确切", "at-least": "至少", about: "大约" };

const NUMBER = new RegExp(
  `(近|约|大约|逾|超过|共计|共)?(${NUMBER_SOURCE})(余|多)?(${PRINTED_UNITS.join("|").replace("%", "%")})(?!次)(以上|左右|多)?`,
  "g",
);
// Clauses end at Chinese commas and semicolons, brackets and colons; an ASCII comma only when it is not a thousands separator.
const CLAUSE = /(?:[^，,；;（）()：:]|,(?=\d{3}))+/g;

interface Mention {
  readonly at: number;
  readonly end: number;
  readonly measure: MeasureOrForm;
  readonly rule: (typeof RULES)[number];
  readonly form?: Measure;
}
type MeasureOrForm = (typeof RULES)[number]["measure"];

/** Naming words in a clause, longest rules first; a match inside an earlier one is dropped. */
function mentions(clause: string): Mention[] {
  const out: Mention[] = [];
  for (const rule of RULES) {
    for (const m of clause.matchAll(new RegExp(rule.words.source, "g"))) {
      const at = m.index;
      const end = at + m[0].length;
      if (out.some((o) => at < o.end && end > o.at)) continue;
      out.push({ at, end, measure: rule.measure, rule, ...(m[1] ? { form: FORM_MEASURE[m[1]] } : {}) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function qualifierOf(before: string | undefined, between: string | undefined, after: string | undefined) {
  if (
    between === "余" ||
    between === "多" ||
    after === "以上" ||
    after === "多" ||
    before === "逾" ||
    before === "超过"
  )
    return {
      qualifier: "at-least" as const,
      words: before === "逾" || before === "超过" ? before : (between ?? after)!,
    };
  if (before === "近" || before === "约" || before === "大约" || after === "左右")
    return {
      qualifier: "about" as const,
      words: (before === "近" || before === "约" || before === "大约" ? before : after)!,
    };
  return { qualifier: "exact" as const, words: null };
}

function scopeOf(text: string): { scope: Scope; words: string | null } {
  if (/政法队伍教育整顿/.test(text)) return { scope: "campaign:law-enforcement", words: "政法队伍教育整顿" };
  if (/行贿/.test(text)) return { scope: "campaign:bribery", words: "行贿" };
  if (/试点/.test(text)) return { scope: "pilot", words: "试点" };
  return { scope: "all", words: null };
}

/**
 * Reads every figure it can in `text` (a page's text extraction or a pasted speech): the measures,
 * periods, territories and qualifiers of CCDI/NSC prose, simplified or traditional. Pure: no I/O.
 *
 * @example extractFigures("2023年，全国纪检监察机关共留置2.6万人。", ctx)[0].value // 26000
 */
export function extractFigures(text: string, context: ExtractContext): Figure[] {
  const norm = normalize(text);
  const sentences = splitSentences(text);
  const figures: Figure[] = [];
  // The last period and territory mentioned before the current sentence (a heading, an opening clause).
  let contextPeriod: { mention: PeriodMention; label: string } | null = null;
  let contextYear: number | null = null;
  let contextJurisdiction: { code: string; words: string } | null = null;
  const publishedYear = context.published ? Number(context.published.slice(0, 4)) : null;

  for (const sentence of sentences) {
    const s = norm.slice(sentence.start, sentence.end);
    const original = text.slice(sentence.start, sentence.end);
    const periods = findPeriods(s);
    const places = findJurisdictions(s, context.jurisdictions, context.jurisdiction);
    let currentForm: Measure | null = null;

    for (const clause of s.matchAll(CLAUSE)) {
      const clauseText = clause[0];
      const clauseAt = clause.index;
      // The naming words are looked for only once a clause has a figure (most clauses have none).
      let namedCache: Mention[] | null = null;
      const namedIn = () => {
        namedCache ??= mentions(clauseText);
        return namedCache;
      };
      for (const n of clauseText.matchAll(NUMBER)) {
        const [whole, before, token, between, unit, after] = n as unknown as [
          string,
          string | undefined,
          string,
          string | undefined,
          PrintedUnit,
          string | undefined,
        ];
        const numberAt = n.index + (before?.length ?? 0);
        const parsed = parseNumber(token);
        // No count the CCDI prints reaches a billion, and no share exceeds 100%: anything else is a misreading.
        if (!parsed || parsed.value > (unit === "%" ? 100 : 1e9)) continue;
        let measure: Measure | null = null;
        let printedUnit: Unit | null = null;
        let words = "";
        let after_ = false;
        const reasons: string[] = [];
        const reasonsZh: string[] = [];
        // Each reason in English and Chinese, in the same order.
        const because = (en: string, zh: string) => {
          reasons.push(en);
          reasonsZh.push(zh);
        };
        let confidence = 0.95;

        if (unit === "%") {
          if (!/占/.test(clauseText.slice(0, numberAt))) continue;
          if (!currentForm || !SHARE_MEASURE[currentForm]) continue;
          measure = SHARE_MEASURE[currentForm]!;
          printedUnit = "percent";
          words = "占…%";
          because(
            `a share (占…%) following the ${currentForm.replace("punished_", "")} count`,
            `紧随${FORM_ZH[currentForm] ?? "前面"}人数之后的占比（占…%）`,
          );
        } else {
          const named = namedIn();
          const preceding = named.filter((m) => m.end <= numberAt).at(-1);
          // 追回1335名外逃人员, 对2,456人采取留置措施: the naming words right after the figure.
          const figureEnd = n.index + whole.length;
          const next = named.find((m) => m.at >= figureEnd);
          const gap = next ? clauseText.slice(figureEnd, next.at) : "";
          const following = next && !/\d/.test(gap) && gap.length <= (unit === "名" ? 12 : 6) ? next : undefined;
          const mention = preceding ?? following;
          if (!mention || mention.rule.blocks) continue;
          after_ = mention === following;
          const between = after_ ? "" : clauseText.slice(mention.end, numberAt);
          if (mention.rule.notBetween?.test(between)) continue;
          if (mention.rule.requires && !mention.rule.requires.test(clauseText)) continue;
          const unitOk = mention.rule.units[unit];
          if (!unitOk) continue;
          measure = mention.measure === "four-forms-form" ? (mention.form ?? null) : (mention.measure as Measure);
          if (!measure) continue;
          printedUnit = unitOk;
          words = clauseText.slice(mention.at, mention.end);
          if (mention.form) currentForm = mention.form;
          if (after_) because(`'${words}' names the figure right after it`, `“${words}”紧接在数字之后，说明其所指`);
          else
            because(
              `'${words}' names the figure (${between.length} characters before it)`,
              `“${words}”说明数字所指（在数字前${between.length}个字符处）`,
            );
          if (after_) confidence -= 0.05;
          if (between.length > 12) confidence -= 0.1;
        }

        // The period: in this sentence before the figure, else anywhere in it, else the context.
        const inSentence = [...periods].reverse().find((p) => p.at <= clauseAt + n.index) ?? periods[0];
        let period: { start: string; end: string } | null = null;
        let periodLabel = "";
        if (inSentence) {
          // 2024年，……全年共立案: a period without its year takes the year printed before it in the sentence.
          const yearBefore = [...periods].reverse().find((p) => p.at < inSentence.at && p.year !== null)?.year ?? null;
          const year = inSentence.year ?? yearBefore ?? contextYear ?? publishedYear;
          period = resolvePeriod(inSentence, year, context.published);
          periodLabel = original.slice(inSentence.at, inSentence.at + inSentence.length);
          because(`period '${periodLabel}' stated in the sentence`, `期间“${periodLabel}”写在句中`);
          if (inSentence.year === null && inSentence.span.kind === "months" && yearBefore === null) {
            confidence -= contextYear === null ? 0.2 : 0.1;
            if (contextYear === null)
              because(`its year ${year} taken from the publication date`, `年份${year}取自发布日期`);
            else because(`its year ${year} taken from earlier in the text`, `年份${year}取自前文`);
            if (period) periodLabel = `${periodLabel} (${year})`;
          }
        } else if (contextPeriod) {
          const year = contextPeriod.mention.year ?? contextYear ?? publishedYear;
          period = resolvePeriod(contextPeriod.mention, year, context.published);
          periodLabel = contextPeriod.label;
          confidence -= 0.15;
          because(`period '${periodLabel}' taken from earlier in the text`, `期间“${periodLabel}”取自前文`);
        }
        if (!period) continue;
        if (unit !== "%" && measure === "cases_filed" && printedUnit !== "cases") continue;

        // The territory: named in the sentence before the figure, else the context, else the publisher's.
        const place = [...places].reverse().find((p) => p.at <= clauseAt + n.index) ?? places[0];
        let jurisdiction = context.jurisdiction;
        if (place?.kind === "local") continue; // a city's or county's figure: below what the ledger records
        if (place?.kind === "found") {
          jurisdiction = place.code;
          because(`territory from '${place.words}'`, `地区取自“${place.words}”`);
        } else if (contextJurisdiction) {
          jurisdiction = contextJurisdiction.code;
          confidence -= 0.05;
          because(
            `territory from '${contextJurisdiction.words}' earlier in the text`,
            `地区取自前文的“${contextJurisdiction.words}”`,
          );
        } else {
          confidence -= 0.1;
          because(
            `territory of the publisher (${context.jurisdiction}): the sentence names none`,
            `句中未写地区，取发布机构所在地区（${context.jurisdiction}）`,
          );
        }

        const q = qualifierOf(before === "共" || before === "共计" ? undefined : before, between, after);
        if (q.words) because(`'${q.words}' → ${q.qualifier}`, `“${q.words}” → ${QUALIFIER_ZH[q.qualifier]}`);
        if (parsed.rounded) because(`printed rounded (${token}${unit})`, `原文为约数（${token}${unit}）`);
        const scope = scopeOf(clauseText);
        if (scope.words) because(`scope from '${scope.words}'`, `范围取自“${scope.words}”`);
        if (measure === "forced_returns" && /天网/.test(s)) because("Sky Net (天网) operation", "天网行动");
        if (looksTraditional(original)) because("traditional script", "繁体字");
        if (!Number.isInteger(parsed.value) && printedUnit !== "percent") continue;

        const printedStart = clauseAt + n.index + (before === "共" || before === "共计" ? before.length : 0);
        const printedEnd = clauseAt + n.index + whole.length;
        figures.push({
          measure,
          jurisdiction,
          period_start: period.start,
          period_end: period.end,
          period_label: periodLabel,
          value: parsed.value,
          qualifier: q.qualifier,
          unit: printedUnit!,
          scope: scope.scope,
          quote: original,
          locator: locatorOf(sentence),
          sentence: { start: sentence.start, end: sentence.end },
          printed: original.slice(printedStart, printedEnd),
          printed_precision: parsed.precision,
          confidence: Math.round(Math.max(0.3, Math.min(0.95, confidence)) * 100) / 100,
          reason: reasons.join("; "),
          reason_zh: reasonsZh.join("；"),
        });
      }
    }
    // What this sentence says carries to the next ones (a heading's period, an opening 全国纪检监察机关).
    const lastPeriod = periods.at(-1);
    if (lastPeriod) {
      contextPeriod = { mention: lastPeriod, label: original.slice(lastPeriod.at, lastPeriod.at + lastPeriod.length) };
    }
    const lastYear = periods.filter((p) => p.year !== null).at(-1)?.year;
    if (lastYear !== undefined && lastYear !== null) contextYear = lastYear;
    const lastPlace = places.filter((p) => p.kind === "found").at(-1);
    if (lastPlace?.kind === "found") contextJurisdiction = { code: lastPlace.code, words: lastPlace.words };
  }
  return dedupeWithin(figures);
}

function locatorOf(sentence: Sentence): string {
  return `paragraph ${sentence.paragraph + 1}, sentence ${sentence.index + 1}`;
}

/** A figure repeated in the same text (a title and its body) is proposed once, from its first sentence. */
function dedupeWithin(figures: ReadonlyArray<Figure>): Figure[] {
  const seen = new Set<string>();
  return figures.filter((f) => {
    const key = [f.measure, f.jurisdiction, f.period_start, f.period_end, f.scope, f.value].join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
