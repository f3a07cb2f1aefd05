/**
 * Since the December 2024 submission: its estimate and today's on the same basis — categories 3
 * and 4 at the ledger's ratio range — both computed by the ratio method, the submission's from the
 * ledger cut at its window (SEED_SUBMISSION.through), so the two are never read across bases.
 */
import { type RatioRow, type RatioTable, ratioTable, SEED_SUBMISSION, seedLedger } from "../../methods/index.ts";
import { formatDate, formatInteger, formatPercent, formatRange } from "../format.ts";
import { col, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

/** The low and high categories 3+4 cells of a row (the range's ends), unrounded totals rounded once by the method. */
function ends(ratio: RatioTable, row: RatioRow | undefined): [number, number] | null {
  if (!row) return null;
  const cells = row.cells.filter((c) => c.base === "cat3_4");
  const low = cells.find((c) => c.ratio === ratio.ratios[0])?.value ?? null;
  const high = cells.find((c) => c.ratio === ratio.ratios[ratio.ratios.length - 1])?.value ?? null;
  return low === null || high === null ? null : [low, high];
}

interface Basis {
  readonly reported: [number, number];
  /** With partial years extended (the Adjusted total); the reported one where every year is whole. */
  readonly extended: [number, number];
  readonly start: string;
  readonly end: string;
  readonly ids: ReadonlyArray<string>;
}

function basis(ctx: ReportContext, ratio: RatioTable): Basis | null {
  const total = ratio.rows.find((r) => r.kind === "total");
  const reported = ends(ratio, total);
  if (!total || !reported) return null;
  const extended =
    ends(
      ratio,
      ratio.rows.find((r) => r.kind === "adjusted-total"),
    ) ?? reported;
  const observations = total.provenance.observations.flatMap((id) => {
    const o = ctx.observation.get(id);
    return o ? [o] : [];
  });
  return {
    reported,
    extended,
    start: observations.map((o) => o.period_start).sort()[0] ?? "",
    end:
      observations
        .map((o) => o.period_end)
        .sort()
        .at(-1) ?? "",
    ids: total.provenance.observations,
  };
}

/** The section, or null when either estimate cannot be made (a ledger without the base figures). */
export function sinceSection(ctx: ReportContext, ratio: RatioTable): Section | null {
  const { t, lang } = ctx;
  const then = basis(ctx, ratioTable(seedLedger(ctx.ledger)));
  const now = basis(ctx, ratio);
  if (!then || !now) return null;
  ctx.use([...then.ids, ...now.ids]);
  const seed = ctx.sourceById.get(SEED_SUBMISSION.sourceId);
  const seedRefs = seed ? [seed.id] : [];
  const date = (iso: string) => formatDate(iso, lang);
  const range = (r: [number, number]) => formatRange(r[0], r[1], formatInteger);
  const ratios = formatRange(ratio.ratios[0]!, ratio.ratios[ratio.ratios.length - 1]!, (r) => formatPercent(r));
  const low = formatPercent(ratio.ratios[0]!);
  const high = formatPercent(ratio.ratios[ratio.ratios.length - 1]!);
  const row = (label: string, b: Basis, refs: ReadonlyArray<string> = []) => ({
    cells: [
      text(label, refs),
      text(date(b.start)),
      text(date(b.end)),
      int(b.reported[0]),
      int(b.reported[1]),
      int(b.extended[0]),
      int(b.extended[1]),
    ],
  });
  const since: Table = {
    id: "since-submission",
    title: t.tables.since,
    columns: [
      col("estimate", t.columns.sinceEstimate),
      // The first and last day apart: each date stays whole on its line, and a spreadsheet reads each.
      col("figures_from", t.columns.sinceFrom),
      col("figures_to", t.columns.sinceTo),
      col("reported_low", `${t.columns.sinceReported}, ${low}`, true),
      col("reported_high", `${t.columns.sinceReported}, ${high}`, true),
      col("extended_low", `${t.columns.sinceExtended}, ${low}`, true),
      col("extended_high", `${t.columns.sinceExtended}, ${high}`, true),
    ].map((c) => (lang === "zh" ? { ...c, label: c.label.replace(", ", "，") } : c)),
    rows: [
      row(
        t.rows.sinceSubmission(
          seed ? ctx.publisher(seed.id) : SEED_SUBMISSION.sourceId,
          date(seed?.published ?? SEED_SUBMISSION.published),
        ),
        then,
        seedRefs,
      ),
      row(t.rows.sinceNow, now),
    ],
  };
  return {
    id: "since-submission",
    heading: t.headings.since,
    blocks: [
      para(
        t.sentences.since({
          submission: range(then.reported),
          through: date(then.end),
          now: range(now.reported),
          nowThrough: date(now.end),
          extended: range(now.extended),
          ratios,
        }),
        seedRefs,
      ),
      table(since),
    ],
  };
}
