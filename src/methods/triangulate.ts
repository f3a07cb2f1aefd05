import { type Ledger, yearOf } from "../core/index.ts";
import { defineMethod } from "./define.ts";
import { type Extrapolation, extrapolations } from "./extrapolate.ts";
import { defineParams } from "./params.ts";
import { annualize } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { BASES, type Base } from "./ratio.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { nationalSeries, ratioAssumption } from "./select.ts";
import { type TransfersResult, transferEstimates } from "./transfers.ts";

interface Band {
  readonly low: number;
  readonly high: number;
}

export interface YearTriangulation {
  readonly year: number;
  /** The ratio method's range for the year, per base, on the full-year base (partial years annualized). */
  readonly ratioBand: Readonly<Partial<Record<Base, Band>>>;
  /**
   * Provincial figures whose period lies within the year, as national placements per year. A figure
   * spanning several years gives no figure for any one of them: it is in `spans`.
   */
  readonly extrapolations: ReadonlyArray<{
    readonly id: string;
    readonly jurisdiction: string;
    readonly nationalPerYear: number;
    /** One province scaled to the nation may be this many times too high or too low (90%). */
    readonly errorFactor90: number | null;
  }>;
  /** The transfers-based estimate (issue 21), where a transfer figure covers the year and no official count does. */
  readonly transfers: ReadonlyArray<{
    readonly measure: string;
    readonly id: string;
    readonly placements: number;
    readonly low: number;
    readonly high: number;
  }>;
  /** The official nationwide placement figure for the year, where one exists. */
  readonly official: { readonly id: string; readonly value: number } | null;
  /** For an official figure: the ratio of each base it implies, and where it falls in the band. */
  readonly implied: Readonly<Partial<Record<Base, number>>> | null;
  readonly position: Readonly<Partial<Record<Base, "below" | "within" | "above">>> | null;
  readonly provenance: Provenance;
}

export interface Triangulation {
  readonly ratios: readonly [number, number];
  readonly years: ReadonlyArray<YearTriangulation>;
  /** Provincial figures spanning more than one calendar year: an average over their span, no year's figure. */
  readonly spans: ReadonlyArray<{
    readonly id: string;
    readonly jurisdiction: string;
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly nationalPerYear: number;
  }>;
}

/**
 * Every estimate the ledger supports for each year, side by side: the ratio band, provincial
 * extrapolations, and the official nationwide figure; where an official figure exists, the ratio
 * it implies for each base (a partial year's base annualized first) and whether it lies in the band.
 * `provincial` is `extrapolations(ledger)`, for a caller that already holds them (the dashboard
 * recomputes the triangulation on every what-if change; the extrapolations never change with it).
 */
export function triangulate(
  ledger: Ledger,
  provincial: ReadonlyArray<Extrapolation> = extrapolations(ledger),
  options: { readonly annualize?: boolean; readonly transfers?: TransfersResult } = {},
): Triangulation {
  const transfers = options.transfers ?? transferEstimates(ledger);
  const oneYear = (e: Extrapolation) => yearOf(e.periodStart) === yearOf(e.periodEnd);
  // With annualize false the bands show each partial year over its reported months only; the
  // implied ratio and the position of an official figure still compare full years.
  const annualizeBands = options.annualize ?? true;
  const assumption = ratioAssumption(ledger);
  const ratios = [assumption.low, assumption.high] as const;
  const series = {
    cat3_4: nationalSeries(ledger, "punished_cat3_4"),
    cat4: nationalSeries(ledger, "punished_cat4"),
  } satisfies Record<Base, unknown>;
  const official = nationalSeries(ledger, "liuzhi_placements");

  const years = new Set<number>();
  for (const o of [...series.cat3_4, ...official]) years.add(yearOf(o.period_start));
  for (const e of provincial) if (oneYear(e)) years.add(yearOf(e.periodStart));
  for (const t of transfers.series.flatMap((s) => s.estimates)) years.add(t.year);

  return {
    ratios,
    years: [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const ids: string[] = [];
        const band: Partial<Record<Base, Band>> = {};
        const fullBase: Partial<Record<Base, number>> = {};
        for (const base of BASES) {
          const o = series[base].find((s) => yearOf(s.period_start) === year);
          if (!o) continue;
          ids.push(o.id);
          const full = annualize(o.value, o.period_start, o.period_end);
          fullBase[base] = full;
          const shown = annualizeBands ? full : o.value;
          band[base] = {
            low: roundTo(shown * ratios[0], ROUNDING.estimate),
            high: roundTo(shown * ratios[1], ROUNDING.estimate),
          };
        }
        const within = provincial.filter((e) => oneYear(e) && yearOf(e.periodStart) === year);
        const fromTransfers = transfers.series.flatMap((s) =>
          s.estimates
            .filter((t) => t.year === year)
            .map((t) => ({
              measure: s.measure,
              id: t.transfersId,
              placements: t.placements,
              low: t.low,
              high: t.high,
            })),
        );
        ids.push(...fromTransfers.map((t) => t.id));
        ids.push(...within.map((e) => e.id));
        const off = official.find((o) => yearOf(o.period_start) === year) ?? null;
        let implied: Partial<Record<Base, number>> | null = null;
        let position: Partial<Record<Base, "below" | "within" | "above">> | null = null;
        if (off) {
          ids.push(off.id);
          const value = annualize(off.value, off.period_start, off.period_end);
          implied = {};
          position = {};
          for (const base of BASES) {
            const b = fullBase[base];
            if (b === undefined) continue;
            implied[base] = roundTo(value / b, ROUNDING.share);
            const low = roundTo(b * ratios[0], ROUNDING.estimate);
            const high = roundTo(b * ratios[1], ROUNDING.estimate);
            position[base] = value < low ? "below" : value > high ? "above" : "within";
          }
        }
        return {
          year,
          ratioBand: band,
          extrapolations: within.map((e) => ({
            id: e.id,
            jurisdiction: e.jurisdiction,
            nationalPerYear: e.nationalPerYear,
            errorFactor90: e.errorFactor90,
          })),
          transfers: fromTransfers,
          official: off ? { id: off.id, value: off.value } : null,
          implied,
          position,
          provenance: provenance(ids, [assumption.id]),
        };
      }),
    spans: provincial
      .filter((e) => !oneYear(e))
      .map((e) => ({
        id: e.id,
        jurisdiction: e.jurisdiction,
        periodStart: e.periodStart,
        periodEnd: e.periodEnd,
        nationalPerYear: e.nationalPerYear,
      })),
  };
}

export const triangulateMethod = defineMethod({
  name: "triangulate",
  command: "triangulate",
  path: "/triangulate",
  summary:
    "Every estimate the ledger supports for each year, side by side (ratio band, one-year provincial figures, transfers-based), and where official figures fall",
  examples: ["liuzhi triangulate", "liuzhi triangulate --format json"],
  params: defineParams({}),
  run: (ledger) => triangulate(ledger),
  manifest: () => ({}),
  body: (result) => result,
  text: {
    after: (result) =>
      result.spans.length === 0
        ? []
        : [
            {
              title: "Provincial figures spanning several years (an average over the span, not any one year's figure):",
              table: {
                columns: ["id", "jurisdiction", "from", "to", "national_per_year"],
                rows: result.spans.map((s) => [s.id, s.jurisdiction, s.periodStart, s.periodEnd, s.nationalPerYear]),
              },
            },
          ],
  },
  table: (result) => ({
    columns: [
      "year",
      "cat4_low",
      "cat4_high",
      "cat3_4_low",
      "cat3_4_high",
      "provincial_per_year",
      "transfers_based",
      "official",
      "implied_ratio_cat4",
      "implied_ratio_cat3_4",
    ],
    rows: result.years.map((y) => [
      y.year,
      y.ratioBand.cat4?.low ?? null,
      y.ratioBand.cat4?.high ?? null,
      y.ratioBand.cat3_4?.low ?? null,
      y.ratioBand.cat3_4?.high ?? null,
      y.extrapolations
        .map((e) => `${e.jurisdiction} ${e.nationalPerYear}${e.errorFactor90 ? ` (×÷${e.errorFactor90})` : ""}`)
        .join("; ") || null,
      y.transfers.map((t) => `${t.placements} (${t.low}–${t.high}, ${t.measure})`).join("; ") || null,
      y.official?.value ?? null,
      y.implied?.cat4 ?? null,
      y.implied?.cat3_4 ?? null,
    ]),
  }),
});
