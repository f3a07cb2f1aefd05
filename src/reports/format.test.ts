import { describe, expect, it } from "vitest";
import { formatDate, formatDecimal, formatInteger, formatNumber, formatPercent, formatRange } from "./format.ts";

describe("report number formatting", () => {
  it("groups thousands and never prints float noise", () => {
    expect(formatInteger(923000)).toBe("923,000");
    expect(formatInteger(63)).toBe("63");
    expect(formatInteger(1234567)).toBe("1,234,567");
    expect(formatInteger(-1234)).toBe("-1,234");
    expect(formatDecimal(71.2, 1)).toBe("71.2");
    expect(formatDecimal(0.1 + 0.2, 2)).toBe("0.30");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(78.7)).toBe("78.7");
    expect(formatNumber(1398)).toBe("1,398");
  });
  it("formats ranges and shares", () => {
    expect(formatRange(92300, 184600)).toBe("92,300–184,600");
    expect(formatPercent(0.0336, 2)).toBe("3.36%");
    expect(formatPercent(0.1)).toBe("10%");
    expect(formatPercent(0.2)).toBe("20%");
    expect(formatPercent(1, 2)).toBe("100.00%");
  });
  it("formats dates in both languages", () => {
    expect(formatDate("2024-02-25", "en")).toBe("25 February 2024");
    expect(formatDate("2024-02-25", "zh")).toBe("2024年2月25日");
  });
  it("refuses what is not a number", () => {
    expect(() => formatInteger(Number.NaN)).toThrow(RangeError);
  });
});
