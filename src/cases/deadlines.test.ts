import { describe, expect, it } from "vitest";
import { sampleCase } from "../../test/support/cases.ts";
import { addMonths, deadlineList, deadlineStatus } from "./deadlines.ts";
import { type CaseInput, caseSchema } from "./model.ts";

const record = (takenOn: string | null, timeline: CaseInput["timeline"] = [], status: "open" | "closed" = "open") =>
  caseSchema.parse(
    sampleCase({
      detention: { taken_on: takenOn, place_last_seen: "x", commission_level: "county", jurisdiction: "CN-YN" },
      timeline,
      status,
    }),
  );

describe("addMonths clamps to the end of shorter months", () => {
  it.each([
    ["2023-11-30", 3, "2024-02-29"], // into a leap February
    ["2022-11-30", 3, "2023-02-28"],
    ["2024-01-31", 3, "2024-04-30"],
    ["2024-02-29", 3, "2024-05-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-08-31", 6, "2025-02-28"],
    ["2023-08-31", 6, "2024-02-29"],
    ["2024-12-15", 3, "2025-03-15"],
    ["2024-10-31", 3, "2025-01-31"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe("deadline flags", () => {
  it("taken 2023-11-30: the term ends 2024-02-29; passed on 2024-03-01, not before", () => {
    const r = record("2023-11-30");
    const onTheDay = deadlineStatus("a", r, "2024-02-29");
    expect(onTheDay.term_ends).toBe("2024-02-29");
    expect(onTheDay.flags).toEqual(["wgeid-urgent-window"]);
    expect(onTheDay.urgent_days_left).toBe(0);
    expect(onTheDay.days_held).toBe(92);
    const after = deadlineStatus("a", r, "2024-03-01");
    expect(after.flags).toEqual(["term-passed-no-extension"]);
  });

  it("taken 2024-01-31: term 2024-04-30, six months 2024-07-31", () => {
    const r = record("2024-01-31");
    expect(deadlineStatus("a", r, "2024-04-30").flags).toEqual(["wgeid-urgent-window"]);
    expect(deadlineStatus("a", r, "2024-05-01").flags).toEqual(["term-passed-no-extension"]);
    expect(deadlineStatus("a", r, "2024-07-31").flags).toEqual(["term-passed-no-extension"]);
    expect(deadlineStatus("a", r, "2024-08-01").flags).toEqual(["six-months-passed", "term-passed-no-extension"]);
  });

  it("taken 2024-02-29: term 2024-05-29, six months 2024-08-29; an extension clears the term flag only", () => {
    const ext = record("2024-02-29", [
      { date: "2024-05-20", kind: "extension-approved", source: "notice", confidence: "official-notice" },
    ]);
    expect(deadlineStatus("a", ext, "2024-05-30").flags).toEqual([]);
    expect(deadlineStatus("a", ext, "2024-08-29").flags).toEqual([]);
    expect(deadlineStatus("a", ext, "2024-08-30").flags).toEqual(["six-months-passed"]);
    expect(deadlineStatus("a", record("2024-02-29"), "2024-05-30").flags).toEqual(["term-passed-no-extension"]);
  });

  it("the clock stops at transfer for prosecution, and the urgent window closes", () => {
    const r = record("2024-01-01", [
      { date: "2024-02-15", kind: "transferred-for-prosecution", source: "verdict", confidence: "court-verdict" },
    ]);
    const s = deadlineStatus("a", r, "2024-12-31");
    expect(s.ended_on).toBe("2024-02-15");
    expect(s.days_held).toBe(46);
    expect(s.flags).toEqual([]);
  });

  it("a case without a date has no days held", () => {
    expect(deadlineStatus("a", record(null), "2024-01-01")).toMatchObject({ days_held: null, flags: [] });
  });

  it("sorts by urgency: six months, then term passed, then the urgent window (fewest days left first)", () => {
    const asOf = "2024-09-01";
    const list = deadlineList(
      [
        { id: "window-late", record: record("2024-08-20") },
        { id: "window-soon", record: record("2024-06-05") },
        { id: "term", record: record("2024-05-01") },
        { id: "six", record: record("2024-01-01") },
        { id: "closed", record: record("2023-01-01", [], "closed") },
        { id: "undated", record: record(null) },
      ],
      asOf,
    );
    expect(list.map((s) => s.id)).toEqual(["six", "term", "window-soon", "window-late", "undated"]);
  });
});
