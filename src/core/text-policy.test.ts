import { describe, expect, it } from "vitest";
import { observations } from "./model.ts";
import { TEXT_LIMITS, textIssue } from "./text-policy.ts";

describe("the one text policy", () => {
  it.each([
    [
      "a reason that clears the screen",
      "ok\u001b[2J\u001b[HNo changes awaiting review.",
      "an escape character (U+001B) at character 3",
    ],
    ["a bell", "a\u0007b", "a control character (U+0007) at character 2"],
    ["a backspace", "100\b\b\b1", "a control character (U+0008) at character 4"],
    ["a NUL", "x\u0000y", "a NUL byte (U+0000) at character 2"],
    ["DEL", "x\u007fy", "a delete character (U+007F) at character 2"],
    ["a C1 CSI", "x\u009b2Jy", "a control character (U+009B) at character 2"],
    ["a right-to-left mark", "2020\u200f-\u200f2024", "a bidirectional control character (U+200F) at character 5"],
    ["a left-to-right mark", "2020\u200e-2024", "(U+200E)"],
    ["an Arabic letter mark", "2020\u061c-2024", "(U+061C)"],
    ["an override", "abc\u202edef", "(U+202E)"],
    ["an isolate", "\u2066abc", "(U+2066)"],
    ["a zero-width space", "12\u200b000", "an invisible formatting character (U+200B)"],
    ["a joiner beside a digit", "2020\u200d-2024", "an invisible formatting character (U+200D) at character 5"],
    ["a joiner at the end", "abc\u200c", "(U+200C)"],
    ["a BOM inside", "ab\ufeffcd", "(U+FEFF)"],
  ])("refuses %s, naming it and where", (_what, text, expected) => {
    expect(textIssue(text, "multiline")?.message).toContain(expected);
  });

  it("lets a multi-line text keep tabs and line breaks, and refuses them in a one-line text", () => {
    expect(textIssue("first line\r\n\tsecond line", "multiline")).toBeNull();
    expect(textIssue("a\nb", "line")?.message).toBe(
      "contains a line break or tab (U+000A) at character 2, which a one-line text may not hold: remove it",
    );
  });

  it("keeps the joiners that scripts and emoji need, and ordinary Chinese", () => {
    expect(textIssue("می\u200cخواهم", "line")).toBeNull(); // Persian: the non-joiner between two letters
    expect(textIssue("👩\u200d💻 and 👨🏽\u200d🔬", "line")).toBeNull();
    expect(textIssue("2024年，全国纪检监察机关共留置2.6万人。", "line")).toBeNull();
  });

  it("limits the length: a one-line text to 2,000 characters, a multi-line one to 20,000", () => {
    expect(textIssue("a".repeat(TEXT_LIMITS.multiline), "multiline")).toBeNull();
    expect(textIssue("a".repeat(150_000), "multiline")?.message).toBe(
      "is 150,000 characters long, more than the 20,000 it may hold",
    );
    expect(textIssue("a".repeat(2_001), "line")?.message).toContain("more than the 2,000");
  });

  it("is what the ledger's fields apply: a note may span lines, a period label may not", () => {
    const row = {
      id: "x-1",
      measure: "liuzhi_placements",
      jurisdiction: "CN",
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      period_label: "2024\n",
      value: 1,
      qualifier: "exact",
      unit: "people",
      scope: "all",
      derivation: "published",
      source_id: "s",
      note: "line one\nline two",
    };
    // A trailing line break is trimmed away like any space; one inside the label is refused.
    expect(observations.schema.safeParse(row).success).toBe(true);
    const inside = observations.schema.safeParse({ ...row, period_label: "2024\n2025" });
    expect(inside.success).toBe(false);
    expect(JSON.stringify(inside.error?.issues)).toContain("line break");
  });
});
