import { type Assumption, daysInclusive, type Ledger, type Measure, type Observation, yearOf } from "../core/index.ts";

/** The assumption the ratio method reads: Prof. Ye's share of cases that involved shuanggui. */
export const RATIO_ASSUMPTION_ID = "ye-ratio";

export function ratioAssumption(ledger: Ledger): Assumption {
  const found = ledger.assumptions.find((a) => a.id === RATIO_ASSUMPTION_ID);
  if (!found) throw new Error(`the ledger has no assumption '${RATIO_ASSUMPTION_ID}' (the ratio range)`);
  return found;
}

/**
 * One nationwide figure per calendar year for a measure (jurisdiction CN, scope all): where the
 * ledger holds several for a year (Jan–Sep and, later, the full year), the longest period wins,
 * so a new full-year figure replaces a partial one without any code change.
 */
export function nationalSeries(ledger: Ledger, measure: Measure): Observation[] {
  const byYear = new Map<number, Observation>();
  for (const o of ledger.observations) {
    if (o.measure !== measure || o.jurisdiction !== "CN" || o.scope !== "all") continue;
    const year = yearOf(o.period_start);
    if (yearOf(o.period_end) !== year) continue;
    const current = byYear.get(year);
    if (
      !current ||
      daysInclusive(o.period_start, o.period_end) > daysInclusive(current.period_start, current.period_end)
    ) {
      byYear.set(year, o);
    }
  }
  return [...byYear.values()].sort((a, b) => a.period_start.localeCompare(b.period_start));
}

/** Every placement figure (measure liuzhi_placements). */
export function placementObservations(ledger: Ledger): Observation[] {
  return ledger.observations.filter((o) => o.measure === "liuzhi_placements");
}

/** Average durations of a placement, in days, as the ledger records them. */
export function durationObservations(ledger: Ledger): Observation[] {
  return ledger.observations.filter((o) => o.measure === "liuzhi_duration_avg_days");
}
