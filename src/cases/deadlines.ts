import { dayNumber, daysInclusive, daysInMonth } from "../core/index.ts";
import { type CaseRecord, ENDING_EVENTS, type StoredCase } from "./model.ts";

/**
 * Deadline watch (pure). Liuzhi may last three months, extendable once by three more (Supervision
 * Law art. 43). Months are calendar months, clamped to the month's end: three months after 30 Nov
 * 2023 is 29 Feb 2024, after 31 Jan 2024 is 30 Apr 2024, after 29 Feb 2024 is 29 May 2024.
 *
 * - days held: from the day taken to today (or to the day the liuzhi ended), both included;
 * - term passed without extension: the day three months after the taking has passed (strictly
 *   after), and no extension-approved event is recorded;
 * - six months passed: the day six months after has passed — beyond even the legal maximum;
 * - WGEID urgent window: still held, and today is no later than three months after the taking.
 * The clock stops at the first transferred-for-prosecution, released or died-in-custody event.
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

export type DeadlineFlag = "six-months-passed" | "term-passed-no-extension" | "wgeid-urgent-window";

export interface DeadlineStatus {
  readonly id: string;
  readonly taken_on: string | null;
  /** Day the liuzhi ended (transfer, release, death), or null while held. */
  readonly ended_on: string | null;
  readonly days_held: number | null;
  readonly term_ends: string | null;
  readonly six_months: string | null;
  readonly extension_recorded: boolean;
  readonly flags: ReadonlyArray<DeadlineFlag>;
  /** Days left in the WGEID urgent window (0 on its last day), or null outside it. */
  readonly urgent_days_left: number | null;
}

export function deadlineStatus(id: string, record: CaseRecord, asOf: string): DeadlineStatus {
  const taken = record.detention.taken_on;
  const extension = record.timeline.some((e) => e.kind === "extension-approved");
  if (taken === null || dayNumber(asOf) < dayNumber(taken)) {
    return {
      id,
      taken_on: taken,
      ended_on: null,
      days_held: null,
      term_ends: taken && addMonths(taken, 3),
      six_months: taken && addMonths(taken, 6),
      extension_recorded: extension,
      flags: [],
      urgent_days_left: null,
    };
  }
  const endings = record.timeline
    .filter((e) => ENDING_EVENTS.includes(e.kind) && e.date >= taken)
    .map((e) => e.date)
    .sort();
  const ended = endings[0] !== undefined && endings[0] <= asOf ? endings[0] : null;
  const until = ended ?? asOf;
  const termEnds = addMonths(taken, 3);
  const sixMonths = addMonths(taken, 6);
  const flags: DeadlineFlag[] = [];
  if (until > sixMonths) flags.push("six-months-passed");
  if (until > termEnds && !extension) flags.push("term-passed-no-extension");
  const urgent = ended === null && record.status === "open" && asOf <= termEnds;
  if (urgent) flags.push("wgeid-urgent-window");
  return {
    id,
    taken_on: taken,
    ended_on: ended,
    days_held: daysInclusive(taken, until),
    term_ends: termEnds,
    six_months: sixMonths,
    extension_recorded: extension,
    flags,
    urgent_days_left: urgent ? dayNumber(termEnds) - dayNumber(asOf) : null,
  };
}

/**
 * Open cases by urgency: six months passed first, then the three-month term passed without an
 * extension, then those inside the WGEID urgent window (fewest days left first), then the rest;
 * within a group the longest held first. Cases with no date taken come last.
 */
export function deadlineList(cases: ReadonlyArray<StoredCase>, asOf: string): DeadlineStatus[] {
  const rank = (s: DeadlineStatus) =>
    s.days_held === null
      ? 4
      : s.flags.includes("six-months-passed")
        ? 0
        : s.flags.includes("term-passed-no-extension")
          ? 1
          : s.flags.includes("wgeid-urgent-window")
            ? 2
            : 3;
  return cases
    .filter((c) => c.record.status === "open")
    .map((c) => deadlineStatus(c.id, c.record, asOf))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.urgent_days_left ?? 0) - (b.urgent_days_left ?? 0) ||
        (b.days_held ?? 0) - (a.days_held ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
