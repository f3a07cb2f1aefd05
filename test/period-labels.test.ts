/** Period labels in Chinese: every period in the shipped ledger, and the methods' own period names. */
import { describe, expect, it } from "vitest";
import { periodLabel, periodLabelZh } from "../src/core/index.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

describe("periodLabelZh", () => {
  it("reads every period label of the shipped ledger into Chinese, with no Latin letter left", () => {
    const unread = shippedLedger()
      .observations.map((o) => [o.period_label, periodLabelZh(o.period_label)] as const)
      .filter(([, zh]) => zh === null || /[A-Za-z]/.test(zh));
    expect(unread).toEqual([]);
  });

  it("keeps exactly the precision printed", () => {
    expect(periodLabelZh("Jan - June 2021")).toBe("2021年1月至6月");
    expect(periodLabelZh("March 2018 - May 2019")).toBe("2018年3月至2019年5月");
    expect(periodLabelZh("2022- Aug 28, 2024")).toBe("2022年至2024年8月28日");
    expect(periodLabelZh("Feb 27 - July 31, 2021")).toBe("2021年2月27日至7月31日");
    expect(periodLabelZh("March 2018 - 2020 (Bribery only)")).toBe("2018年3月至2020年（仅受贿案件）");
    expect(periodLabelZh("Jan - Aug 2017 (Pilot)")).toBe("2017年1月至8月（试点）");
    expect(periodLabelZh("reported 8 January 2018")).toBe("2018年1月8日公布");
    expect(periodLabelZh("between 2014 and 2023")).toBe("2014年至2023年");
  });

  it("reads the methods' period names", () => {
    expect(periodLabelZh("2024 (Jan-Sep)")).toBe("2024年（1月至9月）");
    expect(periodLabelZh("2024 (full-year extrapolation)")).toBe("2024年（全年外推）");
    expect(periodLabelZh("2018-03-01 – 2019-05-31")).toBe("2018年3月1日至2019年5月31日");
  });

  it("falls back to the period's own dates, never to English, when a label cannot be read", () => {
    expect(periodLabelZh("Lunar New Year 2021")).toBeNull();
    expect(periodLabel("Lunar New Year 2021", "zh", { start: "2021-02-11", end: "2021-02-17" })).toBe(
      "2021年2月11日至2021年2月17日",
    );
    expect(periodLabel("Jan - June 2021", "en")).toBe("Jan - June 2021");
  });
});
