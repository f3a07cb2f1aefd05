import type { Jurisdiction, Ledger, Scope } from "../core/index.ts";
import { defineMethod } from "./define.ts";
import { defineParams } from "./params.ts";
import { yearFraction } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { placementObservations } from "./select.ts";

export interface Extrapolation {
  readonly id: string;
  readonly jurisdiction: string;
  readonly name: string;
  readonly periodLabel: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly scope: Scope;
  readonly count: number;
  readonly populationM: number;
  /** Where the province's population comes from (sources.id): the seed's Pop. M, or the 2020 census. */
  readonly populationSourceId: string | null;
  readonly nationalPopulationM: number;
  /** The province's share of the national population (47 / 1398 = 0.0336). */
  readonly populationShare: number;
  /** Years the period covers (whole months / 12, else days / 365.2425). */
  readonly years: number;
  /** The count scaled to the nation over the same period, in whole people. */
  readonly nationalEquivalent: number;
  /** The same, to the thousand, as the seed states it ("around 198,000"). */
  readonly nationalEquivalentAround: number;
  /** The national equivalent per year of the period. */
  readonly nationalPerYear: number;
  /**
   * The 90% error factor of any one province scaled to the nation (the national equivalent may be
   * this many times too high or too low), from the spread of the provinces that report the same
   * period; null where no period has three province-wide figures.
   */
  readonly errorFactor90: number | null;
  readonly provenance: Provenance;
}

/**
 * Scales each provincial placement figure to the nation by population share (paragraph 27):
 * national = count × national population / provincial population. Yunnan's 6,657 (47 M of 1,398 M)
 * gives 198,013, "around 198,000". Provinces without a population figure are left out.
 */
export function extrapolations(ledger: Ledger): Extrapolation[] {
  const byCode = new Map<string, Jurisdiction>(ledger.jurisdictions.map((j) => [j.code, j]));
  const nation = byCode.get("CN");
  if (nation?.population_m == null) throw new Error("the ledger has no population figure for CN");
  const nationalPopulationM = nation.population_m;
  const out: Array<Omit<Extrapolation, "errorFactor90">> = [];
  for (const o of placementObservations(ledger)) {
    const j = byCode.get(o.jurisdiction);
    if (j?.level !== "province" || j.population_m == null || j.population_m === 0) continue;
    const national = (o.value * nationalPopulationM) / j.population_m;
    const years = yearFraction(o.period_start, o.period_end);
    out.push({
      id: o.id,
      jurisdiction: o.jurisdiction,
      name: j.name_en,
      periodLabel: o.period_label,
      periodStart: o.period_start,
      periodEnd: o.period_end,
      scope: o.scope,
      count: o.value,
      populationM: j.population_m,
      populationSourceId: j.population_source_id,
      nationalPopulationM,
      populationShare: roundTo(j.population_m / nationalPopulationM, ROUNDING.share),
      years: roundTo(years, 0.01),
      nationalEquivalent: roundTo(national, ROUNDING.person),
      nationalEquivalentAround: roundTo(national, ROUNDING.around),
      nationalPerYear: roundTo(national / years, ROUNDING.person),
      provenance: provenance(
        [o.id],
        [],
        [
          `population of ${j.code} (${j.population_m} M, ${j.population_source_id ?? "no source"}) and CN from jurisdictions`,
          "count × CN / province",
        ],
      ),
    });
  }
  const factor = errorFactor(out);
  return out.map((e) => ({ ...e, errorFactor90: factor }));
}

/**
 * exp(1.645 × sd of log national equivalents) over the largest group of province-wide figures for
 * one and the same period: how far one province scaled to the nation may be from another (seven
 * provinces report March–December 2018: a factor of about 2.6).
 */
function errorFactor(all: ReadonlyArray<Omit<Extrapolation, "errorFactor90">>): number | null {
  const groups = new Map<string, number[]>();
  for (const e of all) {
    if (e.scope !== "all") continue;
    const key = `${e.periodStart}/${e.periodEnd}`;
    groups.set(key, [...(groups.get(key) ?? []), Math.log(e.nationalEquivalent)]);
  }
  const largest = [...groups.values()].sort((a, b) => b.length - a.length)[0];
  if (!largest || largest.length < 3) return null;
  const mean = largest.reduce((a, b) => a + b, 0) / largest.length;
  const sd = Math.sqrt(largest.reduce((a, b) => a + (b - mean) ** 2, 0) / (largest.length - 1));
  return roundTo(Math.exp(1.645 * sd), 0.1);
}

export const extrapolateMethod = defineMethod({
  name: "extrapolate",
  command: "extrapolate",
  path: "/extrapolations",
  summary:
    "Each provincial placement figure scaled to the nation by population share (paragraph 27), with the 90% error factor of one province",
  examples: ["liuzhi extrapolate", "liuzhi extrapolate --format csv"],
  params: defineParams({}),
  run: (ledger) => extrapolations(ledger),
  manifest: () => ({}),
  body: (result) => ({ extrapolations: result }),
  table: (result) => ({
    columns: [
      "id",
      "jurisdiction",
      "period_label",
      "period_start",
      "period_end",
      "scope",
      "count",
      "population_m",
      "population_share",
      "years",
      "national_equivalent",
      "national_equivalent_around",
      "national_per_year",
      "error_factor_90",
    ],
    rows: result.map((e) => [
      e.id,
      e.jurisdiction,
      e.periodLabel,
      e.periodStart,
      e.periodEnd,
      e.scope,
      e.count,
      e.populationM,
      e.populationShare,
      e.years,
      e.nationalEquivalent,
      e.nationalEquivalentAround,
      e.nationalPerYear,
      e.errorFactor90,
    ]),
  }),
});
