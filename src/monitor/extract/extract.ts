import type { Measure, Qualifier, Scope, Unit } from "../../core/index.ts";
import { ENGLISH_SUBSET, findEnglishPeriods, readEnglish } from "./english.ts";
import { findJurisdictions, homeOf, type JurisdictionName, levelOf } from "./jurisdiction.ts";
import { listedRanges, readLists } from "./lists.ts";
import { FORM_MEASURE, PRINTED_UNITS, type PrintedUnit, RULES, SHARE_MEASURE } from "./measures.ts";
import { looksTraditional, normalize } from "./normalize.ts";
import { NUMBER_SOURCE, parseNumber } from "./numbers.ts";
import { findPeriods, type PeriodMention, resolvePeriod } from "./periods.ts";
import type { Reading } from "./reading.ts";
import { type Sentence, splitSentences } from "./sentences.ts";

/** What the extractor knows about the text besides its words. */
export interface ExtractContext {
  /** Publication date (YYYY-MM-DD), where known: the year of 全年/1至9月, the end of 党的十八大以来. */
  readonly published: string | null;
  /**
   * The publisher's territory when the caller knows it (a watch-list entry's); null to read it from
   * the page (全省/全市 → the territory of that level the page names; otherwise the nation).
   */
  readonly jurisdiction: string | null;
  /** The nation, provinces, cities and counties by Chinese name (the ledger's jurisdictions table). */
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

export const NUMBER = new RegExp(
  `(近|约|大约|逾|超过|共计|共)?(${NUMBER_SOURCE})(余|多)?(${PRINTED_UNITS.join("|").replace("%", "%")})(?!次)(以上|左右|多)?`,
  "g",
);
// Clauses end at Chinese commas and semicolons, brackets and colons; an ASCII comma only when it is not a thousands separator.
/** Whether a clause holds any figure at all (the same pattern, not global). */
const NUMBER_ANY = new RegExp(NUMBER.source);
export const CLAUSE = /(?:[^，,；;（）()：:]|,(?=\d{3}(?!\d)))+/g;

interface Mention {
  /** The naming words as printed (normalised). */
  readonly words: string;
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
      out.push({ words: m[0], at, end, measure: rule.measure, rule, ...(m[1] ? { form: FORM_MEASURE[m[1]] } : {}) });
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

function scopeOf(text: string, sentence: string, measure: Measure): { scope: Scope; words: string | null } {
  if (/政法队伍教育整顿/.test(text)) return { scope: "campaign:law-enforcement", words: "政法队伍教育整顿" };
  // Bribe-givers transferred or prosecuted: the bribery cases only, not a campaign.
  if (/^transfers_/.test(measure) && /行贿/.test(text)) return { scope: "bribery-only", words: "行贿" };
  if (/行贿/.test(text)) return { scope: "campaign:bribery", words: "行贿" };
  if (/试点|试行/.test(sentence)) return { scope: "pilot", words: "试点" };
  return { scope: "all", words: null };
}

/** Words that make every count in a sentence one of a subset the vocabulary has no measure for. */
const SUBSET =
  /纪检监察干部|国有企业|国企|金融系统|金融领域|粮食购销|医疗领域|医药领域|教育领域|乡村振兴|生态环保|工程建设|招投标|蝇贪|侵害群众利益|不正之风|纪检监察队伍|扶贫领域|民生领域|专项治理|专项整治|八项规定|四风|一把手|问责|违反政治纪律|涉黑|扫黑|黑恶|保护伞|公安机关|猎狐|法院|审结|整改|群众身边|形式主义|官僚主义|“?微腐败/;
/** A sentence opening that continues the one before it (its period carries over). */
const CONTINUES = /^(?:其中|此外|另外|同时|另|并|全年|与此同时)/;

/**
 * Reads every figure it can in `text` (a page's text extraction or a pasted speech): the measures,
 * periods, territories and qualifiers of CCDI/NSC prose, simplified or traditional, and the few
 * English phrasings of the same notices. Pure: no I/O.
 *
 * @example extractFigures("2023年，全国纪检监察机关共留置2.6万人。", ctx)[0].value // 26000
 */
export function extractFigures(text: string, context: ExtractContext): Figure[] {
  const { stripped, at } = stripGlosses(text);
  if (stripped === text) return readFigures(text, context);
  // Read without the glosses; quote and offsets from the page as printed.
  return readFigures(stripped, context).map((f) => {
    const start = at(f.sentence.start);
    const end = at(f.sentence.end - 1) + 1;
    return { ...f, quote: text.slice(start, end), sentence: { start, end } };
  });
}

/**
 * Pinyin glosses a converter left inside words (監(jiān)察, 報(bào), 日?qǐng)?bào)訊): removed for reading, with
 * a map from each offset of the stripped text back to the page's.
 */
const GLOSS = /(?<=[\u4e00-\u9fa5?？)）])[?？]?[(（]?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/g;
function stripGlosses(text: string): { stripped: string; at: (i: number) => number } {
  const cuts: Array<readonly [number, number]> = [];
  for (const m of text.matchAll(GLOSS))
    if (/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü(（]/.test(m[0])) cuts.push([m.index, m[0].length]);
  if (cuts.length === 0) return { stripped: text, at: (i) => i };
  let stripped = "";
  const starts: number[] = []; // stripped offset where each kept run starts
  const origins: number[] = []; // its offset in the page
  let from = 0;
  for (const [cutAt, length] of cuts) {
    starts.push(stripped.length);
    origins.push(from);
    stripped += text.slice(from, cutAt);
    from = cutAt + length;
  }
  starts.push(stripped.length);
  origins.push(from);
  stripped += text.slice(from);
  const at = (i: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
    return origins[k]! + (i - starts[k]!);
  };
  return { stripped, at };
}

function readFigures(text: string, context: ExtractContext): Figure[] {
  const norm = normalize(text);
  const sentences = splitSentences(text);
  const figures: Figure[] = [];
  // The last period and territory mentioned before the current sentence (a heading, an opening clause).
  let contextPeriod: {
    mention: PeriodMention;
    label: string;
    paragraph: number;
    sentence: number;
    year: number | null;
  } | null = null;
  let contextYear: number | null = null;
  // code null: the text's last territory was one it does not name (全市 on a page naming no city).
  let contextJurisdiction: { code: string | null; words: string } | null = null;
  let previousHadFigures = false;
  // The part of a year a text reports on (2024年1-9月): a later bare 2024年 that has not ended means it.
  const spanOfYear = new Map<number, { from: number; to: number; label: string }>();
  const publishedYear = context.published ? Number(context.published.slice(0, 4)) : null;
  const names = context.jurisdictions;
  const homes = new Map<string, { code: string; name: string } | null>();
  const home = (level: "省" | "市" | "县" | "区") => {
    // The caller's territory answers for its own level (a watch-list entry for a province's commission).
    const given = context.jurisdiction ? names.find((n) => n.code === context.jurisdiction) : undefined;
    if (given && levelOf(given) === (level === "省" ? "province" : level === "市" ? "prefecture" : "county"))
      return { code: given.code, name: given.name_zh };
    if (!homes.has(level)) homes.set(level, homeOf(norm, names, level));
    return homes.get(level) ?? null;
  };

  for (const [sentenceIndex, sentence] of sentences.entries()) {
    const s = norm.slice(sentence.start, sentence.end);
    const original = text.slice(sentence.start, sentence.end);
    const english = /[a-z]{3}/i.test(s) && !/[\u4e00-\u9fa5]/.test(s);
    const periods = english ? findEnglishPeriods(s) : findPeriods(s);
    const places = english ? [] : findJurisdictions(s, names);
    const subset = english ? ENGLISH_SUBSET.exec(s) : SUBSET.exec(s);
    const readings = subset
      ? []
      : english
        ? readEnglish(s)
        : [...readClauses(s, norm), ...readLists(s)].sort((a, b) => a.at - b.at);

    // The sentence's own part of a year, for 同期 (the same months of another year).
    const ownMonths = (): { from: number; to: number } | undefined => {
      for (const p of periods) {
        if (p.span.kind !== "months") continue;
        const y = p.year ?? contextYear ?? publishedYear;
        const adjusted = y !== null && p.span.from === 1 && p.span.to === 12 ? spanOfYear.get(y) : undefined;
        if (adjusted && context.published && `${y}-12-31` > context.published) return adjusted;
        return p.span;
      }
      return contextPeriod?.mention.span.kind === "months" ? contextPeriod.mention.span : undefined;
    };

    for (const r of readings) {
      let confidence = r.confidence;
      const reasons: Array<readonly [string, string]> = [...r.reasons];
      const because = (en: string, zh: string) => reasons.push([en, zh]);

      // The period: in this sentence before the figure, else anywhere in it, else a sentence it continues.
      let period: { start: string; end: string } | null = null;
      let periodLabel = "";
      // A period printed after the figure counts only within its clause (立案64.2万件（2024年1-9月）),
      // never a later clause's comparison (是2016年的2倍多).
      const clauseEnd = r.clauseAt + r.clause.length;
      const inSentence =
        r.period ??
        [...periods].reverse().find((p) => p.at <= r.at) ??
        periods.find((p) => p.at < clauseEnd && p.span.kind !== "same-months");
      if (inSentence) {
        const yearBefore = [...periods].reverse().find((p) => p.at < inSentence.at && p.year !== null)?.year ?? null;
        const year = inSentence.year ?? yearBefore ?? contextYear ?? publishedYear;
        periodLabel = original.slice(inSentence.at, inSentence.at + inSentence.length);
        period = resolvePeriod(inSentence, year, context.published, ownMonths());
        if (!period) continue;
        because(`period '${periodLabel}' stated in the sentence`, `期间“${periodLabel}”写在句中`);
        if (inSentence.span.kind === "since" || inSentence.span.kind === "year-to-date") {
          confidence -= 0.1;
          because(
            `its end is the publication date (${context.published}) as read from the page`,
            `截止日期为页面所载发布日期（${context.published}）`,
          );
        }
        if (inSentence.span.kind === "same-months")
          because("同期: the same months as the sentence's own period", "同期：与句中期间相同的月份");
        if (
          inSentence.year === null &&
          inSentence.relative === undefined &&
          (inSentence.span.kind === "months" || inSentence.span.kind === "same-months") &&
          yearBefore === null
        ) {
          confidence -= contextYear === null ? 0.2 : 0.15;
          if (contextYear === null)
            because(`its year ${year} taken from the publication date`, `年份${year}取自发布日期`);
          else because(`its year ${year} taken from earlier in the text`, `年份${year}取自前文`);
          periodLabel = `${periodLabel} (${year})`;
        }
        if (inSentence.relative !== undefined) {
          confidence -= 0.05;
          because(
            `'${inSentence.label.slice(0, 2)}' counted from the publication date`,
            `“${inSentence.label.slice(0, 2)}”按发布日期计算`,
          );
        }
      } else if (
        contextPeriod &&
        (CONTINUES.test(s) ||
          ((contextPeriod.paragraph === sentence.paragraph ||
            contextPeriod.sentence === sentenceIndex - 1 ||
            previousHadFigures) &&
            // A sentence about another territory (杭州市纪委监委立案…) does not continue one about the province.
            !places.some((p) => p.kind === "local" || (p.kind === "found" && p.code !== contextJurisdiction?.code)))) &&
        !/\d{4}年|以来|截至|\b(?:19|20)\d{2}\b/.test(s)
      ) {
        const year = contextPeriod.mention.year ?? contextPeriod.year ?? publishedYear;
        period = resolvePeriod(contextPeriod.mention, year, context.published, undefined);
        periodLabel = contextPeriod.label;
        confidence -= 0.15;
        because(`period '${periodLabel}' taken from earlier in the text`, `期间“${periodLabel}”取自前文`);
      } else if (english && contextPeriod && !/\b(?:19|20)\d{2}\b/.test(s)) {
        // An English report states its period once, often paragraphs before the figures.
        const year = contextPeriod.mention.year ?? contextPeriod.year ?? publishedYear;
        period = resolvePeriod(contextPeriod.mention, year, context.published, undefined);
        periodLabel = contextPeriod.label;
        confidence -= 0.25;
        because(
          `unsure of the period: '${periodLabel}' taken from an earlier paragraph of an English report`,
          `期间不确定：“${periodLabel}”取自英文报道的前面段落`,
        );
      } else {
        continue;
      }
      if (!period) continue;
      // A whole year that had not ended when the page was published is the part of it the page reports on.
      if (context.published && period.end > context.published) {
        const y = Number(period.start.slice(0, 4));
        const part = spanOfYear.get(y);
        if (period.start === `${y}-01-01` && period.end === `${y}-12-31` && part) {
          period = resolvePeriod(
            { at: 0, length: 0, label: part.label, year: y, span: { kind: "months", from: part.from, to: part.to } },
            y,
            context.published,
          );
          if (!period) continue;
          confidence -= 0.2;
          because(
            `${y} had not ended when the page was published: read as '${part.label}', the part of it the page reports on`,
            `发布时${y}年尚未结束：按前文“${part.label}”读取`,
          );
        } else continue;
      }

      // The territory: named in the sentence before the figure, else after it, else earlier in the text.
      // 中央纪委国家监委 named in passing (按照中央纪委国家监委部署…) is not whose figure it is when the
      // sentence names another territory, or the text is about one.
      const passing = (p: (typeof places)[number]) =>
        p.kind === "found" &&
        !p.subject &&
        (places.some((q) => q !== p && !(q.kind === "found" && !q.subject)) ||
          (contextJurisdiction !== null && contextJurisdiction.code !== "CN"));
      const candidates = places.filter((p) => !passing(p));
      const place = [...candidates].reverse().find((p) => p.at <= r.at) ?? candidates[0];
      let jurisdiction: string;
      if (place?.kind === "local") continue; // a city's or county's organs the table does not know: never its province's
      if (place?.kind === "found") {
        jurisdiction = place.code;
        because(`territory from '${place.words}'`, `地区取自“${place.words}”`);
        if (!place.subject) confidence -= 0.05;
      } else if (place?.kind === "relative") {
        const own =
          context.jurisdiction && place.level === "省" && /^CN-[A-Z]{2}$/.test(context.jurisdiction)
            ? { code: context.jurisdiction, name: context.jurisdiction }
            : home(place.level);
        if (!own) continue; // 全市 on a page that never names its city: whose figure it is cannot be read
        jurisdiction = own.code;
        confidence -= 0.05;
        because(
          `'${place.words}' is the page's own territory, ${own.name} (${own.code})`,
          `“${place.words}”指本页所属地区${own.name}（${own.code}）`,
        );
      } else if (contextJurisdiction) {
        if (contextJurisdiction.code === null) continue;
        jurisdiction = contextJurisdiction.code;
        confidence -= 0.05;
        because(
          `territory from '${contextJurisdiction.words}' earlier in the text`,
          `地区取自前文的“${contextJurisdiction.words}”`,
        );
      } else if (context.jurisdiction) {
        jurisdiction = context.jurisdiction;
        confidence -= 0.1;
        because(
          `territory of the publisher (${context.jurisdiction}): the sentence names none`,
          `句中未写地区，取发布机构所在地区（${context.jurisdiction}）`,
        );
      } else {
        jurisdiction = "CN";
        confidence -= r.english ? 0.05 : 0.15;
        because("no territory named: read as nationwide", "未写地区，按全国读取");
      }

      if (r.qualifierWords)
        because(`'${r.qualifierWords}' → ${r.qualifier}`, `“${r.qualifierWords}” → ${QUALIFIER_ZH[r.qualifier]}`);
      if (r.rounded)
        because(
          `printed rounded (${r.token}${r.printedUnit}): precise to the ${r.precision}`,
          `原文为约数（${r.token}${r.printedUnit}），精确到${r.precision}`,
        );
      const scope = r.english
        ? { scope: "all" as const, words: null }
        : scopeOf(/^transfers_/.test(r.measure) ? s.slice(0, r.at) : r.clause, s, r.measure);
      if (scope.words) because(`scope from '${scope.words}'`, `范围取自“${scope.words}”`);
      if (r.measure === "forced_returns" && /天网/.test(s)) because("Sky Net (天网) operation", "天网行动");
      if (looksTraditional(original)) because("traditional script", "繁体字");

      figures.push({
        measure: r.measure,
        jurisdiction,
        period_start: period.start,
        period_end: period.end,
        period_label: periodLabel,
        value: r.value,
        qualifier: r.qualifier,
        unit: r.unit,
        scope: scope.scope,
        quote: original,
        locator: locatorOf(sentence),
        sentence: { start: sentence.start, end: sentence.end },
        printed: original.slice(r.printedStart, r.printedEnd),
        printed_precision: r.precision,
        confidence: Math.round(Math.max(0.3, Math.min(0.95, confidence)) * 100) / 100,
        reason: reasons.map(([en]) => en).join("; "),
        reason_zh: reasons.map(([, zh]) => zh).join("；"),
      });
    }

    // What this sentence says carries to the next ones (a heading's period, an opening 全国纪检监察机关).
    previousHadFigures = readings.length > 0;
    const lastYear = periods.filter((p) => p.year !== null).at(-1)?.year;
    const lastPeriod = periods.filter((p) => p.span.kind !== "same-months").at(-1);
    if (lastPeriod) {
      contextPeriod = {
        mention: lastPeriod,
        label: original.slice(lastPeriod.at, lastPeriod.at + lastPeriod.length),
        paragraph: sentence.paragraph,
        sentence: sentenceIndex,
        year: lastPeriod.year ?? contextYear ?? publishedYear,
      };
    }
    for (const p of periods) {
      const y = p.year ?? (p.relative !== undefined && publishedYear !== null ? publishedYear + p.relative : null);
      if (y !== null && p.span.kind === "months" && !(p.span.from === 1 && p.span.to === 12))
        spanOfYear.set(y, { from: p.span.from, to: p.span.to, label: original.slice(p.at, p.at + p.length) });
    }
    if (lastYear !== undefined && lastYear !== null) contextYear = lastYear;
    const lastPlace = places.filter((p) => (p.kind === "found" && p.subject) || p.kind === "relative").at(-1);
    if (lastPlace?.kind === "found") contextJurisdiction = { code: lastPlace.code, words: lastPlace.words };
    if (lastPlace?.kind === "relative") {
      const own = home(lastPlace.level);
      contextJurisdiction = { code: own?.code ?? null, words: lastPlace.words };
    }
  }
  return dedupeWithin(figures);
}

/** The figures of one sentence's clauses, by the naming words before (or right after) each number. */
function readClauses(sentence: string, whole_: string): Reading[] {
  const out: Reading[] = [];
  const listed = listedRanges(sentence);
  // A bracketed gloss without figures (第一种形态（经常性批评教育、约谈函询）处理68.8万人次) does not end the clause.
  const s = sentence.replace(/[（(][^（）()\d]{1,30}[）)]/g, (gloss) => " ".repeat(gloss.length));
  // The form a share (占…%) belongs to: the last form named, in this clause or an earlier one.
  let currentForm: Measure | null = null;
  // Naming words standing in a clause without figures, for the next clause; the last figure read.
  let topic: { mention: Mention; units: string[] } | null = null;
  let lastInSentence: { mention: Mention; unit: string } | null = null;
  for (const clause of s.matchAll(CLAUSE)) {
    const clauseText = clause[0];
    const clauseAt = clause.index;
    const clauseTopic = topic;
    topic = null;
    if (!NUMBER_ANY.test(clauseText)) {
      const last = mentions(clauseText).at(-1);
      if (last && !last.rule.blocks) topic = { mention: last, units: Object.keys(last.rule.units) };
      continue;
    }
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
      if (listed.some(([a, b]) => clauseAt + numberAt >= a && clauseAt + numberAt < b)) continue;
      const parsed = parseNumber(token);
      // No count the CCDI prints reaches a billion, and no share exceeds 100%: anything else is a misreading.
      if (!parsed || parsed.value > (unit === "%" ? 100 : 1e9)) continue;
      const reasons: Array<readonly [string, string]> = [];
      let confidence = 0.95;
      let measure: Measure | null = null;
      let printedUnit: Unit | null = null;
      if (unit === "%") {
        if (!/占/.test(clauseText.slice(0, numberAt))) continue;
        if (!currentForm || !SHARE_MEASURE[currentForm]) continue;
        measure = SHARE_MEASURE[currentForm]!;
        printedUnit = "percent";
        reasons.push([
          `a share (占…%) following the ${currentForm.replace("punished_", "")} count`,
          `紧随${FORM_ZH[currentForm] ?? "前面"}人数之后的占比（占…%）`,
        ]);
      } else {
        const named = namedIn();
        const preceding = named.filter((m) => m.end <= numberAt).at(-1);
        // 追回1335名外逃人员, 对2,456人采取留置措施: the naming words right after the figure.
        const figureEnd = n.index + whole.length;
        const next = named.find((m) => m.at >= figureEnd);
        const gap = next ? clauseText.slice(figureEnd, next.at) : "";
        const following =
          next && !/\d/.test(gap) && gap.length <= (unit === "名" ? 12 : 6) && !next.rule.notBetween?.test(gap)
            ? next
            : undefined;
        let mention = preceding ?? following;
        let borrowed: string | null = null;
        if (!mention && named.length === 0) {
          // 从“四种形态”运用处理情况来看，2024年共计处理147.9万人: the naming words in a clause of their own.
          if (clauseTopic?.units.includes(unit)) {
            mention = clauseTopic.mention;
            borrowed = "a clause of its own before it";
          }
          // ……147.9万人，较2023年的119.6万人: a comparison counts the same thing as the figure before it.
          else if (
            lastInSentence &&
            /^(?:较之?|比|相比|同比)/.test(clauseText) &&
            !/增|减|升|降|多出|少了|幅/.test(clauseText) &&
            lastInSentence.unit === unit
          ) {
            mention = lastInSentence.mention;
            borrowed = "the figure it is compared with";
          }
        }
        if (!mention || mention.rule.blocks) continue;
        const after_ = mention === following;
        // Borrowed naming words stand in another clause: what counts is what comes before the figure in this one.
        const between = after_ ? "" : clauseText.slice(borrowed ? 0 : mention.end, numberAt).replace(/\s+/g, "");
        if (mention.rule.notBetween?.test(between)) continue;
        if (
          mention.rule.requires &&
          !mention.rule.requires.test(after_ ? clauseText.slice(0, numberAt) : s) &&
          !(mention.rule.requiresInText && mention.rule.requires.test(whole_))
        )
          continue;
        const unitOk = mention.rule.units[unit];
        if (!unitOk) continue;
        measure = mention.measure === "four-forms-form" ? (mention.form ?? null) : (mention.measure as Measure);
        if (!measure) continue;
        lastInSentence = { mention, unit };
        printedUnit = unitOk;
        const words = mention.words;
        if (mention.form) currentForm = mention.form;
        if (after_) {
          reasons.push([`'${words}' names the figure right after it`, `“${words}”紧接在数字之后，说明其所指`]);
          confidence -= 0.05;
        } else
          reasons.push([
            `'${words}' names the figure (${between.length} characters before it)`,
            `“${words}”说明数字所指（在数字前${between.length}个字符处）`,
          ]);
        if (borrowed) {
          confidence -= 0.15;
          reasons.push([
            `unsure: the naming words '${mention.words}' come from ${borrowed}`,
            `不确定：说明词取自${borrowed === "the figure it is compared with" ? "被比较的前一个数字" : "前面单独的分句"}`,
          ]);
        } else if (between.length > 12) {
          confidence -= 0.15;
          reasons.push([
            `unsure: ${between.length} characters between the naming words and the figure`,
            `不确定：说明词与数字相隔${between.length}个字符`,
          ]);
        }
      }
      if (!Number.isInteger(parsed.value) && printedUnit !== "percent" && printedUnit !== "days") continue;
      const q = qualifierOf(before === "共" || before === "共计" ? undefined : before, between, after);
      const printedStart = clauseAt + n.index + (before === "共" || before === "共计" ? before.length : 0);
      out.push({
        measure,
        unit: printedUnit!,
        at: clauseAt + numberAt,
        printedStart,
        printedEnd: clauseAt + n.index + whole.length,
        value: parsed.value,
        precision: parsed.precision,
        rounded: parsed.rounded,
        token,
        printedUnit: unit,
        qualifier: q.qualifier,
        qualifierWords: q.words,
        clause: clauseText,
        clauseAt,
        confidence,
        reasons,
      });
    }
  }
  return out;
}

function locatorOf(sentence: Sentence): string {
  return `paragraph ${sentence.paragraph + 1}, sentence ${sentence.index + 1}`;
}

/**
 * A figure repeated in the same text (a title and its body) is proposed once, from its first
 * sentence; a rounded restatement (more than 1,000 beside 1,335 for the same cell) is not proposed.
 */
function dedupeWithin(figures: ReadonlyArray<Figure>): Figure[] {
  const seen = new Set<string>();
  const cell = (f: Figure) => [f.measure, f.jurisdiction, f.period_start, f.period_end, f.scope].join("|");
  return figures.filter((f) => {
    const key = `${cell(f)}|${f.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (f.qualifier === "exact") return true;
    return !figures.some(
      (g) =>
        g.qualifier === "exact" &&
        cell(g) === cell(f) &&
        (f.qualifier === "at-least" ? g.value >= f.value : Math.abs(g.value - f.value) <= f.value * 0.1),
    );
  });
}
