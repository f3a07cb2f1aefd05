import { describe, expect, it } from "vitest";
import { parseNumber } from "./numbers.ts";

describe("how finely a figure was printed", () => {
  it.each([
    ["10.4万", 104_000, 1000],
    ["62.6万", 626_000, 1000],
    ["5万", 50_000, 10_000],
    ["10万", 100_000, 10_000],
    ["1,335", 1335, 1],
    ["1624", 1624, 1],
    ["71.1", 71.1, 0.1],
    ["一万二千", 12_000, 1000],
    ["一百八十三", 183, 1],
    ["1万2千", 12_000, 1000],
    ["1.2亿", 120_000_000, 10_000_000],
  ])("%s is %d, printed to the %d", (token, value, precision) => {
    expect(parseNumber(token)).toMatchObject({ value, precision });
  });
});
