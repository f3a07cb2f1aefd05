/** Calendar dates as ISO strings (YYYY-MM-DD), compared and measured in UTC days: no time zones involved. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (`2023-02-29` is false). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parts(iso: string): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(iso);
  if (!match || !isIsoDate(iso)) throw new TypeError(`invalid ISO date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Days since 1970-01-01 for an ISO date. */
export function dayNumber(iso: string): number {
  const { y, m, d } = parts(iso);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Days from start to end, both included: a whole year of 2023 is 365. */
export function daysInclusive(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(iso: string): number {
  return parts(iso).y;
}

/**
 * The number of whole calendar months the period covers when it starts on a first of the month
 * and ends on a last of the month (Jan 1 – Sep 30 is 9); otherwise null.
 */
export function wholeMonths(start: string, end: string): number | null {
  const s = parts(start);
  const e = parts(end);
  if (s.d !== 1 || e.d !== daysInMonth(e.y, e.m) || dayNumber(end) < dayNumber(start)) return null;
  return (e.y - s.y) * 12 + (e.m - s.m) + 1;
}

/** The months' names in English, January first: one list for every English date a reader sees. */
export const MONTH_NAMES_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
