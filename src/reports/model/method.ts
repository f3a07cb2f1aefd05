/** Method and assumptions: the assumptions table, the run parameters and the colophon that states them. */
import { assumptionDescription } from "../../core/index.ts";
import { LIUZHI_LAW_START } from "../../methods/index.ts";
import { formatDate, formatInteger } from "../format.ts";
import { col, dec, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Cell, Section, Table } from "./types.ts";

export function assumptionsTable(ctx: ReportContext): Table {
  const { t } = ctx;
  return {
    id: "assumptions",
    title: t.tables.assumptions,
    columns: [
      col("id", t.columns.id),
      col("description", t.columns.description),
      col("low", t.columns.low, true),
      col("high", t.columns.high, true),
      col("unit", t.columns.unit),
      col("source", t.columns.source),
    ],
    rows: ctx.ledger.assumptions.map((a) => ({
      cells: [
        text(a.id),
        text(assumptionDescription(a, ctx.lang)),
        dec(a.low),
        dec(a.high),
        text(t.rows.assumptionUnit(a.unit)),
        text(ctx.publisher(a.source_id), [a.source_id]),
      ],
    })),
  };
}

/**
 * The options this report was built with (`--date`, `--lang`, `--draws`, `--seed`) and what they
 * fixed: the software, the data date and the start of the floor. The method sentence promises this
 * table, so it is a table of the report like any other and every format prints it.
 */
export function optionsTable(ctx: ReportContext, run: RunParameters): Table {
  const { t } = ctx;
  return {
    id: "options",
    title: t.tables.options,
    columns: [col("option", t.columns.option), col("value", t.columns.value)],
    rows: [
      [t.method.generated, text(run.generated)],
      [t.method.language, text(t.method.languageName)],
      [t.method.software, text(`${t.method.softwareName} ${run.version}`)],
      ...(run.ledgerSha256 ? [[t.method.ledgerSha256, text(run.ledgerSha256)]] : []),
      [t.method.through, text(run.through ? t.method.throughUpTo(run.through) : t.method.throughAll)],
      [t.method.dataDate, text(run.dataDate)],
      [t.method.floorStart, text(LIUZHI_LAW_START)],
      [t.method.draws, int(run.draws)],
      // A seed is an identifier, not a quantity: printed without thousands separators.
      [t.method.seed, text(String(run.seed))],
    ].map(([label, value]) => ({ cells: [text(label as string), value as Cell] })),
  };
}

export function methodSection(ctx: ReportContext, options: Table, assumptions: Table): Section {
  return {
    id: "method",
    heading: ctx.t.headings.method,
    blocks: [para(ctx.t.sentences.method), table(options), table(assumptions)],
  };
}

export interface RunParameters {
  readonly generated: string;
  readonly version: string;
  readonly dataDate: string;
  readonly draws: number;
  readonly seed: number;
  readonly ledgerSha256?: string;
  readonly through?: string;
}

/** The one line that states the generation date, software, data date and Monte Carlo seed. */
export function colophon(ctx: ReportContext, run: RunParameters): string {
  return ctx.t.generated(
    formatDate(run.generated, ctx.lang),
    run.version,
    formatInteger(run.draws),
    String(run.seed),
    formatDate(run.dataDate, ctx.lang),
  );
}
