/**
 * Periods as releases print them: 2024年 / 全年, 上半年, 第一季度…第四季度, 前三季度, 1至9月 /
 * 1—9月 / 1-9月, 今年以来, and "since the 18th Party Congress" (党的十八大以来), whose end is the
 * publication date. A period without its year takes the year from the context, else the release's.
 */

export interface PeriodMention {
  /** Offsets in the searched text. */
  readonly at: number;
  readonly length: number;
  /** As printed. */
  readonly label: string;
  /** Explicit year, or null when the text gives none (全年, 1至9月, 第三季度). */
  readonly year: number | null;
  /** Months covered (1-12, both included), or a span fixed by dates. */
  readonly span:
    | { readonly kind: "months"; readonly from: number; readonly to: number }
    | { readonly kind: "since"; readonly start: string }
    | { readonly kind: "year-to-date" };
}

const CN_DIGIT: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const CONGRESS: Readonly<Record<string, string>> = {
  十八: "2012-11-15", // the 18th Party Congress closed on 14 November 2012; its Central Committee took over on the 15th
  十九: "2017-10-25",
  二十: "2022-10-23",
};

const DASH = "(?:至|到|—|–|-|~|－|―)+";
const MONTH = "(1[0-2]|[1-9])";
// Order matters only for readability: overlapping mentions are resolved by position and length.
const PATTERNS: ReadonlyArray<{
  re: RegExp;
  read: (m: RegExpExecArray) => Omit<PeriodMention, "at" | "length" | "label"> | null;
}> = [
  {
    re: new RegExp(`(?:(\\d{4})年)?${MONTH}?月?\\s*${DASH}\\s*${MONTH}月(?:份)?(?!\\d{1,2}日)`, "g"),
    read: (m) => {
      const from = m[2] ? Number(m[2]) : 1;
      const to = Number(m[3]);
      return from <= to ? { year: m[1] ? Number(m[1]) : null, span: { kind: "months", from, to } } : null;
    },
  },
  {
    re: /(?:(\d{4})年)?(上半年|下半年|前三季度|全年|第([一二三四1-4])季度)/g,
    read: (m) => {
      const year = m[1] ? Number(m[1]) : null;
      const what = m[2]!;
      if (what === "上半年") return { year, span: { kind: "months", from: 1, to: 6 } };
      if (what === "下半年") return { year, span: { kind: "months", from: 7, to: 12 } };
      if (what === "前三季度") return { year, span: { kind: "months", from: 1, to: 9 } };
      if (what === "全年") return { year, span: { kind: "months", from: 1, to: 12 } };
      const q = CN_DIGIT[m[3]!]!;
      return { year, span: { kind: "months", from: q * 3 - 2, to: q * 3 } };
    },
  },
  {
    // "2024年", "2024年度" alone (not a date's year: 2024年10月18日 is a date, not a period)
    re: /(\d{4})年(?:度)?(?!\s*(?:1[0-2]|[1-9])\s*月|上半年|下半年|前三季度|全年|第)/g,
    read: (m) => ({ year: Number(m[1]), span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    re: /今年以来/g,
    read: () => ({ year: null, span: { kind: "year-to-date" } }),
  },
  {
    re: /党的(十八|十九|二十)大以来/g,
    read: (m) => ({ year: null, span: { kind: "since", start: CONGRESS[m[1]!]! } }),
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

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The ISO dates of a mention, given the year to use when it prints none and the publication date. */
export function resolvePeriod(
  mention: PeriodMention,
  year: number | null,
  published: string | null,
): { start: string; end: string } | null {
  if (mention.span.kind === "since") return published ? { start: mention.span.start, end: published } : null;
  if (mention.span.kind === "year-to-date")
    return published ? { start: `${published.slice(0, 4)}-01-01`, end: published } : null;
  const y = mention.year ?? year;
  if (y === null) return null;
  const { from, to } = mention.span;
  return { start: `${y}-${pad(from)}-01`, end: `${y}-${pad(to)}-${pad(lastDay(y, to))}` };
}
