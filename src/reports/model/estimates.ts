/** The estimates section: the ratio sentence, the table after paragraph 25 and the yearly chart. */
import { type RatioTable, roundTo, type Triangulation, yearFraction } from "../../methods/index.ts";
import { formatDate, formatNumber, formatPercent } from "../format.ts";
import { col, int, para, table, text, unique } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table, YearlyChart } from "./types.ts";

export function estimatesSection(
  ctx: ReportContext,
  ratio: RatioTable,
  tri: Triangulation,
  ratioRefs: ReadonlyArray<string>,
): Section {
  const { t, lang, observation, sourceOf, use } = ctx;
  const periodLabel = (row: (typeof ratio.rows)[number]) =>
    row.kind === "total"
      ? t.rows.total
      : row.kind === "adjusted-total"
        ? t.rows.adjustedTotal
        : row.kind === "extrapolation"
          ? t.rows.extrapolation(row.period.slice(0, 4))
          : ctx.period(row.period);
  const estimates: Table = {
    id: "estimates",
    title: t.tables.estimates,
    columns: [
      col("period", t.columns.period),
      col("punished_cat3_4", t.columns.punishedCat34, true),
      ...ratio.rows[0]!.cells.map((c) => col(c.column, t.columns.estimate(c.base, formatPercent(c.ratio)), true)),
    ],
    rows: ratio.rows.map((row) => {
      const ids = row.kind === "year" ? row.provenance.observations : [];
      use(row.provenance.observations);
      const byMeasure = (measure: string) =>
        unique(ids.filter((id) => observation.get(id)?.measure === measure).flatMap(sourceOf));
      const cat34Refs = byMeasure("punished_cat3_4");
      const cat4Refs = byMeasure("punished_cat4");
      // Only the first cat4 cell of a row cites the cat4 source.
      let cat4Cited = false;
      return {
        strong: row.kind === "total" || row.kind === "adjusted-total",
        cells: [
          text(periodLabel(row)),
          int(row.punishedCat3_4, cat34Refs),
          ...row.cells.map((c) => {
            const refs = c.base === "cat4" && !cat4Cited ? cat4Refs : [];
            if (c.base === "cat4") cat4Cited = true;
            return int(c.value, refs);
          }),
        ],
      };
    }),
  };

  const partial = ratio.rows.find((r) => r.kind === "extrapolation");
  const partialObs = partial ? observation.get(partial.provenance.observations[0] ?? "") : undefined;
  const months = partialObs ? roundTo(yearFraction(partialObs.period_start, partialObs.period_end) * 12, 0.01) : 12;
  const factor = Number.isInteger(months) ? `× 12 ÷ ${months}` : `× 12 ÷ ${formatNumber(months)}`;

  const yearIds = tri.years.flatMap((y) => y.provenance.observations);
  // The years whose band is a partial year extended to a full one, marked on the axis and under the chart.
  const extendedYears = ratio.rows.filter((r) => r.kind === "extrapolation").map((r) => Number(r.period.slice(0, 4)));
  const shownExtended = extendedYears.filter((year) => tri.years.some((y) => y.year === year));
  const yearly: YearlyChart = {
    id: "yearly",
    lang,
    ...t.charts.yearly,
    source: t.charts.source(ctx.publishersOf(yearIds)),
    dataDate: t.charts.dataDate(formatDate(ctx.latest(yearIds), lang)),
    bands: tri.years.flatMap((y) =>
      (["cat3_4", "cat4"] as const).flatMap((base) => {
        const b = y.ratioBand[base];
        const series = t.charts.band(t.columns.estimate(base, "").trim());
        return b ? [{ series, year: y.year, low: b.low, high: b.high }] : [];
      }),
    ),
    official: tri.years.flatMap((y) =>
      y.official ? [{ series: t.charts.official, year: y.year, value: y.official.value }] : [],
    ),
    ticks: tri.years.map((y) => ({
      year: y.year,
      label: shownExtended.includes(y.year) ? t.charts.extendedYear(String(y.year)) : String(y.year),
    })),
    ...(shownExtended.length > 0
      ? { note: t.charts.extendedNote(shownExtended.join(lang === "zh" ? "、" : ", "), factor) }
      : {}),
  };

  return {
    id: "estimates",
    heading: t.headings.estimates,
    blocks: [
      // What the CCDI counts comes first: every estimate below is of person-times.
      para(t.sentences.personTimes),
      para(
        t.sentences.ratio({
          low: formatPercent(ratio.ratios[0]!),
          high: formatPercent(ratio.ratios[ratio.ratios.length - 1]!),
          factor,
        }),
        ratioRefs,
      ),
      table(estimates),
      { kind: "chart", chart: yearly },
    ],
  };
}
