/** The floor section: official placement counts since the law took effect, as published and strict. */
import { type FloorResult, LIUZHI_LAW_START } from "../../methods/index.ts";
import { formatDate, formatInteger } from "../format.ts";
import { col, int, para, table, text, unique } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

export function floorSection(ctx: ReportContext, floor: FloorResult): Section {
  const { t, lang, observation, sourceOf, placeName } = ctx;
  const floorIds = unique([...floor.used, ...floor.strictUsed]).sort();
  ctx.use(floorIds);
  const floorTable: Table = {
    id: "floor",
    title: t.tables.floor,
    columns: [
      col("coverage", t.columns.coverage),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("as_published", t.columns.inAsPublished),
      col("strict", t.columns.inStrict),
    ],
    rows: [
      ...floorIds.map((id) => {
        const o = observation.get(id)!;
        return {
          cells: [
            text(placeName(o.jurisdiction)),
            text(ctx.periodOf(o)),
            int(o.value, sourceOf(id)),
            text(floor.used.includes(id) ? t.rows.yes : t.rows.no),
            text(floor.strictUsed.includes(id) ? t.rows.yes : t.rows.no),
          ],
        };
      }),
      {
        strong: true,
        cells: [text(t.rows.total), text(""), { kind: "empty" }, int(floor.asPublished), int(floor.strict)],
      },
    ],
  };
  const allPlacements = ctx.ledger.observations.filter((o) => o.measure === "liuzhi_placements").length;
  return {
    id: "floor",
    heading: t.headings.floor,
    blocks: [
      para(
        t.sentences.floor({
          asPublished: formatInteger(floor.asPublished),
          start: formatDate(LIUZHI_LAW_START, lang),
          used: formatInteger(floor.used.length),
          all: formatInteger(allPlacements),
          strict: formatInteger(floor.strict),
        }),
      ),
      table(floorTable),
    ],
  };
}
