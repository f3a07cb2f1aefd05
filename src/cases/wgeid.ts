import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { type CaseRecord, sortedTimeline } from "./model.ts";

/**
 * The WGEID submission as a Word document. The Working Group's minimum elements (Methods of work,
 * A/HRC/WGEID/102/2, para. 13): full name and identifying data; year, month and day of the
 * disappearance; place of arrest or where last seen; who is believed to have carried it out; what
 * relatives or others did to locate the person; who submits (kept confidential on request). Then a
 * narrative summary and the timeline. Refuses, naming each missing element, when one is absent or
 * when the relatives' consent is not recorded.
 */

export const WGEID_ELEMENTS = {
  name: "full name of the disappeared person",
  identifying: "identifying data (sex, year of birth, position or employer)",
  date: "year, month and day of the disappearance (detention.taken_on)",
  place: "place of arrest or where last seen (detention.place_last_seen)",
  perpetrators: "who is believed to have carried out the disappearance (perpetrators)",
  steps: "what relatives or others did to locate the person (steps_taken)",
  submitter: "who submits the case (submitter)",
  consent: "the relatives' consent, with its date and who gave it (relatives_consent)",
} as const;

/** A minimum element by its key: each language names it in its own words (the editing pages' case words). */
export type WgeidElement = keyof typeof WGEID_ELEMENTS;

export class WgeidRefusal extends Error {
  override name = "WgeidRefusal";
  /** The missing elements in English, as the CLI and the API say them. */
  readonly missing: ReadonlyArray<string>;
  constructor(readonly elements: ReadonlyArray<WgeidElement>) {
    const missing = elements.map((e) => WGEID_ELEMENTS[e]);
    super(`the WGEID form cannot be filled; missing: ${missing.join("; ")}`);
    this.missing = missing;
  }
}

/** The key of every minimum element (and the consent) the record lacks, in the form's order. */
export function wgeidMissingElements(record: CaseRecord): WgeidElement[] {
  const p = record.person;
  const d = record.detention;
  const missing: WgeidElement[] = [];
  if (!p.name_zh && !p.name_pinyin) missing.push("name");
  if (p.sex === "unknown" && p.birth_year === null && !p.position && !p.employer) missing.push("identifying");
  if (!d.taken_on) missing.push("date");
  if (!d.place_last_seen) missing.push("place");
  if (!record.perpetrators) missing.push("perpetrators");
  if (!record.steps_taken) missing.push("steps");
  if (!record.submitter) missing.push("submitter");
  if (!record.relatives_consent) missing.push("consent");
  return missing;
}

/** Every minimum element (and the consent) the record lacks, in English, in the form's order. */
export const wgeidMissing = (record: CaseRecord): string[] =>
  wgeidMissingElements(record).map((e) => WGEID_ELEMENTS[e]);

const LEVELS: Record<string, string> = {
  central: "Central Commission for Discipline Inspection / National Supervisory Commission",
  provincial: "provincial supervisory commission",
  municipal: "municipal supervisory commission",
  county: "county-level supervisory commission",
};

const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const line = (label: string, value: string | null | undefined) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value ?? "—")] });

/** Builds the document; throws WgeidRefusal when an element or the consent is missing. */
export async function wgeidDocx(caseId: string, record: CaseRecord, generatedOn: string): Promise<Buffer> {
  const missing = wgeidMissingElements(record);
  if (missing.length > 0) throw new WgeidRefusal(missing);
  const p = record.person;
  const d = record.detention;
  const [year, month, day] = d.taken_on!.split("-");
  const submitter = record.submitter!;
  const consent = record.relatives_consent!;
  const children = [
    new Paragraph({
      text: "Communication to the Working Group on Enforced or Involuntary Disappearances",
      heading: HeadingLevel.TITLE,
    }),
    new Paragraph({
      text: `Individual case ${caseId}, prepared ${generatedOn} with Liuzhi Monitor (retention in custody, 留置).`,
    }),
    heading("1. Identity of the disappeared person"),
    line("Full name (Chinese)", p.name_zh),
    line("Full name (pinyin)", p.name_pinyin),
    line("Other names", p.aliases.length > 0 ? p.aliases.join(", ") : null),
    line("Sex", p.sex),
    line("Year of birth", p.birth_year === null ? null : String(p.birth_year)),
    line("Position", p.position),
    line("Employer", p.employer ? `${p.employer}${p.employer_kind ? ` (${p.employer_kind})` : ""}` : null),
    line("Relation to others under investigation", p.relation),
    heading("2. Date of the disappearance"),
    line("Year", year),
    line("Month", month),
    line("Day", day),
    heading("3. Place of arrest or where last seen"),
    line("Place", d.place_last_seen),
    line("Province (ISO 3166-2)", d.jurisdiction),
    heading("4. Forces believed responsible"),
    line("Believed to have carried it out", record.perpetrators),
    line("Commission level", d.commission_level ? LEVELS[d.commission_level]! : null),
    heading("5. Steps taken to locate the person"),
    new Paragraph({ text: record.steps_taken! }),
    heading("6. Submitted by"),
    line("Submitter", submitter.name),
    line("Contact", submitter.contact),
    line(
      "Confidentiality",
      submitter.confidential
        ? "CONFIDENTIAL: the submitter asks that their identity not be transmitted to the Government."
        : "The submitter's identity may be disclosed.",
    ),
    line("Consent of the relatives", `recorded on ${consent.date}, given by ${consent.by}`),
    line("Consent to publish the name", record.consent_publish_name ? "given" : "not given"),
    heading("7. Narrative summary"),
    new Paragraph({ text: record.narrative ?? "—" }),
    heading("8. Timeline"),
    ...sortedTimeline(record).map(
      (e) =>
        new Paragraph({
          children: [
            new TextRun({ text: `${e.date} — ${e.kind}`, bold: true }),
            new TextRun(` (${e.confidence}; source: ${e.source})${e.note ? `: ${e.note}` : ""}`),
          ],
        }),
    ),
  ];
  const doc = new Document({
    creator: "Liuzhi Monitor",
    title: `WGEID communication ${caseId}`,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: "Liberation Serif", hAnsi: "Liberation Serif", eastAsia: "Noto Serif CJK SC" },
            size: 22,
          },
        },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
