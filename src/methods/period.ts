import { daysInclusive, wholeMonths, yearOf } from "../core/index.ts";

/** The mean Gregorian year, for periods that are not whole months. */
const DAYS_PER_YEAR = 365.2425;

/**
 * The length of a period in years: whole calendar months count as months / 12 (Jan–Sep is 0.75,
 * as the seed's 12/9 annualization has it); any other period counts its days / 365.2425.
 */
export function yearFraction(start: string, end: string): number {
  const months = wholeMonths(start, end);
  return months === null ? daysInclusive(start, end) / DAYS_PER_YEAR : months / 12;
}

/**
 * Scales a count over part of a year (or over several years) to one full year:
 * `annualize(105000, "2024-01-01", "2024-09-30")` is 140000 (× 12/9). A whole calendar year is unchanged.
 */
export function annualize(value: number, start: string, end: string): number {
  return value / yearFraction(start, end);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** True when the period is exactly one calendar year. */
export function isCalendarYear(start: string, end: string): boolean {
  return start.endsWith("-01-01") && end.endsWith("-12-31") && yearOf(start) === yearOf(end);
}

/** "2018" for a calendar year, "2024 (Jan-Sep)" for whole months within one year, else "start – end". */
export function periodName(start: string, end: string): string {
  if (isCalendarYear(start, end)) return String(yearOf(start));
  const months = wholeMonths(start, end);
  if (months !== null && yearOf(start) === yearOf(end)) {
    const first = MONTHS[Number(start.slice(5, 7)) - 1];
    const last = MONTHS[Number(end.slice(5, 7)) - 1];
    return `${yearOf(start)} (${first}-${last})`;
  }
  return `${start} – ${end}`;
}

/** Whether two periods (inclusive ISO dates) share at least one day. */
export function periodsOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
