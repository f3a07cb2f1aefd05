/** The current estimate: `liuzhi model` at its defaults, each year and the total, its held-out checks and left-out runs. */
import type { ModelResult } from "../../methods/index.ts";
import { formatDate, formatInteger, formatRange } from "../format.ts";
import { col, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

export function currentEstimateSection(ctx: ReportContext, m: ModelResult): Section {
  const { t, lang } = ctx;
  ctx.use(m.provenance.observations);
  const span = (from: string, to: string) => `${formatDate(from, lang)} – ${formatDate(to, lang)}`;
  const interval = (i: { p05: number; p95: number }) => formatRange(i.p05, i.p95, formatInteger);
  const modelTable: Table = {
    id: "model",
    title: t.model.table,
    columns: [
      col("year", t.columns.year),
      col("counted", t.model.counted),
      col("median", t.columns.median, true),
      col("p05", t.columns.p05, true),
      col("p95", t.columns.p95, true),
      col("official", t.model.official, true),
    ],
    rows: [
      ...m.years.map((y) => ({
        cells: [
          text(String(y.year)),
          text(span(y.from, y.to)),
          int(y.median),
          int(y.p05),
          int(y.p95),
          y.official === null ? { kind: "empty" as const } : int(y.official),
        ],
      })),
      {
        strong: true,
        cells: [
          text(t.model.total),
          text(span(m.total.from, m.total.to)),
          int(m.total.median),
          int(m.total.p05),
          int(m.total.p95),
          { kind: "empty" as const },
        ],
      },
    ],
  };
  return {
    id: "model",
    heading: t.model.heading,
    blocks: [
      para(
        t.model.sentence({
          draws: formatInteger(m.draws),
          seed: String(m.seed),
          from: formatDate(m.total.from, lang),
          to: formatDate(m.total.to, lang),
          median: formatInteger(m.total.median),
          interval: interval(m.total),
        }),
      ),
      table(modelTable),
      ...m.heldOut.map((h) =>
        para(
          t.model.heldOut({
            year: String(h.year),
            official: formatInteger(h.official),
            median: formatInteger(h.predicted.median),
            interval: interval(h.predicted),
            covered: h.covered,
          }),
        ),
      ),
      para(
        t.model.leftOut({
          estimators: m.leaveOneOut
            .map((l) => `${t.model.estimator(l.estimator)} ${formatInteger(l.total.median)} (${interval(l.total)})`)
            .join(lang === "zh" ? "；" : "; "),
        }),
      ),
      para(t.model.limits),
    ],
  };
}
