import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import type { Ledger, Measure, Observation } from "../core/index.ts";
import { transferEstimates } from "./transfers.ts";
import { triangulate } from "./triangulate.ts";

const shipped = shippedLedger();
const template = shipped.observations.find((o) => o.id === "punished-cat3-4-2018")!;
const transfer = (measure: Measure, year: number, value: number, end = `${year}-12-31`): Observation => ({
  ...template,
  id: `${measure}-${year}`,
  measure,
  period_start: `${year}-01-01`,
  period_end: end,
  value,
  unit: "people",
});
// Test figures, not the published ones: round numbers whose shares are easy to check by hand.
// The shipped ledger's own transfers rows left out: these test figures stand alone.
const ledger: Ledger = {
  ...shipped,
  observations: [
    ...shipped.observations.filter((o) => !o.measure.startsWith("transfers_")),
    transfer("transfers_received", 2019, 20_000),
    transfer("transfers_received", 2023, 19_500), // 26,000 placements: share 0.75
    transfer("transfers_received", 2024, 30_400), // 38,000 placements: share 0.8
    transfer("transfers_received", 2025, 15_500, "2025-06-30"),
  ],
};

describe("the transfers-based estimate", () => {
  it("takes the share from the years with both and applies it to the years with transfers only", () => {
    const received = transferEstimates(ledger).series.find((s) => s.measure === "transfers_received")!;
    expect(received.known.map((k) => [k.year, k.share])).toEqual([
      [2023, 0.75],
      [2024, 0.8],
    ]);
    expect(received.meanShare).toBe(0.775);
    expect(received.shareRange).toEqual([0.75, 0.8]);
    const y2019 = received.estimates.find((e) => e.year === 2019)!;
    // 20,000 ÷ 0.775 = 25,806; ÷ 0.8 = 25,000; ÷ 0.75 = 26,667 (to the hundred).
    expect([y2019.placements, y2019.low, y2019.high]).toEqual([25_800, 25_000, 26_700]);
    // A half year gives the half year's placements: nothing is annualized.
    expect(received.estimates.find((e) => e.year === 2025)).toMatchObject({
      period: "2025 (Jan-Jun)",
      placements: 20_000,
    });
    // Each known year predicted from the other's share: 2023's 19,500 ÷ 0.8 = 24,400.
    expect(received.known[0]!.predictedWithoutIt).toEqual({ low: 24_400, high: 24_400 });
  });

  it("says why a series gives nothing: no figure, or no year with both", () => {
    const none: Ledger = {
      ...shipped,
      observations: shipped.observations.filter((o) => !o.measure.startsWith("transfers")),
    };
    expect(transferEstimates(none).series.map((s) => [s.measure, s.estimates.length, s.note])).toEqual([
      ["transfers_received", 0, "the ledger has no transfers_received figure"],
      ["transfers_sent", 0, "the ledger has no transfers_sent figure"],
    ]);
    const onlyEarly: Ledger = {
      ...shipped,
      observations: [...shipped.observations, transfer("transfers_sent", 2019, 9000)],
    };
    const sent = transferEstimates(onlyEarly).series.find((s) => s.measure === "transfers_sent")!;
    expect(sent.note).toMatch(/no period has both transfers_sent and an official placement count/);
  });
});

describe("triangulation", () => {
  it("shows the transfers-based estimate beside the ratio band, in the years it covers", () => {
    const tri = triangulate(ledger);
    const y2019 = tri.years.find((y) => y.year === 2019)!;
    expect(y2019.transfers).toEqual([
      { measure: "transfers_received", id: "transfers_received-2019", placements: 25_800, low: 25_000, high: 26_700 },
    ]);
    expect(y2019.ratioBand.cat3_4).toBeDefined();
    expect(tri.years.find((y) => y.year === 2023)!.transfers).toEqual([]);
  });

  it("gives a provincial figure as a year's figure only where it lies within that year; spans are listed apart", () => {
    const tri = triangulate(shipped);
    const ids = (year: number) => tri.years.find((y) => y.year === year)!.extrapolations.map((e) => e.id);
    expect(ids(2018)).toContain("appx1-08-cn-yn");
    for (const year of [2018, 2019, 2020, 2021, 2022, 2023, 2024]) expect(ids(year)).not.toContain("appx1-22-cn-yn");
    expect(tri.spans.map((s) => s.id)).toContain("appx1-22-cn-yn");
    expect(tri.spans.map((s) => s.id)).not.toContain("appx1-08-cn-yn");
  });
});
