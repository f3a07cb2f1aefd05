import { z } from "zod";
import { freeTextIssue, isIsoDate, issue, type TextKind } from "../core/index.ts";

/**
 * An individual case, declared once with zod: the person, the detention, a dated timeline with a
 * source and a confidence level for each fact, and what the WGEID needs (perpetrators, steps taken,
 * submitter, relatives' consent). The whole record is personal data: it is stored only encrypted
 * (see store.ts), and only `CASE_PUBLIC_COLUMNS` are kept in clear.
 */

export const SEXES = ["female", "male", "other", "unknown"] as const;
export const EMPLOYER_KINDS = ["public-functionary", "soe", "school", "hospital", "other"] as const;
export const COMMISSION_LEVELS = ["central", "provincial", "municipal", "county"] as const;
export const EVENT_KINDS = [
  "taken",
  "family-informed",
  "family-not-informed",
  "extension-approved",
  /** Amended law (from 1 June 2025): a further extension by up to two months (ten years' imprisonment or more possible). */
  "second-extension-approved",
  /** Amended law: the period counted anew, once, when other serious duty-related offences are found. */
  "period-recounted",
  /** Measures short of liuzhi added by the amended law: 强制到案, 责令候查, 管护. */
  "compelled-appearance",
  "ordered-to-await-investigation",
  "custodial-protection",
  "transferred-for-prosecution",
  "indicted",
  "sentenced",
  "released",
  "died-in-custody",
  "wgeid-communication-sent",
  "wgeid-reply-received",
] as const;
export const CONFIDENCES = ["testimony", "media-report", "official-notice", "court-verdict"] as const;
export const CASE_STATUSES = ["open", "closed"] as const;

export type EventKind = (typeof EVENT_KINDS)[number];
export type Confidence = (typeof CONFIDENCES)[number];

/** Events that end the liuzhi detention itself (the deadline clock stops there). */
export const ENDING_EVENTS: ReadonlyArray<EventKind> = ["transferred-for-prosecution", "released", "died-in-custody"];

// Messages from the core's table (src/core/issues.ts), so the Chinese pages say them in Chinese.
/** Every case text under the core's one text policy (characters, length, no formula start). */
const policed = (kind: TextKind) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = freeTextIssue(v, kind);
      if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { detail: problem.detail } });
    });
const text = policed("line").pipe(z.string().min(1, issue("required").message));
const optional = (kind: TextKind) =>
  policed(kind)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null);
const optionalText = optional("line");
/** Free prose over several lines: a narrative, the steps taken, an event's note. */
const longText = optional("multiline");
export const isoDate = z
  .string()
  .trim()
  .refine(isIsoDate, { message: issue("dateWritten").message });
const currentYear = new Date().getUTCFullYear();
const BIRTH_YEAR = issue("birthYear").message;

export const personSchema = z
  .object({
    name_zh: optionalText,
    name_pinyin: optionalText,
    aliases: z.array(text).default([]),
    sex: z.enum(SEXES).default("unknown"),
    birth_year: z
      .number({ error: BIRTH_YEAR })
      .int(BIRTH_YEAR)
      .min(1900, BIRTH_YEAR)
      .max(currentYear, BIRTH_YEAR)
      .nullable()
      .default(null),
    position: optionalText,
    employer: optionalText,
    employer_kind: z.enum(EMPLOYER_KINDS).nullable().default(null),
    /** Relation to others under investigation (colleague of …, spouse of …). */
    relation: optionalText,
  })
  .strict()
  .refine((p) => p.name_zh !== null || p.name_pinyin !== null, {
    message: issue("needsName").message,
    path: ["name_zh"],
  });

export const detentionSchema = z
  .object({
    /** Date taken; null when not known (the WGEID export then refuses). */
    taken_on: isoDate.nullable().default(null),
    place_last_seen: optionalText,
    commission_level: z.enum(COMMISSION_LEVELS).nullable().default(null),
    /** A ledger jurisdiction code (CN-YN, …); checked against the ledger when the case is saved. */
    jurisdiction: z.string().regex(/^CN(-[A-Z]{2})?$/, issue("jurisdictionCode").message),
  })
  .strict();

export const eventSchema = z
  .object({
    date: isoDate,
    kind: z.enum(EVENT_KINDS),
    source: text,
    confidence: z.enum(CONFIDENCES),
    note: longText,
  })
  .strict();

export const consentSchema = z.object({ date: isoDate, by: text }).strict();

export const submitterSchema = z
  .object({
    name: text,
    contact: optionalText,
    /** The WGEID keeps the submitter's identity confidential on request. */
    confidential: z.boolean().default(true),
  })
  .strict();

export const caseSchema = z
  .object({
    person: personSchema,
    detention: detentionSchema,
    timeline: z.array(eventSchema).default([]),
    /** Who is believed to have carried out the detention (commission, officials, units). */
    perpetrators: longText,
    /** What relatives or others did to locate the person (inquiries, petitions, lawyers). */
    steps_taken: longText,
    narrative: longText,
    submitter: submitterSchema.nullable().default(null),
    relatives_consent: consentSchema.nullable().default(null),
    /** Publication of the name is allowed only when this is true. */
    consent_publish_name: z.boolean().default(false),
    status: z.enum(CASE_STATUSES).default("open"),
  })
  .strict();

export type CaseRecord = z.output<typeof caseSchema>;
export type CaseInput = z.input<typeof caseSchema>;
export type CaseEvent = z.output<typeof eventSchema>;

/** A stored case: its random id and its record. */
export interface StoredCase {
  readonly id: string;
  readonly record: CaseRecord;
}

/** The case's timeline sorted by date (stable for equal dates). */
export function sortedTimeline(record: CaseRecord): CaseEvent[] {
  return [...record.timeline].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Issues as "person.name_zh: needs a name" lines. */
export function describeZodIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** How a case is named where a name may appear (never in public output). */
export function displayName(record: CaseRecord): string {
  return [record.person.name_zh, record.person.name_pinyin].filter(Boolean).join(" / ");
}
