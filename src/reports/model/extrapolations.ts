/** The extrapolations section: provincial counts scaled to the national population, and the provinces chart. */
import type { Extrapolation, YearRates } from "../../methods/index.ts";
import { formatDate, formatInteger, formatNumber } from "../format.ts";
import { col, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { ProvincesChart, Section, Table } from "./types.ts";

export function extrapolationsSection(
  ctx: ReportContext,
  extra: ReadonlyArray<Extrapolation>,
  rateRows: ReadonlyArray<YearRates>,
): Section {
  const { t, lang, sourceOf, placeName } = ctx;
  ctx.use(extra.map((e) => e.id));
  const period = (e: Extrapolation) => {
    const o = ctx.observation.get(e.id);
    return o ? ctx.periodOf(o) : ctx.period(e.periodLabel);
  };
  const extrapolationTable: Table = {
    id: "extrapolations",
    title: t.tables.extrapolations,
    columns: [
      col("province", t.columns.province),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("population_m", t.columns.populationM, true),
      col("population_share", t.columns.populationShare, true),
      col("national_equivalent", t.columns.nationalEquivalent, true),
      col("around", t.columns.around, true),
      col("per_year", t.columns.perYear, true),
    ],
    rows: extra.map((e) => ({
      cells: [
        text(placeName(e.jurisdiction)),
        text(period(e)),
        int(e.count, sourceOf(e.id)),
        int(e.populationM),
        { kind: "percent", value: e.populationShare, digits: 2 },
        int(e.nationalEquivalent),
        int(e.nationalEquivalentAround),
        int(e.nationalPerYear),
      ],
    })),
  };
  const largest = [...extra].sort((a, b) => b.nationalEquivalent - a.nationalEquivalent || a.id.localeCompare(b.id))[0];
  const chartIds = [...extra.map((e) => e.id), ...rateRows.map((r) => r.placementsId)];
  const provinces: ProvincesChart = {
    id: "provinces",
    lang,
    ...t.charts.provinces,
    source: t.charts.source(ctx.publishersOf(chartIds)),
    dataDate: t.charts.dataDate(formatDate(ctx.latest(chartIds), lang)),
    bars: extra.map((e) => ({
      label: `${placeName(e.jurisdiction)}${lang === "zh" ? "，" : ", "}${period(e)}`,
      value: e.nationalPerYear,
    })),
    official: rateRows.map((r) => ({ label: t.charts.officialInYear(String(r.year)), value: r.placements })),
  };
  return {
    id: "extrapolations",
    heading: t.headings.extrapolations,
    blocks: [
      ...(largest
        ? [
            para(
              t.sentences.extrapolation({
                name: placeName(largest.jurisdiction),
                count: formatInteger(largest.count),
                period: period(largest),
                population: formatNumber(largest.populationM),
                national: formatInteger(largest.nationalEquivalent),
                around: formatInteger(largest.nationalEquivalentAround),
              }),
              sourceOf(largest.id),
            ),
          ]
        : []),
      table(extrapolationTable),
      { kind: "chart", chart: provinces },
    ],
  };
}
