import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annualize, periodName, yearFraction } from "./period.ts";

describe("partial-year annualization", () => {
  it("scales Jan–Sep 2024 by 12/9, as the seed does (105,000 → 140,000)", () => {
    expect(annualize(105000, "2024-01-01", "2024-09-30")).toBe(140000);
  });

  it("leaves a full calendar year unchanged, leap or not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 10_000_000 }), (year, value) => {
        expect(annualize(value, `${year}-01-01`, `${year}-12-31`)).toBe(value);
      }),
    );
  });

  it("counts whole months as months and other periods in days", () => {
    expect(yearFraction("2018-03-01", "2018-12-31")).toBeCloseTo(10 / 12, 12);
    expect(yearFraction("2021-02-27", "2021-07-31")).toBeCloseTo(155 / 365.2425, 12);
  });

  it("names periods as the seed's table does", () => {
    expect(periodName("2018-01-01", "2018-12-31")).toBe("2018");
    expect(periodName("2024-01-01", "2024-09-30")).toBe("2024 (Jan-Sep)");
  });
});
