/** The rates section: placements per day and per case filed, and how many are held on an average day. */
import type { YearRates } from "../../methods/index.ts";
import { formatInteger, formatNumber, formatRange } from "../format.ts";
import { col, dec, int, para, table, text, unique } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Block, Section, Table } from "./types.ts";

export function ratesSection(ctx: ReportContext, rateRows: ReadonlyArray<YearRates>): Section {
  const { t, sourceOf } = ctx;
  const durations = unique(rateRows.flatMap((r) => r.stock.map((s) => s.durationDays))).sort((a, b) => a - b);
  const ratesTable: Table = {
    id: "rates",
    title: t.tables.rates,
    columns: [
      col("year", t.columns.year),
      col("placements", t.columns.placements, true),
      col("per_day", t.columns.perDay, true),
      col("per_case_filed", t.columns.perCaseFiled, true),
      ...durations.map((d) => col(`held_${d}_days`, t.columns.heldAt(formatNumber(d)), true)),
    ],
    rows: rateRows.map((r) => {
      ctx.use(r.provenance.observations);
      return {
        cells: [
          text(String(r.year)),
          int(r.placements, sourceOf(r.placementsId)),
          dec(r.perDay),
          dec(r.perCaseFiled),
          ...durations.map((d) => int(r.stock.find((s) => s.durationDays === d)?.heldOnAverageDay ?? null)),
        ],
      };
    }),
  };
  const rateParagraphs: Block[] = rateRows.flatMap((r) => {
    const out: Block[] = [
      para(
        t.sentences.perDay({
          placements: formatInteger(r.placements),
          year: String(r.year),
          perDay: formatNumber(r.perDay),
          days: formatInteger(r.days),
        }),
        sourceOf(r.placementsId),
      ),
    ];
    if (r.perCaseFiled !== null && r.casesFiledId) {
      const cases = ctx.observation.get(r.casesFiledId)!;
      out.push(
        para(
          t.sentences.perCase({ perCase: formatNumber(r.perCaseFiled), cases: formatInteger(cases.value) }),
          sourceOf(r.casesFiledId),
        ),
      );
    }
    if (r.stock.length > 0) {
      const first = r.stock[0]!;
      const last = r.stock[r.stock.length - 1]!;
      out.push(
        para(
          t.sentences.stock({
            days: formatRange(first.durationDays, last.durationDays),
            held: formatRange(first.heldOnAverageDay, last.heldOnAverageDay),
          }),
          unique(r.stock.flatMap((s) => sourceOf(s.durationId))),
        ),
      );
    }
    return out;
  });
  return { id: "rates", heading: t.headings.rates, blocks: [...rateParagraphs, table(ratesTable)] };
}
