import { daysInclusive, type Ledger } from "../core/index.ts";
import { defineMethod } from "./define.ts";
import { defineParams } from "./params.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { durationObservations, nationalSeries } from "./select.ts";

export interface StockEstimate {
  /** The duration observation used. */
  readonly durationId: string;
  readonly durationDays: number;
  /** People held on an average day: placements per year × duration ÷ 365 (Little's law). */
  readonly heldOnAverageDay: number;
}

export interface YearRates {
  readonly year: number;
  readonly placementsId: string;
  readonly placements: number;
  readonly days: number;
  /** 26,000 in 2023 is 71.2 a day (the seed: 71). */
  readonly perDay: number;
  /** Placements per case filed, where the ledger has the cases filed for the same period. */
  readonly perCaseFiled: number | null;
  readonly casesFiledId: string | null;
  readonly stock: ReadonlyArray<StockEstimate>;
  readonly provenance: Provenance;
}

/**
 * Rates for every year with a nationwide placement figure: per day, per case filed, and the number
 * held on an average day for each average duration the ledger holds (Little's law: L = λ × W).
 */
export function rates(ledger: Ledger): YearRates[] {
  const cases = nationalSeries(ledger, "cases_filed");
  const durations = durationObservations(ledger).sort((a, b) => a.value - b.value);
  return nationalSeries(ledger, "liuzhi_placements").map((o) => {
    const days = daysInclusive(o.period_start, o.period_end);
    const filed = cases.find((c) => c.period_start === o.period_start && c.period_end === o.period_end) ?? null;
    const perYear = (o.value / days) * 365;
    return {
      year: Number(o.period_start.slice(0, 4)),
      placementsId: o.id,
      placements: o.value,
      days,
      perDay: roundTo(o.value / days, ROUNDING.perDay),
      perCaseFiled: filed ? roundTo(o.value / filed.value, ROUNDING.share) : null,
      casesFiledId: filed?.id ?? null,
      stock: durations.map((d) => ({
        durationId: d.id,
        durationDays: d.value,
        heldOnAverageDay: roundTo((perYear * d.value) / 365, ROUNDING.person),
      })),
      provenance: provenance(
        [o.id, ...(filed ? [filed.id] : []), ...durations.map((d) => d.id)],
        [],
        ["per day = placements ÷ days in period", "held on an average day = placements per year × duration ÷ 365"],
      ),
    };
  });
}

export const ratesMethod = defineMethod({
  name: "rates",
  command: "rates",
  path: "/rates",
  summary: "Placements per day and per case filed, and people held on an average day, for each nationwide year",
  examples: ["liuzhi rates", "liuzhi rates --format csv"],
  params: defineParams({}),
  run: (ledger) => rates(ledger),
  manifest: () => ({}),
  body: (years) => ({ years }),
  // One row per year and average duration: the year's figures repeat, so each CSV row stands alone.
  table: (years) => ({
    columns: ["year", "placements", "per_day", "per_case_filed", "avg_duration_days", "held_on_average_day"],
    rows: years.flatMap((y) =>
      y.stock.map((s) => [y.year, y.placements, y.perDay, y.perCaseFiled, s.durationDays, s.heldOnAverageDay]),
    ),
  }),
});
