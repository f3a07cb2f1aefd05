import type { CaseInput } from "../../src/cases/index.ts";

/** A complete case for tests: every WGEID element present, relatives' consent recorded. */
export function sampleCase(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    person: {
      name_zh: "王小明",
      name_pinyin: "Wang Xiaoming",
      aliases: ["小王"],
      sex: "male",
      birth_year: 1970,
      position: "deputy director",
      employer: "Yunnan Power Grid",
      employer_kind: "soe",
      relation: "colleague of a director under investigation",
    },
    detention: {
      taken_on: "2024-01-31",
      place_last_seen: "company office, Kunming",
      commission_level: "provincial",
      jurisdiction: "CN-YN",
    },
    timeline: [
      { date: "2024-01-31", kind: "taken", source: "wife's account", confidence: "testimony" },
      { date: "2024-02-10", kind: "family-not-informed", source: "wife's account", confidence: "testimony" },
    ],
    perpetrators: "Yunnan Provincial Supervisory Commission",
    steps_taken: "His wife asked the provincial commission twice and petitioned the local procuratorate.",
    narrative: "Taken from his office; no notice given to the family.",
    submitter: { name: "Documentation Group Z", contact: "z@example.org", confidential: true },
    relatives_consent: { date: "2024-03-01", by: "his wife" },
    consent_publish_name: false,
    status: "open",
    ...overrides,
  };
}
