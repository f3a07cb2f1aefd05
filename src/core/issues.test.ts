/**
 * The core's messages in both languages: every code has Chinese with no English word left in it,
 * the validators emit nothing but coded messages (so a new message cannot skip its Chinese), and
 * bad rows of every table come back with codes the Chinese pages render.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { untranslatedWords } from "../../test/support/english-words.ts";
import { ISSUES, type IssueCode, type IssueParams, issue, issueText } from "./issues.ts";
import { assumptions, jurisdictions, observations, sources } from "./model.ts";

const NONE = { sources: [], jurisdictions: [], observations: [], assumptions: [] };

// One set of parameters per code: a code added to ISSUES without a sample here does not compile.
// Echoed values are figures and codes, as a Chinese reader types them.
const SAMPLES: { [C in IssueCode]: IssueParams<C> } = {
  required: {},
  notText: { got: "12" },
  forbiddenCharacter: { kind: "bidi", codePoint: "U+202E", at: 3 },
  tooLong: { length: 150000, max: 20000 },
  formulaStart: { first: "=" },
  idPattern: { got: "'留置'" },
  pattern: { pattern: "^CN(-[A-Z]{2})?$", got: "'CN-1'" },
  oneOf: { values: ["exact", "at-least", "about"], got: "'约'" },
  date: { got: "'2023-02-30'" },
  nonNegativeNumber: { got: "'12,000'" },
  httpUrl: { got: "'网址'" },
  unknownColumns: { columns: ["备注2"] },
  titleZhOnlySupplied: {},
  populationSourceRequired: {},
  precisionNotPowerOfTen: { value: 3 },
  endsBeforeStart: { start: "2024-01-01", end: "2023-12-31" },
  countNotInteger: { measure: "liuzhi_placements", value: 12.5 },
  highBelowLow: { low: 0.2 },
  wholeDaysAtLeastOne: { got: 0 },
  regimeEndsBeforeStart: { from: "2025-06-01", to: "2025-05-31" },
  unknownMeasureOf: { measure: "管护2", expected: "compelled-appearance, custodial-protection" },
  missingColumn: {},
  notAColumn: { table: "observations" },
  duplicateKey: { column: "id", key: "2023-1", row: null, file: null },
  unknownReference: { table: "sources", key: "2024-1" },
  dateWritten: {},
  needsName: {},
  jurisdictionCode: {},
  birthYear: {},
  jurisdictionNotInLedger: { code: "CN-XX" },
  invalid: {},
};

const detailOf = <C extends IssueCode>(code: C) =>
  ({ code, params: SAMPLES[code] }) as Parameters<typeof issueText>[0]["detail"];

describe("the core's messages", () => {
  it("say every code in Chinese with no English word left, and in English as the CLI prints it", () => {
    for (const code of Object.keys(ISSUES) as IssueCode[]) {
      const zh = issueText({ message: "", detail: detailOf(code) }, "zh");
      expect(zh, code).toMatch(/\p{Script=Han}/u);
      expect(untranslatedWords(zh, NONE), `${code}: ${zh}`).toEqual([]);
      expect(issueText({ message: "", detail: detailOf(code) }, "en"), code).toMatch(/[a-z]/);
    }
  });

  it("render a plain message again by its fixed English text, and call anything else not valid in Chinese", () => {
    expect(issueText({ message: "is required" }, "zh")).toBe("必填");
    expect(issueText({ message: "must be a date written YYYY-MM-DD" }, "zh")).toBe(ISSUES.dateWritten.zh({}));
    expect(issueText({ message: "Invalid input: expected number" }, "zh")).toBe("此值无效");
    expect(issueText({ message: "Invalid input: expected number" }, "en")).toBe("Invalid input: expected number");
    expect(issue("highBelowLow", { low: 3 })).toEqual({
      message: "is below low (3)",
      detail: { code: "highBelowLow", params: { low: 3 } },
    });
  });

  it("are the only messages the validators emit: no message written out in a validator", () => {
    const root = join(import.meta.dirname, "..");
    const core = readdirSync(join(root, "core"))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "issues.ts")
      .map((f) => `core/${f}`);
    for (const file of [...core, "ledger/validate.ts", "cases/model.ts"]) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text.match(/message:\s*["'`]/g), file).toBeNull();
      expect(text.match(/\.(min|max|int|regex|refine)\((?:[^)]*,\s*)?["'`]/g), file).toBeNull();
    }
  });

  it("come back from bad rows of every table with their code, and read as Chinese", () => {
    const bad = [
      observations.parse(
        {
          id: "留置 1",
          measure: "liuzhi_placements",
          jurisdiction: "CN-YN",
          period_start: "2024-02-01",
          period_end: "2024-01-01",
          period_label: "",
          value: "12.5",
          qualifier: "约",
          unit: "people",
          scope: "all",
          derivation: "published",
          source_id: "s",
          quote: "=1+1",
          备注2: "x",
        },
        1,
      ),
      observations.parse({ ...observationOk, value: "12.5", period_end: "2023-12-31" }, 2),
      sources.parse({ id: "s", publisher: "p", title: "t", title_zh: "标题", url: "网址", published: "2024-13-01" }, 3),
      jurisdictions.parse({ code: "CN-1", name_en: "x", name_zh: "\u202e", level: "市", population_m: "4,700" }, 4),
      assumptions.parse({ id: "a", description: "d", low: "2", high: "1", unit: "ratio", source_id: "s" }, 5),
    ];
    const issues = bad.flatMap((r) => (r.ok ? [] : r.issues));
    expect(issues.length).toBeGreaterThan(12);
    for (const i of issues) {
      expect(i.detail, `${i.column}: ${i.message}`).toBeDefined();
      expect(issueText(i, "en")).toBe(i.message);
      expect(untranslatedWords(issueText(i, "zh"), NONE), i.message).toEqual([]);
    }
    const codes = new Set(issues.map((i) => i.detail!.code));
    for (const code of ["idPattern", "oneOf", "formulaStart", "unknownColumns", "endsBeforeStart", "countNotInteger"])
      expect(codes.has(code as IssueCode), code).toBe(true);
  });
});

const observationOk = {
  id: "ok",
  measure: "liuzhi_placements",
  jurisdiction: "CN-YN",
  period_start: "2024-01-01",
  period_end: "2024-06-30",
  period_label: "2024年上半年",
  value: "12",
  qualifier: "exact",
  unit: "people",
  scope: "all",
  derivation: "published",
  source_id: "s",
};
