import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { decodeUtf8, parseCsv } from "../core/index.ts";
import { SHIPPED_DATA_DIR } from "../ledger/index.ts";
import { keepTogether } from "./docx-runs.ts";
import { regimeOn, shippedLegalRegimes } from "./legal-regimes.ts";
import { type CaseRecord, sortedTimeline } from "./model.ts";
import { WGEID_WORDS, type WgeidLang } from "./wgeid-words.ts";

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

/** Province names from the shipped jurisdictions (data/jurisdictions.csv), read once. */
let shippedPlaces: ReadonlyMap<string, { en: string; zh: string }> | undefined;
function shippedPlaceName(code: string, lang: WgeidLang): string | null {
  shippedPlaces ??= new Map(
    parseCsv(decodeUtf8(readFileSync(join(SHIPPED_DATA_DIR, "jurisdictions.csv")))).rows.map((r) => [
      r.code ?? "",
      { en: r.name_en ?? "", zh: r.name_zh ?? "" },
    ]),
  );
  const place = shippedPlaces.get(code);
  return place ? place[lang] || place.en : null;
}

export interface WgeidOptions {
  /** The document's language (default English). */
  readonly lang?: WgeidLang;
  /** A jurisdiction's name in that language (default: the shipped jurisdictions); null when unknown. */
  readonly placeName?: (code: string) => string | null;
}

const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });

/**
 * Builds the document in words (never a code: every value is said in the document's language);
 * throws WgeidRefusal when an element or the consent is missing.
 */
export async function wgeidDocx(
  caseId: string,
  record: CaseRecord,
  generatedOn: string,
  options: WgeidOptions = {},
): Promise<Buffer> {
  const missing = wgeidMissingElements(record);
  if (missing.length > 0) throw new WgeidRefusal(missing);
  const lang = options.lang ?? "en";
  const w = WGEID_WORDS[lang];
  const colon = lang === "zh" ? "：" : ": ";
  const line = (label: string, value: string | null | undefined) =>
    new Paragraph({
      children: [new TextRun({ text: `${label}${colon}`, bold: true }), ...keepTogether(value ?? w.none, lang)],
    });
  const p = record.person;
  const d = record.detention;
  const [year, month, day] = d.taken_on!.split("-");
  const submitter = record.submitter!;
  const consent = record.relatives_consent!;
  const place = (code: string) => options.placeName?.(code) ?? shippedPlaceName(code, lang) ?? code;
  const regime = regimeOn(shippedLegalRegimes(), d.taken_on!);
  const employer = p.employer
    ? `${p.employer}${p.employer_kind ? (lang === "zh" ? `（${w.employerKind[p.employer_kind]}）` : ` (${w.employerKind[p.employer_kind]})`) : ""}`
    : null;
  const children = [
    new Paragraph({ children: keepTogether(w.title, lang), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: keepTogether(w.intro(caseId, w.date(generatedOn)), lang) }),
    heading(w.headings[0]),
    line(w.labels.nameZh, p.name_zh),
    line(w.labels.namePinyin, p.name_pinyin),
    line(w.labels.aliases, p.aliases.length > 0 ? p.aliases.join(w.listSeparator) : null),
    line(w.labels.sex, w.sex[p.sex]),
    line(w.labels.birthYear, p.birth_year === null ? null : String(p.birth_year)),
    line(w.labels.position, p.position),
    line(w.labels.employer, employer),
    line(w.labels.relation, p.relation),
    heading(w.headings[1]),
    line(w.labels.year, year),
    line(w.labels.month, month),
    line(w.labels.day, day),
    heading(w.headings[2]),
    line(w.labels.place, d.place_last_seen),
    line(w.labels.province, d.jurisdiction ? place(d.jurisdiction) : null),
    heading(w.headings[3]),
    line(w.labels.perpetrators, record.perpetrators),
    line(w.labels.level, d.commission_level ? w.level[d.commission_level] : null),
    line(w.labels.law, regime ? w.law(lang === "zh" ? regime.name_zh : regime.name_en, regime.article) : w.noLaw),
    heading(w.headings[4]),
    new Paragraph({ children: keepTogether(record.steps_taken!, lang) }),
    heading(w.headings[5]),
    line(w.labels.submitter, submitter.name),
    line(w.labels.contact, submitter.contact),
    line(w.labels.confidentiality, submitter.confidential ? w.confidential : w.disclosable),
    line(w.labels.consent, w.consentGiven(w.date(consent.date), consent.by)),
    line(w.labels.publishName, record.consent_publish_name ? w.given : w.notGiven),
    heading(w.headings[6]),
    new Paragraph({ children: keepTogether(record.narrative ?? w.none, lang) }),
    heading(w.headings[7]),
    ...sortedTimeline(record).map(
      (e) =>
        new Paragraph({
          children: [
            ...keepTogether(`${w.date(e.date)} — ${w.event[e.kind]}`, lang, { bold: true }),
            ...keepTogether(w.eventDetail(w.confidence[e.confidence], e.source, e.note ?? null), lang),
          ],
        }),
    ),
  ];
  const doc = new Document({
    creator: "Liuzhi Monitor",
    title: lang === "zh" ? `致强迫或非自愿失踪问题工作组的来文 ${caseId}` : `WGEID communication ${caseId}`,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: "Liberation Serif", hAnsi: "Liberation Serif", eastAsia: "Noto Serif CJK SC" },
            size: 22,
            // Latin text (figures, addresses) is broken as Latin text in both languages; Chinese as zh-CN.
            language: { value: "en-GB", eastAsia: "zh-CN" },
          },
        },
        // The Chinese title (17 characters) on one line: at the default size its last one would stand alone.
        ...(lang === "zh" ? { title: { run: { size: 40 } } } : {}),
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
