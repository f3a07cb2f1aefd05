import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import type { Ledger, Observation } from "../core/index.ts";
import { LIUZHI_LAW_START, mayDoubleCount, officialFloor } from "./floor.ts";
import { seedLedger } from "./seed.ts";

// The seed's figures come from the ledger cut at its September 2024 window (later figures are added since).
const ledger = seedLedger(shippedLedger());

describe("officially reported floor", () => {
  const floor = officialFloor(ledger);

  it("reproduces the seed's 'at least 39,547' and says what it leaves out and why", () => {
    expect(floor.asPublished).toBe(39547);
    const reasons = Object.fromEntries(floor.excluded.map((e) => [e.id, e.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      "appx1-01-cn-bj",
      "appx1-02-cn-sx",
      "appx1-03-cn-zj",
      "appx1-08-cn-yn",
      "appx1-25-cn",
      "appx1-26-cn",
      "appx1-27-cn",
      // Added for issue 21 (not a seed figure): Hangzhou's 2017 pilot placements, left out like the pilots.
      "hangzhou-liuzhi-2017-pilot",
    ]);
    expect(reasons["hangzhou-liuzhi-2017-pilot"]).toMatch(/pilot figure/);
    expect(reasons["appx1-01-cn-bj"]).toMatch(/before liuzhi became law/);
    expect(reasons["appx1-27-cn"]).toMatch(/campaign/);
    expect(reasons["appx1-08-cn-yn"]).toMatch(/inside appx1-22-cn-yn/);
  });

  it("gives a strict floor in which no two figures may count the same placement", () => {
    const used = ledger.observations.filter((o) => floor.strictUsed.includes(o.id));
    for (const a of used) for (const b of used) if (a !== b) expect(mayDoubleCount(a, b)).toBe(false);
    expect(floor.strict).toBe(used.reduce((s, o) => s + o.value, 0));
    // Yunnan's 6,657 (2018–2024) overlaps the nationwide 26,000 of 2023: the strict floor keeps the larger.
    expect(floor.strictUsed).toContain("appx1-28-cn");
    expect(floor.strictUsed).not.toContain("appx1-22-cn-yn");
    expect(floor.strict).toBeLessThan(floor.asPublished);
    expect(floor.strict).toBe(37318);
  });
});

// Random small ledgers: a few provinces and nationwide figures over 2018–2021.
const observationArb = fc.record({
  jurisdiction: fc.constantFrom("CN", "CN-YN", "CN-GZ", "CN-BJ"),
  start: fc.integer({ min: 0, max: 1400 }),
  length: fc.integer({ min: 0, max: 500 }),
  value: fc.integer({ min: 0, max: 5000 }),
});

const day = (n: number) => new Date(Date.UTC(2018, 2, 1) + n * 86_400_000).toISOString().slice(0, 10);

function syntheticLedger(
  rows: ReadonlyArray<{ jurisdiction: string; start: number; length: number; value: number }>,
): Ledger {
  const observations: Observation[] = rows.map((r, i) => ({
    id: `o-${String(i).padStart(2, "0")}`,
    measure: "liuzhi_placements",
    jurisdiction: r.jurisdiction,
    period_start: day(r.start),
    period_end: day(r.start + r.length),
    period_label: "synthetic",
    value: r.value,
    qualifier: "exact",
    printed_precision: 1,
    unit: "people",
    scope: "all",
    derivation: "published",
    source_id: "s",
    locator: null,
    quote: null,
    quote_lang: null,
    quote_en: null,
    note: null,
  }));
  return { ...ledger, observations };
}

/** The optimum by trying every subset: slow, obviously right, for checking the fast algorithm. */
function bruteForce(os: ReadonlyArray<Observation>): number {
  let best = 0;
  for (let mask = 0; mask < 1 << os.length; mask++) {
    const set = os.filter((_, i) => mask & (1 << i));
    if (set.every((a, i) => set.every((b, j) => i >= j || !mayDoubleCount(a, b)))) {
      best = Math.max(
        best,
        set.reduce((s, o) => s + o.value, 0),
      );
    }
  }
  return best;
}

describe("floor invariants", () => {
  it("strict is the true optimum, never exceeds the naive sum, and is never below any single figure", () => {
    fc.assert(
      fc.property(fc.array(observationArb, { minLength: 1, maxLength: 9 }), (rows) => {
        const l = syntheticLedger(rows);
        const floor = officialFloor(l);
        const eligible = l.observations.filter((o) => o.period_start >= LIUZHI_LAW_START);
        const naive = eligible.reduce((s, o) => s + o.value, 0);
        expect(floor.strict).toBeLessThanOrEqual(naive);
        for (const o of eligible) expect(floor.strict).toBeGreaterThanOrEqual(o.value);
        expect(floor.strict).toBe(bruteForce(eligible));
        expect(floor.asPublished).toBeLessThanOrEqual(naive);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a city's figures (CN-YN-530100, Kunming) beside its province's", () => {
  const row = (id: string, jurisdiction: string, start: number, length: number, value: number) => ({
    id,
    jurisdiction,
    start,
    length,
    value,
  });
  const withIds = (rows: ReadonlyArray<ReturnType<typeof row>>): Ledger => {
    const l = syntheticLedger(rows);
    return { ...l, observations: l.observations.map((o, i) => ({ ...o, id: rows[i]!.id })) };
  };

  it("the city is inside its province and overlaps the nation, never a sibling province", () => {
    const [yunnan, kunming, guizhou, nation] = withIds([
      row("yn", "CN-YN", 0, 300, 500),
      row("km", "CN-YN-530100", 100, 50, 80),
      row("gz", "CN-GZ", 100, 50, 70),
      row("cn", "CN", 100, 50, 900),
    ]).observations;
    expect(mayDoubleCount(kunming!, yunnan!)).toBe(true);
    expect(mayDoubleCount(kunming!, nation!)).toBe(true);
    expect(mayDoubleCount(kunming!, guizhou!)).toBe(false);
  });

  it("neither floor adds a city's figure to its province's for the same months", () => {
    const floor = officialFloor(withIds([row("yn", "CN-YN", 0, 300, 500), row("km", "CN-YN-530100", 100, 50, 80)]));
    expect(floor.asPublished).toBe(500);
    expect(floor.excluded.find((e) => e.id === "km")?.reason).toMatch(/inside yn .* of its province CN-YN/);
    expect(floor.strict).toBe(500);
    expect(floor.strictUsed).toEqual(["yn"]);
  });

  it("a city's figure for months its province does not report is counted by both floors", () => {
    const floor = officialFloor(withIds([row("yn", "CN-YN", 0, 90, 500), row("km", "CN-YN-530100", 200, 50, 80)]));
    expect([floor.asPublished, floor.strict]).toEqual([580, 580]);
  });
});
