/**
 * Period labels in Simplified Chinese. The ledger keeps each period exactly as printed in English
 * ("Jan - June 2021", "2022- Aug 28, 2024", "reported 8 January 2018"), and the methods name theirs
 * the same way ("2024 (Jan-Sep)", "2024 (full-year extrapolation)"). The Chinese edition reads the
 * same label into its parts and writes them in Chinese order ("2021年1月至6月"), keeping exactly
 * the precision printed: nothing is added that the label does not say.
 */
import type { LabelLang } from "./labels.ts";

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** Notes printed in brackets after a period, in Chinese. */
const NOTES: Readonly<Record<string, string>> = {
  pilot: "试点",
  "bribery only": "仅受贿案件",
  "full-year extrapolation": "全年外推",
};

interface Point {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

/** "Aug 28, 2024", "8 January 2018", "March 2018", "2020", "Feb 27", "Sep", "2024-09-30"; null if not a date. */
function parsePoint(text: string): Point | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  const tokens = text.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  for (const token of tokens) {
    const lower = token.toLowerCase().replace(/\.$/, "");
    if (/^\d{4}$/.test(lower) && year === undefined) year = Number(lower);
    else if (/^\d{1,2}$/.test(lower) && day === undefined && Number(lower) >= 1 && Number(lower) <= 31)
      day = Number(lower);
    else if (MONTHS[lower] !== undefined && month === undefined) month = MONTHS[lower];
    else return null;
  }
  if (day !== undefined && month === undefined) return null;
  return { year, month, day };
}

const zhPoint = (p: Point, withYear: boolean) =>
  `${withYear && p.year !== undefined ? `${p.year}年` : ""}${p.month !== undefined ? `${p.month}月` : ""}${p.day !== undefined ? `${p.day}日` : ""}`;

/** A point or a range ("A - B", "A– B", ISO "A – B") in Chinese; null if it is neither. */
function zhRange(text: string): string | null {
  const iso = /^(\d{4}-\d{2}-\d{2})\s*–\s*(\d{4}-\d{2}-\d{2})$/.exec(text);
  const parts = iso ? [iso[1]!, iso[2]!] : text.split(/\s*[-–]\s*/);
  if (parts.length === 1) {
    const p = parsePoint(text);
    return p ? zhPoint(p, true) : null;
  }
  if (parts.length !== 2) return null;
  const start = parsePoint(parts[0]!);
  const end = parsePoint(parts[1]!);
  if (!start || !end) return null;
  // "Jan - June 2021": the start takes the end's year; the end's year is said once when shared.
  const first = { ...start, year: start.year ?? end.year };
  const sameYear = first.year === end.year;
  return `${zhPoint(first, true)}至${zhPoint(end, !sameYear || end.month === undefined)}`;
}

/** The label in Chinese, or null where it is not a period this reader knows. */
export function periodLabelZh(label: string): string | null {
  const text = label.trim();
  const bracket = /^(.*?)\s*\(([^)]*)\)$/.exec(text);
  if (bracket) {
    const main = periodLabelZh(bracket[1]!);
    const inner = bracket[2]!.trim();
    const note = NOTES[inner.toLowerCase()] ?? zhRange(inner);
    return main !== null && note !== null ? `${main}（${note}）` : null;
  }
  const reported = /^reported\s+(.+)$/i.exec(text);
  if (reported) {
    const p = parsePoint(reported[1]!);
    return p ? `${zhPoint(p, true)}公布` : null;
  }
  const between = /^between\s+(.+?)\s+and\s+(.+)$/i.exec(text);
  if (between) {
    const a = zhRange(between[1]!);
    const b = zhRange(between[2]!);
    return a !== null && b !== null ? `${a}至${b}` : null;
  }
  return zhRange(text);
}

/** Chinese dates of a period ("2018年3月1日至2020年12月31日"), said when its label cannot be read. */
export function periodDatesZh(start: string, end: string): string {
  const a = parsePoint(start);
  const b = parsePoint(end);
  return a && b ? `${zhPoint(a, true)}至${zhPoint(b, true)}` : `${start}至${end}`;
}

/**
 * A period label for the reader: as printed in English, and in Chinese read from the label (or
 * from the period's own dates, where given, when the label is not one this reader knows).
 */
export function periodLabel(label: string, lang: LabelLang, dates?: { start: string; end: string }): string {
  if (lang === "en") return label;
  return periodLabelZh(label) ?? (dates ? periodDatesZh(dates.start, dates.end) : label);
}
