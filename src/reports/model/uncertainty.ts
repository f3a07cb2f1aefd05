/** The uncertainty section: the Monte Carlo interval, its table and chart, and the sensitivity table. */
import type { FloorResult, RatioTable, SensitivityResult, UncertaintyResult } from "../../methods/index.ts";
import { formatDate, formatInteger, formatRange } from "../format.ts";
import { col, dec, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { CumulativeChart, Row, Section, Table } from "./types.ts";

export interface UncertaintyInput {
  readonly ratio: RatioTable;
  readonly floor: FloorResult;
  readonly mc: UncertaintyResult;
  readonly sens: SensitivityResult;
  readonly draws: number;
  readonly seed: number;
  readonly ratioRefs: ReadonlyArray<string>;
}

export function uncertaintySection(ctx: ReportContext, input: UncertaintyInput): Section {
  const { t, lang } = ctx;
  // A range's end is a number where the method gives one (0.1, 42.5): stored as a number, not as text.
  const endCell = (value: string) =>
    /^-?\d+(\.\d+)?$/.test(value) ? dec(Number(value)) : text(t.rows.sensitivityValue(value));
  const { ratio, floor, mc, sens, draws, seed, ratioRefs } = input;
  const interval = (label: string, i: { median: number; p05: number; p95: number }, strong = false): Row => ({
    strong,
    cells: [text(label), int(i.median), int(i.p05), int(i.p95)],
  });
  ctx.use(mc.provenance.observations);
  const uncertaintyTable: Table = {
    id: "uncertainty",
    title: t.tables.uncertainty,
    columns: [
      col("estimate", t.columns.measure),
      col("median", t.columns.median, true),
      col("p05", t.columns.p05, true),
      col("p95", t.columns.p95, true),
    ],
    rows: [
      ...mc.years.map((y) => interval(ctx.period(y.period), y)),
      interval(t.rows.cumulative, mc.cumulative, true),
      interval(t.rows.adjustedCumulative, mc.adjustedCumulative, true),
      interval(t.rows.heldOnAverageDay(ctx.period(mc.heldOnAverageDay.period)), mc.heldOnAverageDay),
    ],
  };
  const sensitivityTable: Table = {
    id: "sensitivity",
    title: t.tables.sensitivity,
    columns: [
      col("input", t.columns.input),
      col("low", t.columns.low),
      col("high", t.columns.high),
      col("total_at_low", t.columns.totalAtLow, true),
      col("total_at_high", t.columns.totalAtHigh, true),
      col("swing", t.columns.swing, true),
    ],
    rows: sens.rows.map((r) => ({
      cells: [
        text(t.rows.sensitivityInput(r.input)),
        endCell(r.low),
        endCell(r.high),
        int(r.totalAtLow),
        int(r.totalAtHigh),
        int(r.totalSwing),
      ],
    })),
  };
  const inputs = mc.inputs;
  let cumulativeLow = 0;
  let cumulativeHigh = 0;
  const yearRows = ratio.rows.filter((r) => r.kind === "year");
  const lowColumn = ratio.columns.indexOf(`cat3_4_${ratio.columns[0]!.split("_").pop()}`);
  const highColumn = ratio.columns.length - 1;
  const cumulative: CumulativeChart = {
    id: "cumulative",
    lang,
    ...t.charts.cumulative,
    source: t.charts.source(ctx.publishersOf(mc.provenance.observations)),
    dataDate: t.charts.dataDate(formatDate(ctx.latest(yearRows.flatMap((r) => r.provenance.observations)), lang)),
    band: yearRows.map((r) => {
      cumulativeLow += r.cells[lowColumn]?.value ?? 0;
      cumulativeHigh += r.cells[highColumn]?.value ?? 0;
      return {
        series: t.charts.band(t.columns.estimate("cat3_4", "").trim()),
        year: Number(r.period.slice(0, 4)),
        low: cumulativeLow,
        high: cumulativeHigh,
      };
    }),
    interval: {
      series: t.charts.both(t.charts.median, t.charts.interval),
      year: Number(yearRows[yearRows.length - 1]?.period.slice(0, 4) ?? 0),
      ...mc.cumulative,
    },
    floor: { series: t.charts.floor, value: floor.asPublished },
    // A partial year is counted over its reported months here: its tick says which.
    ticks: yearRows.map((r) => {
      const year = Number(r.period.slice(0, 4));
      return { year, label: r.period === String(year) ? String(year) : t.charts.partialYear(ctx.period(r.period)) };
    }),
  };
  return {
    id: "uncertainty",
    heading: t.headings.uncertainty,
    blocks: [
      para(
        t.sentences.monteCarlo({
          draws: formatInteger(draws),
          seed: String(seed),
          ratio: formatRange(inputs.ratio[0], inputs.ratio[1]),
          base: t.sentences.bases[inputs.base],
          spread: formatRange(1 - inputs.annualizationSpread, 1 + inputs.annualizationSpread),
          duration: formatRange(inputs.duration[0], inputs.duration[1]),
        }),
        ratioRefs,
      ),
      para(
        t.sentences.monteCarloResult({
          median: formatInteger(mc.cumulative.median),
          total: formatRange(mc.cumulative.p05, mc.cumulative.p95),
          adjusted: formatRange(mc.adjustedCumulative.p05, mc.adjustedCumulative.p95),
        }),
      ),
      table(uncertaintyTable),
      { kind: "chart", chart: cumulative },
      ...(sens.rows[0] ? [para(t.sentences.sensitivity({ input: t.rows.sensitivityInput(sens.rows[0].input) }))] : []),
      table(sensitivityTable),
    ],
  };
}
