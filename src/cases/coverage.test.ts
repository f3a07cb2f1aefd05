import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Observation } from "../core/index.ts";
import { coverage, derivableCells, SUPPRESSION_THRESHOLD, suppress } from "./coverage.ts";

const tables = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) =>
  fc.array(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), { minLength: c, maxLength: c }),
    {
      minLength: r,
      maxLength: r,
    },
  ),
);

describe("small-number suppression", () => {
  it("publishes no cell or total below the threshold", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const { suppressed, values } = suppress(cells);
        for (const [r, row] of values.entries())
          for (const [c, v] of row.entries())
            if (!suppressed[r]![c]) expect(v).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no row or column with exactly one withheld member (its total included)", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const { suppressed } = suppress(cells);
        for (const row of suppressed) expect(row.filter(Boolean).length).not.toBe(1);
        for (let c = 0; c < suppressed[0]!.length; c++) expect(suppressed.filter((row) => row[c]).length).not.toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no published total whose withheld cells add up to less than the threshold (counts are never negative)", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const { suppressed, values } = suppress(cells);
        const R = values.length - 1;
        const C = values[0]!.length - 1;
        const lines = [
          ...values.map((row, r) => ({
            total: suppressed[r]![C]!,
            inner: row.slice(0, C).map((v, c) => [v, suppressed[r]![c]!] as const),
          })),
          ...values[0]!.map((_, c) => ({
            total: suppressed[R]![c]!,
            inner: values.slice(0, R).map((row, r) => [row[c]!, suppressed[r]![c]!] as const),
          })),
        ];
        for (const line of lines) {
          const withheld = line.inner.filter(([, s]) => s);
          if (line.total || withheld.length === 0) continue;
          expect(withheld.reduce((a, [v]) => a + v, 0)).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no withheld value derivable from the published cells and totals (exact linear algebra)", () => {
    fc.assert(
      fc.property(tables, (cells) => {
        expect(derivableCells(suppress(cells).suppressed)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("the derivability check finds a lone withheld cell in a row, and a bridge between two blocks", () => {
    // 2 rows x 2 columns + totals; only (0,0) withheld: its row total gives it away.
    const lone = [
      [true, false, false],
      [false, false, false],
      [false, false, false],
    ];
    expect(derivableCells(lone)).toEqual([[0, 0]]);
    const square = [
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    expect(derivableCells(square)).toEqual([]);
  });
});

describe("coverage", () => {
  const obs = (id: string, jurisdiction: string, start: string, end: string, value: number): Observation =>
    ({
      id,
      measure: "liuzhi_placements",
      jurisdiction,
      period_start: start,
      period_end: end,
      period_label: start.slice(0, 4),
      value,
      scope: "all",
    }) as Observation;

  it("counts per jurisdiction and year, next to the official count, and withholds small cells", () => {
    const cases = [
      ...Array.from({ length: 7 }, () => ({ jurisdiction: "CN-YN", year: 2024 })),
      ...Array.from({ length: 2 }, () => ({ jurisdiction: "CN-YN", year: 2023 })),
      ...Array.from({ length: 9 }, () => ({ jurisdiction: "CN-BJ", year: 2024 })),
      ...Array.from({ length: 6 }, () => ({ jurisdiction: "CN-BJ", year: 2023 })),
    ];
    const result = coverage(cases, [
      obs("o1", "CN-YN", "2024-01-01", "2024-12-31", 900),
      obs("o2", "CN-YN", "2023-03-01", "2024-02-28", 5),
    ]);
    const cell = (j: string, y: string) => result.rows.find((r) => r.jurisdiction === j && r.year === y)!;
    expect(cell("CN-YN", "2023").documented).toBeNull();
    expect(cell("CN-YN", "2024").official?.value).toBe(900);
    expect(cell("CN-YN", "2023").official).toBeNull(); // the period spans two years
    expect(cell("total", "total").documented).toBe(24);
    for (const row of result.rows) if (row.documented !== null) expect(row.documented).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(result)).not.toMatch(/name/);
  });

  it("compares with all-scope official figures only, never a campaign's partial count", () => {
    const result = coverage(
      Array.from({ length: 6 }, () => ({ jurisdiction: "CN", year: 2021 })),
      [{ ...obs("campaign", "CN", "2021-01-01", "2021-12-31", 5006), scope: "campaign:bribery" }],
    );
    expect(result.rows.find((r) => r.jurisdiction === "CN" && r.year === "2021")?.official).toBeNull();
  });
});
