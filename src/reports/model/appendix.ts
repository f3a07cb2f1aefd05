/** Appendix I: every official placement count in the ledger, with its population share and source. */
import type { Observation } from "../../core/index.ts";
import { ROUNDING, roundTo } from "../../methods/index.ts";
import { col, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

export function appendixSection(ctx: ReportContext): Section {
  const { t, jurisdiction, placeName } = ctx;
  const cn = jurisdiction.get("CN")?.population_m ?? null;
  const coverage = (o: Observation) => {
    if (o.jurisdiction !== "CN") return placeName(o.jurisdiction);
    if (o.scope.startsWith("campaign:")) return t.rows.campaign(o.scope.slice("campaign:".length));
    return t.rows.nationwide;
  };
  const appendixRows = ctx.ledger.observations
    .filter((o) => o.measure === "liuzhi_placements")
    .sort((a, b) => a.id.localeCompare(b.id));
  ctx.use(appendixRows.map((o) => o.id));
  const appendix: Table = {
    id: "appendix-i",
    title: t.tables.appendix,
    columns: [
      col("coverage", t.columns.coverage),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("population_m", t.columns.populationM, true),
      col("population_share", t.columns.populationShare, true),
      col("source", t.columns.source),
    ],
    rows: appendixRows.map((o) => {
      const pop = jurisdiction.get(o.jurisdiction)?.population_m ?? null;
      const s = ctx.sourceById.get(o.source_id);
      return {
        cells: [
          text(coverage(o)),
          text(ctx.periodOf(o)),
          int(o.value),
          pop === null ? { kind: "empty" } : int(pop),
          pop === null || cn === null
            ? { kind: "empty" }
            : { kind: "percent", value: roundTo(pop / cn, ROUNDING.share), digits: 2 },
          text(s?.url ?? ctx.publisher(o.source_id), [o.source_id]),
        ],
      };
    }),
  };
  return { id: "appendix-i", heading: t.headings.appendix, blocks: [para(t.sentences.appendix), table(appendix)] };
}
