import { describe, expect, it } from "vitest";
import { sampleCase } from "../../test/support/cases.ts";
import { addMonths, deadlineList, deadlineStatus, nextDeadline } from "./deadlines.ts";
import { parseLegalRegimes, regimeOn, shippedLegalRegimes } from "./legal-regimes.ts";
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
    expect(deadlineStatus("a", r, "2024-08-01").flags).toEqual(["beyond-legal-maximum", "term-passed-no-extension"]);
  });

  it("taken 2024-02-29: term 2024-05-29, six months 2024-08-29; an extension clears the term flag only", () => {
    const ext = record("2024-02-29", [
      { date: "2024-05-20", kind: "extension-approved", source: "notice", confidence: "official-notice" },
    ]);
    expect(deadlineStatus("a", ext, "2024-05-30").flags).toEqual([]);
    expect(deadlineStatus("a", ext, "2024-08-29").flags).toEqual([]);
    expect(deadlineStatus("a", ext, "2024-08-30").flags).toEqual(["beyond-legal-maximum"]);
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

const event = (date: string, kind: NonNullable<CaseInput["timeline"]>[number]["kind"]) => ({
  date,
  kind,
  source: "notice",
  confidence: "official-notice" as const,
});

describe("the law in force on the day taken (data/legal-regimes.csv)", () => {
  const regimes = shippedLegalRegimes();

  it("the 2018 law up to 31 May 2025, the amended law from 1 June 2025, each with its article and source", () => {
    expect(regimeOn(regimes, "2018-03-20")?.id).toBe("supervision-law-2018");
    expect(regimeOn(regimes, "2025-05-31")).toMatchObject({
      id: "supervision-law-2018",
      article: "art. 43",
      max_months: 6,
    });
    expect(regimeOn(regimes, "2025-06-01")).toMatchObject({
      id: "supervision-law-2025",
      article: "art. 48",
      max_months: 16,
    });
    expect(regimeOn(regimes, "2018-03-19")).toBeNull();
    expect(regimes.find((r) => r.id === "supervision-law-2025")?.source_id).toBe(
      "npcsc-20241225-supervision-law-amendment",
    );
    expect(regimes.find((r) => r.id === "supervision-law-2025")?.new_measures).toBe(
      "compelled-appearance|ordered-to-await-investigation|custodial-protection",
    );
  });

  it("taken 2025-07-01 with a second extension recorded: not flagged at seven months; flagged after eight", () => {
    const r = record("2025-07-01", [
      event("2025-09-25", "extension-approved"),
      event("2025-12-20", "second-extension-approved"),
    ]);
    const seven = deadlineStatus("a", r, "2026-02-01");
    expect(seven.regime?.id).toBe("supervision-law-2025");
    expect(seven.flags).toEqual([]);
    expect(seven.legal_max_ends).toBe("2026-03-01");
    expect(deadlineStatus("a", r, "2026-03-01").flags).toEqual([]);
    expect(deadlineStatus("a", r, "2026-03-02").flags).toEqual(["beyond-legal-maximum"]);
    // Without the second extension, the same seven months are past the maximum.
    const noSecond = record("2025-07-01", [event("2025-09-25", "extension-approved")]);
    expect(deadlineStatus("a", noSecond, "2026-02-01").flags).toEqual(["beyond-legal-maximum"]);
  });

  it("taken 2025-05-31 (the last day of the 2018 law): a second extension is not provided for, seven months are beyond", () => {
    const r = record("2025-05-31", [
      event("2025-08-20", "extension-approved"),
      event("2025-11-20", "second-extension-approved"),
    ]);
    const s = deadlineStatus("a", r, "2026-01-01");
    expect(s.regime).toMatchObject({ id: "supervision-law-2018", article: "art. 43" });
    expect(s.legal_max_ends).toBe("2025-11-30");
    expect(s.events_not_in_regime).toEqual(["second-extension-approved"]);
    expect(s.flags).toEqual(["beyond-legal-maximum"]);
    expect(deadlineStatus("a", r, "2025-11-30").flags).toEqual([]);
    expect(deadlineStatus("a", r, "2025-12-01").flags).toEqual(["beyond-legal-maximum"]);
  });

  it("taken 2025-06-01 (the first day of the amended law) is judged under it", () => {
    const r = record("2025-06-01", [
      event("2025-08-25", "extension-approved"),
      event("2025-11-25", "second-extension-approved"),
    ]);
    const s = deadlineStatus("a", r, "2026-01-15");
    expect(s.regime?.id).toBe("supervision-law-2025");
    expect(s.flags).toEqual([]);
    expect(s.legal_max_ends).toBe("2026-02-01");
  });

  it("the period counted anew once restarts the clock; never beyond sixteen months from the day taken", () => {
    const r = record("2025-06-10", [
      event("2025-09-01", "extension-approved"),
      event("2025-11-01", "period-recounted"),
      event("2026-01-20", "extension-approved"),
      event("2026-04-20", "second-extension-approved"),
    ]);
    const s = deadlineStatus("a", r, "2026-06-15");
    expect(s.recounted_on).toBe("2025-11-01");
    expect(s.term_ends).toBe("2026-02-01");
    expect(s.legal_max_ends).toBe("2026-07-01");
    expect(s.flags).toEqual([]);
    expect(deadlineStatus("a", r, "2026-07-02").flags).toEqual(["beyond-legal-maximum"]);
    // Under the 2018 law a recount is not provided for: the clock runs from the day taken.
    const old = record("2024-06-10", [
      event("2024-09-01", "extension-approved"),
      event("2024-11-01", "period-recounted"),
    ]);
    const o = deadlineStatus("a", old, "2025-01-15");
    expect(o.recounted_on).toBeNull();
    expect(o.events_not_in_regime).toEqual(["period-recounted"]);
    expect(o.flags).toEqual(["beyond-legal-maximum"]);
  });

  it("the new measures short of liuzhi are events of the vocabulary and do not move the liuzhi clock", () => {
    const r = record("2025-07-01", [
      event("2025-06-28", "compelled-appearance"),
      event("2025-06-29", "custodial-protection"),
      event("2025-06-30", "ordered-to-await-investigation"),
    ]);
    expect(deadlineStatus("a", r, "2025-10-02").flags).toEqual(["term-passed-no-extension"]);
  });

  it("refuses overlapping regimes and unknown measures, naming the row", () => {
    const header =
      "id,name_en,name_zh,valid_from,valid_to,article,term_months,extension_months,second_extension_months,recount_once,max_months,new_measures,source_id,locator,note";
    expect(() =>
      parseLegalRegimes(
        `${header}\na,A,甲,2018-01-01,2020-12-31,art. 1,3,3,0,no,6,,s,,\nb,B,乙,2020-06-01,,art. 2,3,3,0,no,6,,s,,\n`,
      ),
    ).toThrow(/a must end before b starts/);
    expect(() => parseLegalRegimes(`${header}\na,A,甲,2018-01-01,,art. 1,3,3,0,no,6,detention,s,,\n`)).toThrow(
      /row 2.*new_measures.*unknown measure 'detention'/,
    );
  });
});

describe("the next deadline that matters", () => {
  const regimes = shippedLegalRegimes();
  const record2025 = (events: Array<{ kind: Parameters<typeof event>[1]; date: string }>) =>
    record(
      "2025-07-01",
      events.map((e) => event(e.date, e.kind)),
    );

  it("is the three-month term while no extension is recorded, the WGEID window first while it is open", () => {
    const s = deadlineStatus("c", record2025([]), "2025-07-10", regimes);
    expect(nextDeadline(s, "2025-07-10")).toEqual({ kind: "term", date: "2025-10-01", daysLeft: 83 });
  });

  it("moves past the three-month date once an extension is recorded", () => {
    const s = deadlineStatus(
      "c",
      record2025([{ kind: "extension-approved", date: "2025-09-25" }]),
      "2025-10-20",
      regimes,
    );
    expect(nextDeadline(s, "2025-10-20")).toMatchObject({ kind: "extension", date: "2026-01-01" });
  });

  it("is the legal maximum, overdue, once every period has passed", () => {
    const s = deadlineStatus("c", record2025([]), "2026-05-01", regimes);
    const next = nextDeadline(s, "2026-05-01")!;
    expect(next.kind).toBe("legal-maximum");
    expect(next.daysLeft).toBeLessThan(0);
  });

  it("is none once the liuzhi has ended", () => {
    const s = deadlineStatus("c", record2025([{ kind: "released", date: "2025-08-01" }]), "2025-09-01", regimes);
    expect(nextDeadline(s, "2025-09-01")).toBeNull();
  });
});
