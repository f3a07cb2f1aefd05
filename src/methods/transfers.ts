/**
 * The third estimate (issue 21): where the ledger has both an official nationwide placement count
 * and a count of people transferred to the procuratorates for the same period, the share of
 * placements that end in a transfer follows; applied to a period where only transfers are
 * published, it gives placements. Assumption: that share holds in the other years; its uncertainty
 * is only the spread of the years known, so with one known year there is none to show.
 */
import { type Ledger, type Measure, type Observation, yearOf } from "../core/index.ts";
import { defineMethod } from "./define.ts";
import { defineParams } from "./params.ts";
import { periodName } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { nationalSeries } from "./select.ts";

/** The transfer series, each counted by its publisher: the SPP (received) and the commissions (sent). */
export const TRANSFER_MEASURES = ["transfers_received", "transfers_sent"] as const satisfies ReadonlyArray<Measure>;

export interface KnownShare {
  readonly year: number;
  readonly period: string;
  readonly transfersId: string;
  readonly placementsId: string;
  readonly transfers: number;
  readonly placements: number;
  /** Transfers ÷ placements. */
  readonly share: number;
  /** This year's placements from the other known years' shares (null with one known year): the check. */
  readonly predictedWithoutIt: { readonly low: number; readonly high: number } | null;
}

export interface TransferEstimate {
  readonly year: number;
  readonly period: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly transfersId: string;
  readonly transfers: number;
  /** Transfers ÷ the mean share of the known years. */
  readonly placements: number;
  /** Transfers ÷ the highest and the lowest share known (equal with one known year). */
  readonly low: number;
  readonly high: number;
  readonly provenance: Provenance;
}

export interface TransferSeries {
  readonly measure: (typeof TRANSFER_MEASURES)[number];
  readonly known: ReadonlyArray<KnownShare>;
  readonly meanShare: number | null;
  readonly shareRange: readonly [number, number] | null;
  /** Years with a transfer figure and no official placement count. */
  readonly estimates: ReadonlyArray<TransferEstimate>;
  /** Why a series gives no estimate (no transfers, or no year with both). */
  readonly note: string | null;
}

export interface TransfersResult {
  readonly assumption: string;
  readonly series: ReadonlyArray<TransferSeries>;
}

const ASSUMPTION =
  "The share of placements that end in a transfer to the procuratorates is the same in the other years as in the years where both are published; its range is only the spread of those years.";

const samePeriod = (a: Observation, b: Observation) =>
  a.period_start === b.period_start && a.period_end === b.period_end;

function seriesEstimate(ledger: Ledger, measure: (typeof TRANSFER_MEASURES)[number]): TransferSeries {
  const transfers = nationalSeries(ledger, measure);
  const official = nationalSeries(ledger, "liuzhi_placements");
  const pairs = transfers.flatMap((t) => {
    const o = official.find((p) => samePeriod(p, t));
    return o ? [{ t, o, share: t.value / o.value }] : [];
  });
  const empty = (note: string): TransferSeries => ({
    measure,
    known: [],
    meanShare: null,
    shareRange: null,
    estimates: [],
    note,
  });
  if (transfers.length === 0) return empty(`the ledger has no ${measure} figure`);
  if (pairs.length === 0) return empty(`no period has both ${measure} and an official placement count`);
  const shares = pairs.map((p) => p.share);
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  const known: KnownShare[] = pairs.map(({ t, o, share }, i) => {
    const others = shares.filter((_, j) => j !== i);
    return {
      year: yearOf(t.period_start),
      period: periodName(t.period_start, t.period_end),
      transfersId: t.id,
      placementsId: o.id,
      transfers: t.value,
      placements: o.value,
      share: roundTo(share, ROUNDING.share),
      predictedWithoutIt:
        others.length === 0
          ? null
          : {
              low: roundTo(t.value / Math.max(...others), ROUNDING.estimate),
              high: roundTo(t.value / Math.min(...others), ROUNDING.estimate),
            },
    };
  });
  const estimates = transfers
    .filter((t) => !official.some((o) => yearOf(o.period_start) === yearOf(t.period_start)))
    .map((t) => ({
      year: yearOf(t.period_start),
      period: periodName(t.period_start, t.period_end),
      periodStart: t.period_start,
      periodEnd: t.period_end,
      transfersId: t.id,
      transfers: t.value,
      placements: roundTo(t.value / mean, ROUNDING.estimate),
      low: roundTo(t.value / high, ROUNDING.estimate),
      high: roundTo(t.value / low, ROUNDING.estimate),
      provenance: provenance(
        [t.id, ...pairs.flatMap((p) => [p.t.id, p.o.id])],
        [],
        ["share = transfers ÷ placements in the years with both", "placements = transfers ÷ share"],
      ),
    }));
  return {
    measure,
    known,
    meanShare: roundTo(mean, ROUNDING.share),
    shareRange: [roundTo(low, ROUNDING.share), roundTo(high, ROUNDING.share)],
    estimates,
    note: pairs.length === 1 ? "one year with both: its share is used as it is, with no spread to show" : null,
  };
}

/** The transfers-based estimate for each transfer series the ledger holds. */
export function transferEstimates(ledger: Ledger): TransfersResult {
  return { assumption: ASSUMPTION, series: TRANSFER_MEASURES.map((m) => seriesEstimate(ledger, m)) };
}

export const transfersMethod = defineMethod({
  name: "transfers",
  command: "transfers",
  path: "/transfers",
  summary: "Placements from the people transferred to the procuratorates, by the share known where both are published",
  description: `${ASSUMPTION} See docs/methods.md.`,
  examples: ["liuzhi transfers", "liuzhi transfers --format json"],
  params: defineParams({}),
  run: (ledger) => transferEstimates(ledger),
  manifest: () => ({}),
  body: (result) => result,
  table: (result) => ({
    columns: ["series", "period", "transfers", "official_placements", "share", "placements", "low", "high"],
    rows: result.series.flatMap((s) => [
      ...s.known.map((k) => [s.measure, k.period, k.transfers, k.placements, k.share, null, null, null]),
      ...s.estimates.map((e) => [s.measure, e.period, e.transfers, null, null, e.placements, e.low, e.high]),
    ]),
  }),
  text: {
    before: (result) =>
      `${result.assumption}\n${result.series
        .filter((s) => s.note)
        .map((s) => `${s.measure}: ${s.note}\n`)
        .join("")}\n`,
  },
});
