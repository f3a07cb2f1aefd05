/**
 * Periods as releases print them: 2024年 / 全年, 上半年, 第一季度…第四季度, 前三季度, 1至9月 /
 * 1—9月 / 一月至八月, 今年/去年 before any of these, 今年以来, ranges (2014年至2020年6月), spans
 * since a date or a year (自2015年4月…以来, 2015年以来), "since the 18th Party Congress"
 * (党的十八大以来), the Sky Net operation years (天网2018, 天网行动开展以来) and comparisons
 * (2023年同期, 去年同期: the same months as the sentence's own period, in that year). A span
 * since a date ends on the publication date. A cut-off with no start (截至2017年3月31日, 截至目前)
 * is a mention too, so that the sentence is known to have a period the extractor cannot resolve.
 */

export type Span =
  | { readonly kind: "months"; readonly from: number; readonly to: number }
  | { readonly kind: "since"; readonly start: string }
  | { readonly kind: "range"; readonly start: string; readonly end: string }
  | { readonly kind: "year-to-date" }
  /** The same months as the sentence's own period, in `year` (同期). */
  | { readonly kind: "same-months" }
  /** A cut-off or another date-bound span without a start the text gives: no period can be read. */
  | { readonly kind: "unresolved" };

export interface PeriodMention {
  /** Offsets in the searched text. */
  readonly at: number;
  readonly length: number;
  /** As printed. */
  readonly label: string;
  /** Explicit year, or null when the text gives none (全年, 1至9月, 第三季度). */
  readonly year: number | null;
  /** 今年 (0) or 去年 (-1): the year counted from the publication date. */
  readonly relative?: 0 | -1;
  readonly span: Span;
}

const CN_DIGIT: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const CN_MONTH: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};
const CONGRESS: Readonly<Record<string, string>> = {
  十八: "2012-11-15", // the 18th Party Congress closed on 14 November 2012; its Central Committee took over on the 15th
  十九: "2017-10-25",
  二十: "2022-10-23",
};
/** Sky Net (天网行动) began in April 2015; a count "since it began" starts then. */
export const SKY_NET_START = "2015-04-01";

const DASH = "(?:至|到|—|–|-|~|－|―){1,2}";
const MONTH = "(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
const YEAR = "(?:(\\d{4})年|(今年|去年|当年))?";
const monthOf = (s: string) => CN_MONTH[s] ?? Number(s);
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

type Read = Omit<PeriodMention, "at" | "length" | "label">;
const yearOf = (m: RegExpExecArray, digits: number, word: number): Pick<Read, "year" | "relative"> => {
  if (m[digits]) return { year: Number(m[digits]) };
  if (m[word] === "今年") return { year: null, relative: 0 };
  if (m[word] === "去年") return { year: null, relative: -1 };
  return { year: null };
};

// Order matters only for readability: overlapping mentions are resolved by position and length.
const PATTERNS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => Read | null }> = [
  {
    // 2024年1至9月, 1—9月, 今年一月至八月, 1-10月份 (never 18日至19日, a date range)
    re: new RegExp(
      `${YEAR}${MONTH}月?(?:份)?\\s{0,2}${DASH}\\s{0,2}${MONTH}月(?:份)?(?![\\d一二三四五六七八九十]{1,3}日)`,
      "g",
    ),
    read: (m) => {
      const from = monthOf(m[3]!);
      const to = monthOf(m[4]!);
      return from <= to ? { ...yearOf(m, 1, 2), span: { kind: "months", from, to } } : null;
    },
  },
  {
    re: new RegExp(
      `${YEAR}(上半年|下半年|前三季度|前三季|全年|第?([一二三四1-4])季度|前(\\d{1,2}|[一二三四五六七八九十]{1,2})个月)`,
      "g",
    ),
    read: (m) => {
      const year = yearOf(m, 1, 2);
      const what = m[3]!;
      if (what === "上半年") return { ...year, span: { kind: "months", from: 1, to: 6 } };
      if (what === "下半年") return { ...year, span: { kind: "months", from: 7, to: 12 } };
      if (what.startsWith("前三季")) return { ...year, span: { kind: "months", from: 1, to: 9 } };
      if (what === "全年") return { ...year, span: { kind: "months", from: 1, to: 12 } };
      if (m[5]) {
        const to = monthOf(m[5]);
        return to >= 1 && to <= 12 ? { ...year, span: { kind: "months", from: 1, to } } : null;
      }
      const q = CN_DIGIT[m[4]!]!;
      return { ...year, span: { kind: "months", from: q * 3 - 2, to: q * 3 } };
    },
  },
  {
    // 2014年至2020年6月, 2014年至2016年, 2019年初至2020年3月: a range of whole months
    re: /(\d{4})年(?:(1[0-2]|0?[1-9])月|初)?(?:份)?\s{0,2}(?:至|到|—|-){1,2}\s{0,2}(\d{4})年(?:(1[0-2]|0?[1-9])月(?:份|底)?|底)?(?![\d一二三四五六七八九十]{1,3}日)/g,
    read: (m) => {
      const y1 = Number(m[1]);
      const y2 = Number(m[3]);
      const m1 = m[2] ? Number(m[2]) : 1;
      const m2 = m[4] ? Number(m[4]) : 12;
      if (y2 < y1 || (y2 === y1 && m2 < m1)) return null;
      return {
        year: y1,
        span: { kind: "range", start: `${y1}-${pad(m1)}-01`, end: `${y2}-${pad(m2)}-${pad(lastDay(y2, m2))}` },
      };
    },
  },
  {
    // "2024年", "2024年度" alone (not a date's year: 2024年10月18日 is a date, not a period; 2020年底 a moment)
    re: /(?<!较|较之|比|相比)(\d{4})年(?:度)?(?!\s{0,2}(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s{0,2}月|上半年|下半年|前三季|全年|第|底|初|末|以来|至今|同期|\d)/g,
    read: (m) => ({ year: Number(m[1]), span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    // 2015年以来, 2017年至今: from the first of January of that year to the publication date
    re: /(\d{4})年(?:初)?(?:以来|至今)/g,
    read: (m) => ({ year: Number(m[1]), span: { kind: "since", start: `${m[1]}-01-01` } }),
  },
  {
    // 自2015年4月成立省追逃办以来: from the first of that month (or that day) to the publication date
    re: /(\d{4})年(1[0-2]|0?[1-9])月(?:(3[01]|[12]\d|0?[1-9])日)?[^，。,；;：:]{0,24}?以来/g,
    read: (m) => ({
      year: Number(m[1]),
      span: { kind: "since", start: `${m[1]}-${pad(Number(m[2]))}-${pad(m[3] ? Number(m[3]) : 1)}` },
    }),
  },
  {
    // 去年 alone: the year before the publication (去年同期 and 去年全年 are read above)
    re: /去年(?!同期|全年|上半年|下半年|前三季|第|\d|[一二三四五六七八九十]{1,2}月)/g,
    read: () => ({ year: null, relative: -1, span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    re: /今年以来|(?:今年)?年初以来/g,
    read: () => ({ year: null, span: { kind: "year-to-date" } }),
  },
  {
    re: /(?:党的)?(十八|十九|二十)大以来/g,
    read: (m) => ({ year: null, span: { kind: "since", start: CONGRESS[m[1]!]! } }),
  },
  {
    // “天网2018”行动: the operation's calendar year
    re: /天网(20\d{2})/g,
    read: (m) => ({ year: Number(m[1]), span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    re: /天网行动”?(?:开展|启动|实施)?以来/g,
    read: () => ({ year: null, span: { kind: "since", start: SKY_NET_START } }),
  },
  {
    // 较之2023年同期, 去年同期: the same months, another year
    re: /(?:(\d{4})年|(去年|上年))同期|(?<=较之?|比|相比)(\d{4})年(?!\d{1,2}月|上半年|下半年|前三季|第|全年)/g,
    read: (m) => ({
      ...(m[1] ? { year: Number(m[1]) } : { year: null, relative: -1 as const }),
      span: { kind: "same-months" },
    }),
  },
  {
    // Cut-offs and spans whose start the text does not give: a period is printed, but none can be read.
    re: /截至(?:目前|今年|\d{4}年)?(?:(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:底|末)?(?:\d{1,2}日)?)?|(?:成立|组建|开展|改革|试点)以来|(?:[一二两三四五六七八九十]{1,2}|\d{1,2})年(?:多)?来|(?:近|过去)(?:[一二两三四五六七八九十]{1,2}|\d{1,2})年/g,
    read: () => ({ year: null, span: { kind: "unresolved" } }),
  },
];

/** Every period mentioned in `text` (normalised), left to right; a mention inside a longer one is dropped. */
export function findPeriods(text: string): PeriodMention[] {
  const found: PeriodMention[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      const r = read(m);
      if (r) found.push({ ...r, at: m.index, length: m[0].length, label: m[0] });
    }
  }
  found.sort((a, b) => a.at - b.at || b.length - a.length);
  const kept: PeriodMention[] = [];
  for (const p of found) {
    const last = kept.at(-1);
    if (last && p.at < last.at + last.length) continue;
    kept.push(p);
  }
  return kept;
}

/**
 * The ISO dates of a mention, given the year to use when it prints none, the publication date,
 * and (for 同期) the months of the sentence's own period. Null when it cannot be read.
 */
export function resolvePeriod(
  mention: PeriodMention,
  year: number | null,
  published: string | null,
  sameAs?: { readonly from: number; readonly to: number },
): { start: string; end: string } | null {
  const span = mention.span;
  if (span.kind === "unresolved") return null;
  if (span.kind === "range") return { start: span.start, end: span.end };
  if (span.kind === "since") return published && published >= span.start ? { start: span.start, end: published } : null;
  if (span.kind === "year-to-date")
    return published ? { start: `${published.slice(0, 4)}-01-01`, end: published } : null;
  const publishedYear = published ? Number(published.slice(0, 4)) : null;
  const y =
    mention.year ??
    (mention.relative !== undefined ? (publishedYear === null ? null : publishedYear + mention.relative) : year);
  if (y === null) return null;
  const months = span.kind === "same-months" ? sameAs : span;
  if (!months) return null;
  const { from, to } = months;
  return { start: `${y}-${pad(from)}-01`, end: `${y}-${pad(to)}-${pad(lastDay(y, to))}` };
}
