import { type Ledger, yearOf } from "../core/index.ts";
import { defineMethod } from "./define.ts";
import { type Extrapolation, extrapolations } from "./extrapolate.ts";
import { defineParams } from "./params.ts";
import { annualize } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { BASES, type Base } from "./ratio.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { nationalSeries, ratioAssumption } from "./select.ts";

interface Band {
  readonly low: number;
  readonly high: number;
}

export interface YearTriangulation {
  readonly year: number;
  /** The ratio method's range for the year, per base, on the full-year base (partial years annualized). */
  readonly ratioBand: Readonly<Partial<Record<Base, Band>>>;
  /** Provincial figures whose period covers part of the year, as national placements per year. */
  readonly extrapolations: ReadonlyArray<{
    readonly id: string;
    readonly jurisdiction: string;
    readonly nationalPerYear: number;
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
  options: { readonly annualize?: boolean } = {},
): Triangulation {
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
  for (const e of provincial) {
    for (let y = yearOf(e.periodStart); y <= yearOf(e.periodEnd); y++) years.add(y);
  }

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
        const within = provincial.filter((e) => yearOf(e.periodStart) <= year && year <= yearOf(e.periodEnd));
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
          })),
          official: off ? { id: off.id, value: off.value } : null,
          implied,
          position,
          provenance: provenance(ids, [assumption.id]),
        };
      }),
  };
}

export const triangulateMethod = defineMethod({
  name: "triangulate",
  command: "triangulate",
  path: "/triangulate",
  summary: "Every estimate the ledger supports for each year, side by side, and where official figures fall",
  examples: ["liuzhi triangulate", "liuzhi triangulate --format json"],
  params: defineParams({}),
  run: (ledger) => triangulate(ledger),
  manifest: () => ({}),
  body: (result) => result,
  table: (result) => ({
    columns: [
      "year",
      "cat4_low",
      "cat4_high",
      "cat3_4_low",
      "cat3_4_high",
      "provincial_per_year",
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
      y.extrapolations.map((e) => `${e.jurisdiction} ${e.nationalPerYear}`).join("; ") || null,
      y.official?.value ?? null,
      y.implied?.cat4 ?? null,
      y.implied?.cat3_4 ?? null,
    ]),
  }),
});
