import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { sampleCase } from "../../test/support/cases.ts";
import { WORD_JOINER } from "../core/index.ts";
import { CONFIDENCES, caseSchema, EVENT_KINDS } from "./model.ts";
import { WGEID_ELEMENTS, WgeidRefusal, wgeidDocx, wgeidMissing } from "./wgeid.ts";
import { WGEID_LANGS, WGEID_WORDS } from "./wgeid-words.ts";

async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file("word/document.xml")!.async("string");
}

/** The document's text as a reader sees it: runs joined, paragraphs on lines, joiners left out. */
async function documentText(bytes: Buffer): Promise<string> {
  return (await documentXml(bytes))
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replaceAll(WORD_JOINER, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** Every code a case record can hold, which the document must never print. */
const CODES = [
  ...EVENT_KINDS,
  ...CONFIDENCES,
  "public-functionary",
  "soe",
  "CN-YN",
  "supervision-law-2018",
  "supervision-law-2025",
].filter((c) => c.includes("-") || c === "soe");

describe("WGEID export", () => {
  it("fills every minimum element, the narrative and the timeline (read back from the docx)", async () => {
    const record = caseSchema.parse(sampleCase());
    const xml = await documentXml(await wgeidDocx("case-0123456789ab", record, "2024-03-05"));
    for (const expected of [
      "王小明", // full name
      "Wang Xiaoming",
      "1970", // identifying data
      "deputy director",
      "Yunnan Power Grid",
      "Year", // year, month, day of the disappearance
      ">2024<",
      ">01<",
      ">31<",
      "company office, Kunming", // place of arrest or last seen
      "Yunnan Provincial Supervisory Commission", // believed responsible
      "petitioned the local procuratorate", // steps taken
      "Documentation Group Z", // submitter
      "CONFIDENTIAL", // kept confidential on request
      "Taken from his office", // narrative
      "family not informed", // timeline, in words
      "recorded on 1 March 2024, given by his wife",
    ]) {
      expect(xml).toContain(expected);
    }
  });

  it("reads in words, never codes: every event kind, confidence, the employer's kind, the province and the law, in English and Chinese", async () => {
    const record = caseSchema.parse(
      sampleCase({
        timeline: EVENT_KINDS.map((kind, i) => ({
          date: `2024-${String(2 + Math.floor(i / 28)).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
          kind,
          source: "wife's account",
          confidence: CONFIDENCES[i % CONFIDENCES.length]!,
        })),
      }),
    );
    for (const lang of WGEID_LANGS) {
      const w = WGEID_WORDS[lang];
      const text = await documentText(await wgeidDocx("case-0123456789ab", record, "2024-03-05", { lang }));
      for (const code of CODES)
        expect(text, `${lang}: ${code}`).not.toMatch(new RegExp(`(^|[^\\w-])${code}([^\\w-]|$)`));
      for (const kind of EVENT_KINDS) expect(text, `${lang}: ${kind}`).toContain(w.event[kind]);
      for (const confidence of CONFIDENCES) expect(text).toContain(w.confidence[confidence]);
      expect(text).toContain(w.employerKind.soe);
      expect(text).toContain(w.level.provincial);
      expect(text).toContain(lang === "zh" ? "云南" : "Yunnan");
      // Taken on 31 January 2024: the 2018 law, art. 43, in the document's words.
      expect(text).toContain(
        lang === "zh" ? "中华人民共和国监察法（2018年），第43条" : "Supervision Law (2018), art. 43",
      );
      expect(text).toContain(lang === "zh" ? "2024年3月5日" : "5 March 2024");
    }
    const zh = await documentText(await wgeidDocx("c", record, "2024-03-05", { lang: "zh" }));
    expect(zh).toContain("致强迫或非自愿失踪问题工作组的来文");
    expect(zh).toContain("男");
  });

  it("refuses, naming each missing element, one at a time", async () => {
    const full = sampleCase();
    const cases: Array<[string, ReturnType<typeof sampleCase>]> = [
      [WGEID_ELEMENTS.name, { ...full, person: { ...full.person, name_zh: null, name_pinyin: null } }],
      [
        WGEID_ELEMENTS.identifying,
        { ...full, person: { name_zh: "王小明", sex: "unknown", birth_year: null, position: null, employer: null } },
      ],
      [WGEID_ELEMENTS.date, { ...full, detention: { ...full.detention, taken_on: null } }],
      [WGEID_ELEMENTS.place, { ...full, detention: { ...full.detention, place_last_seen: null } }],
      [WGEID_ELEMENTS.perpetrators, { ...full, perpetrators: null }],
      [WGEID_ELEMENTS.steps, { ...full, steps_taken: null }],
      [WGEID_ELEMENTS.submitter, { ...full, submitter: null }],
      [WGEID_ELEMENTS.consent, { ...full, relatives_consent: null }],
    ];
    for (const [element, input] of cases) {
      const parsed = caseSchema.safeParse(input);
      if (element === WGEID_ELEMENTS.name) {
        expect(parsed.success).toBe(false); // the model itself refuses a case with no name
        continue;
      }
      expect(parsed.success).toBe(true);
      const record = parsed.data!;
      expect(wgeidMissing(record)).toEqual([element]);
      await expect(wgeidDocx("c", record, "2024-03-05")).rejects.toThrow(element);
    }
  });

  it("names every missing element at once", async () => {
    const record = caseSchema.parse(
      sampleCase({
        detention: { taken_on: null, place_last_seen: null, commission_level: null, jurisdiction: "CN-YN" },
        perpetrators: null,
        steps_taken: null,
        submitter: null,
        relatives_consent: null,
      }),
    );
    const error = await wgeidDocx("c", record, "2024-03-05").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WgeidRefusal);
    expect((error as WgeidRefusal).missing).toHaveLength(6);
  });
});
