import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { sampleCase } from "../../test/support/cases.ts";
import { caseSchema } from "./model.ts";
import { WGEID_ELEMENTS, WgeidRefusal, wgeidDocx, wgeidMissing } from "./wgeid.ts";

async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file("word/document.xml")!.async("string");
}

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
      "family-not-informed", // timeline
      "recorded on 2024-03-01, given by his wife",
    ]) {
      expect(xml).toContain(expected);
    }
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
