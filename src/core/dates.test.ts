import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayNumber,
  daysInclusive,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  wholeMonths,
  yearOf,
} from "./dates.ts";

describe("isIsoDate", () => {
  it("accepts real calendar dates written YYYY-MM-DD", () => {
    for (const d of ["2018-03-01", "2023-12-31", "2024-02-29", "2000-02-29", "1970-01-01"]) {
      expect(isIsoDate(d), d).toBe(true);
    }
  });

  it("refuses impossible dates and other formats", () => {
    for (const d of [
      "2023-02-29",
      "1900-02-29",
      "2023-02-30",
      "2023-04-31",
      "2023-13-01",
      "2023-00-10",
      "2023-01-00",
      "2023/01/01",
      "2023-1-1",
      "01-01-2023",
      "2023-01-01T00:00:00Z",
      " 2023-01-01",
      "",
    ]) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });
});

describe("leap years and month lengths", () => {
  it("follows the Gregorian rule", () => {
    expect([2000, 2004, 2024, 2400].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([1900, 2023, 2100, 2200].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it("gives February 29 days in leap years and 28 otherwise", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect([1, 3, 4, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 31, 30, 31]);
  });

  it("agrees with isIsoDate on the last day of every month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2600 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = daysInMonth(y, m);
        const iso = (d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(isIsoDate(iso(last))).toBe(true);
        expect(isIsoDate(iso(last + 1))).toBe(false);
        expect(last === 29).toBe(m === 2 && isLeapYear(y));
      }),
    );
  });
});

describe("daysInclusive", () => {
  it("counts both ends", () => {
    expect(daysInclusive("2023-05-04", "2023-05-04")).toBe(1);
    expect(daysInclusive("2023-01-01", "2023-12-31")).toBe(365);
    expect(daysInclusive("2024-01-01", "2024-12-31")).toBe(366);
    expect(daysInclusive("2024-02-28", "2024-03-01")).toBe(3);
    expect(daysInclusive("2023-02-28", "2023-03-01")).toBe(2);
  });

  it("equals the sum of the month lengths for a period of whole months", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        (y, m, months) => {
          let total = 0;
          let [ey, em] = [y, m];
          for (let i = 0; i < months; i += 1) {
            total += daysInMonth(ey, em);
            if (i < months - 1) [ey, em] = em === 12 ? [ey + 1, 1] : [ey, em + 1];
          }
          const start = `${y}-${String(m).padStart(2, "0")}-01`;
          const end = `${ey}-${String(em).padStart(2, "0")}-${String(daysInMonth(ey, em)).padStart(2, "0")}`;
          expect(daysInclusive(start, end)).toBe(total);
          expect(wholeMonths(start, end)).toBe(months);
        },
      ),
    );
  });
});

describe("wholeMonths", () => {
  it("counts the calendar months of periods from a 1st to a month's last day", () => {
    expect(wholeMonths("2024-01-01", "2024-09-30")).toBe(9);
    expect(wholeMonths("2018-03-01", "2018-12-31")).toBe(10);
    expect(wholeMonths("2018-03-01", "2019-05-31")).toBe(15);
    expect(wholeMonths("2023-01-01", "2023-12-31")).toBe(12);
    expect(wholeMonths("2024-02-01", "2024-02-29")).toBe(1);
    expect(wholeMonths("2023-02-01", "2023-02-28")).toBe(1);
  });

  it("is null for periods that do not start on a 1st or end on a month's last day, or run backwards", () => {
    expect(wholeMonths("2021-02-27", "2021-07-31")).toBeNull();
    expect(wholeMonths("2022-01-01", "2024-08-28")).toBeNull();
    expect(wholeMonths("2024-02-01", "2024-02-28")).toBeNull();
    expect(wholeMonths("2024-05-01", "2024-04-30")).toBeNull();
  });
});

describe("day numbers", () => {
  it("count days from 1970-01-01 and convert back", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("1969-12-31")).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const iso = fromDayNumber(day);
        expect(isIsoDate(iso)).toBe(true);
        expect(dayNumber(iso)).toBe(day);
      }),
    );
  });

  it("refuse an invalid date instead of rolling it over", () => {
    expect(() => dayNumber("2023-02-30")).toThrow(TypeError);
    expect(() => daysInclusive("2023-01-01", "2023/12/31")).toThrow(/invalid ISO date/);
    expect(() => yearOf("2023-13-01")).toThrow(TypeError);
    expect(yearOf("2024-09-30")).toBe(2024);
  });
});
