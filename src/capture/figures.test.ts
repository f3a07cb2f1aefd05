import { describe, expect, it } from "vitest";
import type { Observation } from "../core/index.ts";
import { checkFigure, containsNumber, normaliseForSearch, valueForms } from "./figures.ts";

const obs = (value: number, quote: string | null = null) => ({ id: "o-1", value, quote }) as Observation;

describe("figures in page text", () => {
  it("writes a value with and without thousands separators and in 万 form when it divides", () => {
    expect(valueForms(26000)).toEqual(["26000", "26,000", "2.6万"]);
    expect(valueForms(63)).toEqual(["63"]);
    expect(valueForms(1234567)).toEqual(["1234567", "1,234,567"]);
    expect(valueForms(73.5)).toEqual(["73.5"]);
    expect(valueForms(300_000_000)).toContain("3亿");
  });

  it("finds a number only as a whole number", () => {
    const text = normaliseForSearch("共 126000 人；另 26000.5 天；又 ２６，０００ 人");
    expect(containsNumber(text, "126000")).toBe(true);
    expect(containsNumber(normaliseForSearch("共 126000 人"), "26000")).toBe(false);
    expect(containsNumber(normaliseForSearch("26000.5 天"), "26000")).toBe(false);
    expect(containsNumber(text, "26,000")).toBe(true); // full-width digits and comma
  });

  it("looks for the quote when one is recorded, whatever the line breaks", () => {
    const text = normaliseForSearch("全国共留置\n 2.6万人。");
    expect(checkFigure(text, obs(26000, "全国共留置2.6万人。"))).toMatchObject({ looked_for: "quote", found: true });
    expect(checkFigure(text, obs(26000, "全国共留置3万人。")).found).toBe(false);
    expect(checkFigure(text, obs(26000))).toMatchObject({ looked_for: "value", found: true });
  });
});
