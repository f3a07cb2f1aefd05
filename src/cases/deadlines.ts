import { dayNumber, daysInclusive, daysInMonth } from "../core/index.ts";
import { type LegalRegime, regimeOn, shippedLegalRegimes } from "./legal-regimes.ts";
import { type CaseRecord, ENDING_EVENTS, type StoredCase } from "./model.ts";

/**
 * Deadline watch (pure). The limits are those of the legal regime in force on the day the person
 * was taken (data/legal-regimes.csv): under the 2018 Supervision Law (art. 43) three months,
 * extendable once by three; under the law as amended from 1 June 2025 (art. 48) also a second
 * extension by up to two months and, once, the period counted anew. Months are calendar months,
 * clamped to the month's end: three months after 30 Nov 2023 is 29 Feb 2024.
 *
 * - days held: from the day taken to today (or to the day the liuzhi ended), both included;
 * - the current period starts on the day taken, or on the day it was counted anew
 *   (a `period-recounted` event, where the regime allows it);
 * - term passed without extension: three months after the period's start have passed (strictly
 *   after) and no extension is recorded in that period;
 * - beyond the legal maximum: the end of what the recorded events can authorise under that regime
 *   has passed (term + extension + second extension where recorded and allowed);
 * - WGEID urgent window: still held, and today is no later than three months after the taking.
 * The clock stops at the first transferred-for-prosecution, released or died-in-custody event.
 * Events the regime does not know (a second extension under the 2018 law) are listed, not used.
 */

/** The same day `months` calendar months later, clamped to the end of a shorter month. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export const DEADLINE_FLAGS = [
  "beyond-legal-maximum",
  "term-passed-no-extension",
  "wgeid-urgent-window",
  "no-regime-for-date",
] as const;
export type DeadlineFlag = (typeof DEADLINE_FLAGS)[number];

/** The regime a status was judged by: enough to say which law and article applied. */
export interface AppliedRegime {
  readonly id: string;
  readonly name_en: string;
  readonly name_zh: string;
  readonly article: string;
  readonly valid_from: string;
  readonly valid_to: string | null;
  readonly max_months: number;
}

export interface DeadlineStatus {
  readonly id: string;
  readonly taken_on: string | null;
  /** The law in force on the day taken, or null (no date, or before any regime). */
  readonly regime: AppliedRegime | null;
  /** Day the liuzhi ended (transfer, release, death), or null while held. */
  readonly ended_on: string | null;
  readonly days_held: number | null;
  /** Start of the current period: the day taken, or the day the period was counted anew. */
  readonly period_start: string | null;
  readonly recounted_on: string | null;
  /** Three months after the current period's start. */
  readonly term_ends: string | null;
  /** Term + the one extension after the current period's start (six months under both laws). */
  readonly six_months: string | null;
  /** The last day the recorded events can authorise under the regime. */
  readonly legal_max_ends: string | null;
  readonly extension_recorded: boolean;
  readonly second_extension_recorded: boolean;
  /** Recorded events the regime in force on the day taken does not provide for (not used). */
  readonly events_not_in_regime: ReadonlyArray<string>;
  readonly flags: ReadonlyArray<DeadlineFlag>;
  /** Days left in the WGEID urgent window (0 on its last day), or null outside it. */
  readonly urgent_days_left: number | null;
}

/** The earlier of two ISO dates. */
const earlier = (a: string, b: string) => [a, b].sort()[0]!;

const applied = (r: LegalRegime): AppliedRegime => ({
  id: r.id,
  name_en: r.name_en,
  name_zh: r.name_zh,
  article: r.article,
  valid_from: r.valid_from,
  valid_to: r.valid_to,
  max_months: r.max_months,
});

export function deadlineStatus(
  id: string,
  record: CaseRecord,
  asOf: string,
  regimes: ReadonlyArray<LegalRegime> = shippedLegalRegimes(),
): DeadlineStatus {
  const taken = record.detention.taken_on;
  const regime = taken ? regimeOn(regimes, taken) : null;
  const empty = {
    id,
    taken_on: taken,
    regime: regime && applied(regime),
    ended_on: null,
    days_held: null,
    period_start: taken,
    recounted_on: null,
    term_ends: null,
    six_months: null,
    legal_max_ends: null,
    extension_recorded: false,
    second_extension_recorded: false,
    events_not_in_regime: [],
    urgent_days_left: null,
  };
  if (taken === null || dayNumber(asOf) < dayNumber(taken)) return { ...empty, flags: [] };
  const endings = record.timeline
    .filter((e) => ENDING_EVENTS.includes(e.kind) && e.date >= taken)
    .map((e) => e.date)
    .sort();
  const ended = endings[0] !== undefined && endings[0] <= asOf ? endings[0] : null;
  const until = ended ?? asOf;
  if (regime === null) {
    return { ...empty, ended_on: ended, days_held: daysInclusive(taken, until), flags: ["no-regime-for-date"] };
  }
  const known = record.timeline.filter((e) => e.date >= taken && e.date <= until);
  const notInRegime: string[] = [];
  const recounts = known.filter((e) => e.kind === "period-recounted").sort((a, b) => a.date.localeCompare(b.date));
  if (recounts.length > 0 && regime.recount_once === "no") notInRegime.push("period-recounted");
  // Counted anew once at most: a second recount is not provided for.
  if (recounts.length > 1 && regime.recount_once === "yes") notInRegime.push("period-recounted (again)");
  const recounted = regime.recount_once === "yes" ? (recounts[0]?.date ?? null) : null;
  const start = recounted ?? taken;
  const inPeriod = known.filter((e) => e.date >= start);
  const extension = inPeriod.some((e) => e.kind === "extension-approved");
  const secondRecorded = inPeriod.some((e) => e.kind === "second-extension-approved");
  if (known.some((e) => e.kind === "second-extension-approved") && regime.second_extension_months === 0)
    notInRegime.push("second-extension-approved");
  const second = secondRecorded && extension && regime.second_extension_months > 0;
  const termEnds = addMonths(start, regime.term_months);
  const sixMonths = addMonths(start, regime.term_months + regime.extension_months);
  const authorised = !extension
    ? termEnds
    : second
      ? addMonths(start, regime.term_months + regime.extension_months + regime.second_extension_months)
      : sixMonths;
  // The recorded events can never authorise more than the regime's maximum counted from the day taken.
  const cap = addMonths(taken, regime.max_months);
  const maxEnds = earlier(extension ? authorised : sixMonths, cap);
  const flags: DeadlineFlag[] = [];
  if (until > maxEnds) flags.push("beyond-legal-maximum");
  if (until > termEnds && !extension) flags.push("term-passed-no-extension");
  const windowEnds = addMonths(taken, 3);
  const urgent = ended === null && record.status === "open" && asOf <= windowEnds;
  if (urgent) flags.push("wgeid-urgent-window");
  return {
    ...empty,
    ended_on: ended,
    days_held: daysInclusive(taken, until),
    period_start: start,
    recounted_on: recounted,
    term_ends: termEnds,
    six_months: sixMonths,
    legal_max_ends: maxEnds,
    extension_recorded: extension,
    second_extension_recorded: secondRecorded,
    events_not_in_regime: notInRegime,
    flags,
    urgent_days_left: urgent ? dayNumber(windowEnds) - dayNumber(asOf) : null,
  };
}

export const DEADLINE_KINDS = [
  "term",
  "extension",
  "second-extension",
  "legal-maximum",
  "wgeid-urgent-window",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The deadline that matters next for a case still held, and how many days are left (negative: passed). */
export interface NextDeadline {
  readonly kind: DeadlineKind;
  readonly date: string;
  readonly daysLeft: number;
}

/**
 * The next deadline that matters: the end of whatever period the recorded events have reached
 * (the three-month term; with an extension, its end; with a second, that one's end), the WGEID
 * urgent window, or the legal maximum — the earliest still to come. Once all have passed, the legal
 * maximum, overdue. None once the liuzhi has ended or without a date taken or a law in force.
 */
export function nextDeadline(s: DeadlineStatus, asOf: string): NextDeadline | null {
  if (s.ended_on !== null || s.taken_on === null || s.regime === null || s.legal_max_ends === null) return null;
  const period: Array<[DeadlineKind, string | null]> = [
    s.extension_recorded
      ? s.second_extension_recorded
        ? ["second-extension", s.legal_max_ends]
        : ["extension", s.six_months]
      : ["term", s.term_ends],
  ];
  const candidates: Array<[DeadlineKind, string]> = [
    ...period.filter((c): c is [DeadlineKind, string] => c[1] !== null),
    ...(s.urgent_days_left !== null
      ? [["wgeid-urgent-window", addMonths(s.taken_on, 3)] as [DeadlineKind, string]]
      : []),
    ["legal-maximum", s.legal_max_ends],
  ];
  const ahead = candidates.filter(([, date]) => date >= asOf).sort((a, b) => a[1].localeCompare(b[1]));
  const [kind, date] = ahead[0] ?? ["legal-maximum", s.legal_max_ends];
  return { kind, date, daysLeft: dayNumber(date) - dayNumber(asOf) };
}

/**
 * Open cases by urgency: beyond the legal maximum first, then the three-month term passed without
 * an extension, then those inside the WGEID urgent window (fewest days left first), then the rest;
 * within a group the longest held first. Cases with no date taken come last.
 */
export function deadlineList(
  cases: ReadonlyArray<StoredCase>,
  asOf: string,
  regimes: ReadonlyArray<LegalRegime> = shippedLegalRegimes(),
): DeadlineStatus[] {
  const rank = (s: DeadlineStatus) =>
    s.days_held === null
      ? 4
      : s.flags.includes("beyond-legal-maximum")
        ? 0
        : s.flags.includes("term-passed-no-extension")
          ? 1
          : s.flags.includes("wgeid-urgent-window")
            ? 2
            : 3;
  return cases
    .filter((c) => c.record.status === "open")
    .map((c) => deadlineStatus(c.id, c.record, asOf, regimes))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.urgent_days_left ?? 0) - (b.urgent_days_left ?? 0) ||
        (b.days_held ?? 0) - (a.days_held ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
