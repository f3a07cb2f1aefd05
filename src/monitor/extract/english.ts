import type { Measure, Qualifier, Unit } from "../../core/index.ts";
import { parseNumber } from "./numbers.ts";
import type { PeriodMention } from "./periods.ts";
import type { Reading } from "./reading.ts";

/**
 * The CCDI/NSC notices as English-language media report them ("punished 240,000 officials during
 * the first half of 2018", "detained 26,000 individuals", "1,624 fugitives were repatriated through
 * the Sky Net 2023 campaign"): the periods and the few phrasings of each measure. Anything else in
 * English is left to the reviewer.
 */

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WORD_NUMBER: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
};
const YEARISH = "(\\d{4}|this year|last year)";

/** Every sentence of a subset or another body: the police's Fox Hunt, courts, the commissions' own staff. */
// An English report read as nationwide: a sentence about a province, city or county is not.
export const ENGLISH_SUBSET =
  /\b(?:province|municipality|prefecture|county|city)\b(?![- ]level)|(?:discipline inspection and supervision|disciplinary and supervisory) officials\b|\bFox hunt\b|\bpolice\b|Ministry of Public Security|\bcourts?\b|political disciplines?|public interest|bribe/i;

type PeriodRead = Omit<PeriodMention, "at" | "length" | "label">;
const yearOf = (w: string | undefined): Pick<PeriodRead, "year" | "relative"> =>
  w === undefined
    ? { year: null }
    : /^\d{4}$/.test(w)
      ? { year: Number(w) }
      : /this/i.test(w)
        ? { year: null, relative: 0 }
        : { year: null, relative: -1 };

const PATTERNS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => PeriodRead | null }> = [
  {
    re: new RegExp(`\\b(?:the )?first half(?: of ${YEARISH})?`, "gi"),
    read: (m) => ({ ...yearOf(m[1]), span: { kind: "months", from: 1, to: 6 } }),
  },
  {
    re: new RegExp(
      `\\b(?:the )?first (\\d{1,2}|${Object.keys(WORD_NUMBER).join("|")}) months(?: of ${YEARISH})?`,
      "gi",
    ),
    read: (m) => {
      const to = WORD_NUMBER[m[1]!.toLowerCase()] ?? Number(m[1]);
      return to >= 1 && to <= 12 ? { ...yearOf(m[2]), span: { kind: "months", from: 1, to } } : null;
    },
  },
  {
    re: new RegExp(`\\bfrom January to (${MONTHS.join("|")})(?:,? (\\d{4}))?`, "gi"),
    read: (m) => ({ ...yearOf(m[2]), span: { kind: "months", from: 1, to: MONTHS.indexOf(m[1]!.toLowerCase()) + 1 } }),
  },
  {
    // from 2014 to 2016, from 2014 to June 2020, between January 2015 and 2019
    re: new RegExp(
      `\\b(?:from|between) (?:(${MONTHS.join("|")}) )?(\\d{4}) (?:to|and|through|until) (?:the end of )?(?:(${MONTHS.join("|")}),? )?(\\d{4})\\b`,
      "gi",
    ),
    read: (m) => {
      const m1 = m[1] ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 1;
      const m2 = m[3] ? MONTHS.indexOf(m[3].toLowerCase()) + 1 : 12;
      const y1 = Number(m[2]);
      const y2 = Number(m[4]);
      if (y2 < y1 || (y2 === y1 && m2 < m1)) return null;
      const end = `${y2}-${String(m2).padStart(2, "0")}-${String(new Date(Date.UTC(y2, m2, 0)).getUTCDate()).padStart(2, "0")}`;
      return { year: y1, span: { kind: "range", start: `${y1}-${String(m1).padStart(2, "0")}-01`, end } };
    },
  },
  {
    // January-November 2020, January to September this year
    re: new RegExp(`\\bJanuary ?(?:-|–|to|through) ?(${MONTHS.join("|")})(?:,? (\\d{4}|this year|last year))?`, "gi"),
    read: (m) => ({ ...yearOf(m[2]), span: { kind: "months", from: 1, to: MONTHS.indexOf(m[1]!.toLowerCase()) + 1 } }),
  },
  {
    re: /\bSky Net (\d{4})\b/gi,
    read: (m) => ({ year: Number(m[1]), span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    re: /\b(?:in|for|during|throughout) (\d{4})\b(?!\s*(?:and|to)\s*\d)/gi,
    read: (m) => ({ year: Number(m[1]), span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    // "up 28 percent from last year": a comparison, not the figure's period
    re: /\b(?:from|than|over|compared with|on) (?:the same period (?:of )?)?last year\b|\byear-on-year\b/gi,
    read: () => ({ year: null, relative: -1, span: { kind: "same-months" } }),
  },
  {
    re: /\blast year\b/gi,
    read: () => ({ year: null, relative: -1, span: { kind: "months", from: 1, to: 12 } }),
  },
  {
    // since 2014, since March 2015, since the start of 2018: to the publication date
    re: new RegExp(`\\bsince (?:the (?:start|beginning) of )?(?:(${MONTHS.join("|")}) )?(\\d{4})\\b`, "gi"),
    read: (m) => ({
      year: Number(m[2]),
      span: {
        kind: "since",
        start: `${m[2]}-${String(m[1] ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 1).padStart(2, "0")}-01`,
      },
    }),
  },
  {
    // Spans the text does not date: a period is printed, none can be read.
    re: /\b(?:since|so far|in all|in total|to date|by the end of|over the past|in the past|this year|same period)\b/gi,
    read: () => ({ year: null, span: { kind: "unresolved" } }),
  },
];

export function findEnglishPeriods(s: string): PeriodMention[] {
  const found: PeriodMention[] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of s.matchAll(new RegExp(re.source, re.flags))) {
      const r = read(m as RegExpExecArray);
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

const NUMBER =
  /\b(more than|over|nearly|about|around|almost|some|at least)?\s?(\d{1,3}(?:,\d{3}){1,3}|\d{1,7}(?:\.\d{1,3})?(?: million)?)\b/gi;
const PEOPLE = "(?:officials|people|individuals|persons|party members|cadres|suspects)";

interface Rule {
  readonly measure: Measure;
  readonly unit: Unit;
  readonly before?: RegExp;
  readonly after?: RegExp;
  readonly words: string;
  readonly requires?: RegExp;
}

/** Each rule: the words right before the number and/or right after it. */
const RULES: ReadonlyArray<Rule> = [
  {
    measure: "cases_filed",
    unit: "cases",
    before: /\b(?:filed|opened|registered|placed)\s$/i,
    after: /^\s?cases\b/i,
    words: "filed … cases",
  },
  {
    measure: "cases_filed",
    unit: "cases",
    after: /^\s?cases\s(?:were|had been|have been)\s(?:filed|opened|registered|placed on file)\b/i,
    words: "… cases were filed",
  },
  { measure: "cases_filed", unit: "cases", before: /\bOf the\s$/i, after: /^\s?filed\b/i, words: "of the … filed" },
  {
    measure: "liuzhi_placements",
    unit: "people",
    before: /\bdetained\s$/i,
    after: new RegExp(`^\\s?${PEOPLE}`, "i"),
    words: "detained …",
  },
  {
    measure: "liuzhi_placements",
    unit: "people",
    after: new RegExp(
      `^\\s?${PEOPLE}\\s(?:were|had been|have been)\\s(?:detained|(?:placed|held) (?:under|in) (?:liuzhi|retention|detention|this (?:system|measure)))\\b`,
      "i",
    ),
    words: "… were placed under / detained",
  },
  {
    measure: "punished_total",
    unit: "people",
    before:
      /\b(?:punished|disciplined|punishing|disciplining|punishments? (?:on|to)|penalties (?:on|to)|taken against|penalized)\s$/i,
    after: new RegExp(`^\\s?${PEOPLE}`, "i"),
    words: "punished …",
  },
  {
    measure: "punished_total",
    unit: "people",
    after: new RegExp(
      `^\\s?${PEOPLE}(?: at all levels| nationwide)?\\s(?:were|had been|have been)\\s(?:punished|disciplined|penalized|given (?:party |the party )?(?:disciplinary|administrative|government)\\b)|^\\s?${PEOPLE}\\sreceived (?:disciplinary )?(?:punishments?|penalties)\\b`,
      "i",
    ),
    words: "… were punished",
  },
  {
    measure: "forced_returns",
    unit: "people",
    after: /^\s?(?:Chinese )?fugitives?\b/i,
    requires: /repatriat|returned|captured|brought back|nabbed/i,
    words: "… fugitives (returned)",
  },
  {
    measure: "forced_returns",
    unit: "people",
    before: /\bamong the\s$/i,
    after: /^\s?returned\b/i,
    words: "among the … returned",
  },
];

/** "About 163,000 and 210,000 officials were punished in the same period of 2016 and 2017, respectively." */
const RESPECTIVELY = new RegExp(
  `\\b(about |around |nearly |more than |over )?(\\d{1,3}(?:,\\d{3}){1,3}) and (\\d{1,3}(?:,\\d{3}){1,3}) ${PEOPLE} (?:were|had been) (?:punished|disciplined) in the same period of (\\d{4}) and (\\d{4}),? respectively`,
  "gi",
);

function readPairs(s: string): Reading[] {
  const out: Reading[] = [];
  for (const m of s.matchAll(RESPECTIVELY)) {
    const words = m[1]?.trim();
    const qualifier: Qualifier = !words ? "exact" : /more than|over/i.test(words) ? "at-least" : "about";
    for (const [k, token, year] of [
      [0, m[2]!, m[4]!],
      [1, m[3]!, m[5]!],
    ] as const) {
      const parsed = parseNumber(token);
      if (!parsed) continue;
      const at = m.index + m[0].indexOf(token, k === 0 ? 0 : m[0].indexOf(" and ") + 5);
      const yearAt = m.index + m[0].lastIndexOf(year);
      out.push({
        measure: "punished_total",
        unit: "people",
        at,
        printedStart: at,
        printedEnd: at + token.length,
        value: parsed.value,
        precision: parsed.precision,
        rounded: false,
        token,
        printedUnit: "",
        qualifier,
        qualifierWords: words ?? null,
        clause: s,
        clauseAt: 0,
        confidence: 0.8,
        reasons: [
          [
            `English report: a pair printed 'respectively': this value goes with ${year}, the same months as the period reported`,
            `英文报道：成对列出（respectively），此数对应${year}年的同期`,
          ],
        ],
        period: {
          at: yearAt,
          length: year.length,
          label: `the same period of ${year}`,
          year: Number(year),
          span: { kind: "same-months" },
        },
        english: true,
      });
    }
  }
  return out;
}

export function readEnglish(s: string): Reading[] {
  const out: Reading[] = readPairs(s);
  const paired = out.map((r) => r.at);
  for (const m of s.matchAll(NUMBER)) {
    const words = m[1];
    const token = m[2]!;
    if (/^(?:19|20)\d{2}$/.test(token)) continue; // a year
    const at = m.index + m[0].length - token.length;
    const end = at + token.length;
    if (paired.includes(at)) continue;
    const before = s.slice(Math.max(0, m.index - 40), m.index);
    const million = / million$/.test(token);
    const after = s.slice(end, end + 90);
    if (/^\s?(?:yuan|percent|%|billion|countries|cases? of underground)/i.test(after) || /\$\s?$/.test(before))
      continue;
    // A part of a count (28 of the punished, among them, including) is not the count.
    if (/\b(?:of them|among them|including|of whom)\W{0,2}$/i.test(before) || /^\s?of (?:the|them)\b/i.test(after))
      continue;
    const parsed = parseNumber(million ? `${token.replace(/ million$/, "")}万` : token);
    const value =
      parsed && million ? { ...parsed, value: parsed.value * 100, precision: parsed.precision * 100 } : parsed;
    if (!value || value.value > 1e9) continue;
    for (const rule of RULES) {
      if (rule.before && !rule.before.test(s.slice(Math.max(0, (words ? m.index : at) - 40), words ? m.index : at)))
        continue;
      if (rule.after && !rule.after.test(after)) continue;
      if (rule.requires && !rule.requires.test(s)) continue;
      const qualifier: Qualifier = !words ? "exact" : /more than|over|at least/i.test(words) ? "at-least" : "about";
      let confidence = 0.9;
      const reasons: Array<readonly [string, string]> = [
        [`English report: '${rule.words}' names the figure`, `英文报道：“${rule.words}”说明数字所指`],
      ];
      if (qualifier !== "exact") {
        confidence -= 0.2;
        reasons.push([
          `unsure: '${words}' in an English report may restate a figure printed exactly elsewhere`,
          `不确定：英文报道中的“${words}”可能是对别处确切数字的约略复述`,
        ]);
      }
      out.push({
        measure: rule.measure,
        unit: rule.unit,
        at,
        printedStart: at,
        printedEnd: end,
        value: value.value,
        precision: value.precision,
        rounded: false,
        token,
        printedUnit: "",
        qualifier,
        qualifierWords: words ?? null,
        clause: s,
        clauseAt: 0,
        confidence,
        reasons,
        english: true,
      });
      break;
    }
  }
  return out;
}
