import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatParam, InvalidOption, paramSchema, parseParam, parseParams, percentLabel } from "./params.ts";
import { RATIO_PARAMS } from "./ratio.ts";
import { UNCERTAINTY_PARAMS } from "./uncertainty.ts";

const errorOf = (run: () => unknown): InvalidOption => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidOption) return error;
    throw error;
  }
  throw new Error("expected InvalidOption");
};

describe("method parameters", () => {
  it("names a ratio by its percentage, as the seed's columns are named", () => {
    expect([0.1, 0.2, 0.125, 1, 0.05, 0.07, 1e-7].map(percentLabel)).toEqual([
      "10pct",
      "20pct",
      "12.5pct",
      "100pct",
      "5pct",
      "7pct",
      "0.00001pct",
    ]);
  });

  it("gives distinct ratios distinct names, so no column can hide another", () => {
    fc.assert(
      fc.property(
        fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
        fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
        (a, b) => (a === b) === (percentLabel(a) === percentLabel(b)),
      ),
    );
  });

  it("reads back every value it writes (the dashboard's URL and the cache keys rely on it)", () => {
    const p = UNCERTAINTY_PARAMS["ratio-range"];
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1, noNaN: true }),
        fc.double({ min: 1e-9, max: 1, noNaN: true }),
        (a, b) => {
          const value = parseParam("ratio-range", p, formatParam(p, [a, b]));
          expect(value).toEqual([Math.min(a, b), Math.max(a, b)]);
        },
      ),
    );
  });

  it("fails with InvalidOption naming the parameter and what it allows", () => {
    const twice = errorOf(() => parseParam("ratios", RATIO_PARAMS.ratios, "0.1,0.1"));
    expect([twice.field, twice.value]).toEqual(["ratios", "0.1,0.1"]);
    expect(twice.allowed).toMatch(/10% is given twice/);
    const draws = errorOf(() => parseParam("draws", UNCERTAINTY_PARAMS.draws, "1e3"));
    expect(draws.message).toBe("invalid draws '1e3': expected a whole number from 1 to 1000000");
    expect(errorOf(() => parseParam("annualize", UNCERTAINTY_PARAMS.annualize, "0")).allowed).toBe(
      "expected true or false",
    );
    expect(errorOf(() => parseParams(UNCERTAINTY_PARAMS, { draw: "5" })).field).toBe("draw");
    expect(errorOf(() => parseParams(UNCERTAINTY_PARAMS, { seed: ["1", "2"] })).field).toBe("seed");
  });

  it("takes numbers as a generated client writes them (exponents included) and refuses what is not a number", () => {
    expect(parseParam("ratios", RATIO_PARAMS.ratios, "1e-1,0.2,.3")).toEqual([0.1, 0.2, 0.3]);
    for (const bad of ["", "0x1", "Infinity", "NaN", "0.1,", " ", "1,0"]) {
      expect(() => parseParam("ratios", RATIO_PARAMS.ratios, bad), bad).toThrow(InvalidOption);
    }
  });

  it("fills defaults and declares numbers as numbers, with their ranges, in the JSON Schema", () => {
    const values = parseParams(UNCERTAINTY_PARAMS, {});
    expect(values).toMatchObject({ draws: 100_000, seed: 1, base: "both", annualize: true });
    expect(values["ratio-range"]).toBeUndefined();
    expect(paramSchema(UNCERTAINTY_PARAMS.draws)).toEqual({
      type: "integer",
      minimum: 1,
      maximum: 1_000_000,
      default: 100_000,
    });
    expect(paramSchema(RATIO_PARAMS.ratios)).toEqual({
      type: "array",
      items: { type: "number", exclusiveMinimum: 0, maximum: 1 },
      minItems: 1,
      uniqueItems: true,
    });
  });
});
