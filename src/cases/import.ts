import { type Clock, systemClock } from "../audit/index.ts";
import { CsvError, decodeUtf8, parseCsv, type RowIssue } from "../core/index.ts";
import type { LedgerDb } from "../store/index.ts";
import type { CaseKey } from "./crypto.ts";
import { type CaseRecord, caseSchema } from "./model.ts";
import { insertCases } from "./store.ts";

/**
 * Cases from CSV, with the ledger import's rules: UTF-8, one header row, every problem named by
 * row and column (RowIssue, written with formatIssue), and all or nothing — one bad row and no case
 * is added. One row per case; the timeline gets the "taken" event (taken_source, taken_confidence)
 * and, where given, an "extension-approved" event; a fuller timeline is added with `case add`.
 */

export const CASE_CSV_COLUMNS = [
  "name_zh",
  "name_pinyin",
  "aliases",
  "sex",
  "birth_year",
  "position",
  "employer",
  "employer_kind",
  "relation",
  "taken_on",
  "place_last_seen",
  "commission_level",
  "jurisdiction",
  "taken_source",
  "taken_confidence",
  "extension_approved_on",
  "extension_source",
  "extension_confidence",
  "perpetrators",
  "steps_taken",
  "narrative",
  "submitter_name",
  "submitter_contact",
  "submitter_confidential",
  "consent_date",
  "consent_by",
  "consent_publish_name",
  "status",
] as const;

type Column = (typeof CASE_CSV_COLUMNS)[number];

/** Where a model path comes from in the CSV, so schema issues name their column. */
const COLUMN_OF: Record<string, Column> = {
  "person.name_zh": "name_zh",
  "person.name_pinyin": "name_pinyin",
  "person.aliases": "aliases",
  "person.sex": "sex",
  "person.birth_year": "birth_year",
  "person.position": "position",
  "person.employer": "employer",
  "person.employer_kind": "employer_kind",
  "person.relation": "relation",
  "detention.taken_on": "taken_on",
  "detention.place_last_seen": "place_last_seen",
  "detention.commission_level": "commission_level",
  "detention.jurisdiction": "jurisdiction",
  "taken.source": "taken_source",
  "taken.confidence": "taken_confidence",
  "taken.date": "taken_on",
  "extension-approved.date": "extension_approved_on",
  "extension-approved.source": "extension_source",
  "extension-approved.confidence": "extension_confidence",
  perpetrators: "perpetrators",
  steps_taken: "steps_taken",
  narrative: "narrative",
  "submitter.name": "submitter_name",
  "submitter.contact": "submitter_contact",
  "relatives_consent.date": "consent_date",
  "relatives_consent.by": "consent_by",
  status: "status",
};

const empty = (v: string | undefined) => v === undefined || v.trim() === "";

function yesNo(value: string | undefined, column: Column, issues: RowIssue[], row: number, fallback: boolean) {
  if (empty(value)) return fallback;
  const v = value!.trim().toLowerCase();
  if (v === "yes" || v === "true") return true;
  if (v === "no" || v === "false") return false;
  issues.push({ row, column, message: `must be yes or no, got '${value}'` });
  return fallback;
}

/** One CSV row as a case input (before validation), and the issues found while converting. */
function rowToInput(cells: Readonly<Record<string, string>>, row: number, issues: RowIssue[]): unknown {
  const v = (c: Column) => (empty(cells[c]) ? null : cells[c]!.trim());
  let birthYear: number | null = null;
  if (v("birth_year") !== null) {
    if (/^\d{4}$/.test(v("birth_year")!)) birthYear = Number(v("birth_year"));
    else issues.push({ row, column: "birth_year", message: `must be a four-digit year, got '${cells.birth_year}'` });
  }
  const timeline: unknown[] = [];
  if (v("taken_on") !== null || v("taken_source") !== null || v("taken_confidence") !== null) {
    for (const c of ["taken_on", "taken_source", "taken_confidence"] as const)
      if (v(c) === null) issues.push({ row, column: c, message: "is required for the 'taken' event" });
    timeline.push({
      date: v("taken_on") ?? "",
      kind: "taken",
      source: v("taken_source") ?? "",
      confidence: v("taken_confidence") ?? "",
    });
  }
  if (v("extension_approved_on") !== null || v("extension_source") !== null || v("extension_confidence") !== null) {
    for (const c of ["extension_approved_on", "extension_source", "extension_confidence"] as const)
      if (v(c) === null) issues.push({ row, column: c, message: "is required for the 'extension-approved' event" });
    timeline.push({
      date: v("extension_approved_on") ?? "",
      kind: "extension-approved",
      source: v("extension_source") ?? "",
      confidence: v("extension_confidence") ?? "",
    });
  }
  const hasSubmitter = v("submitter_name") !== null || v("submitter_contact") !== null;
  const hasConsent = v("consent_date") !== null || v("consent_by") !== null;
  return {
    person: {
      name_zh: v("name_zh"),
      name_pinyin: v("name_pinyin"),
      aliases: (v("aliases") ?? "")
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean),
      sex: v("sex") ?? "unknown",
      birth_year: birthYear,
      position: v("position"),
      employer: v("employer"),
      employer_kind: v("employer_kind"),
      relation: v("relation"),
    },
    detention: {
      taken_on: v("taken_on"),
      place_last_seen: v("place_last_seen"),
      commission_level: v("commission_level"),
      jurisdiction: v("jurisdiction") ?? "",
    },
    timeline,
    perpetrators: v("perpetrators"),
    steps_taken: v("steps_taken"),
    narrative: v("narrative"),
    submitter: hasSubmitter
      ? {
          name: v("submitter_name") ?? "",
          contact: v("submitter_contact"),
          confidential: yesNo(cells.submitter_confidential, "submitter_confidential", issues, row, true),
        }
      : null,
    relatives_consent: hasConsent ? { date: v("consent_date") ?? "", by: v("consent_by") ?? "" } : null,
    consent_publish_name: yesNo(cells.consent_publish_name, "consent_publish_name", issues, row, false),
    status: v("status") ?? "open",
  };
}

/** Validates CSV bytes into case records; issues name row and column. Pure but for the jurisdictions given. */
export function parseCaseCsv(
  bytes: Uint8Array,
  jurisdictions: ReadonlySet<string>,
): { records: CaseRecord[]; issues: RowIssue[] } {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(decodeUtf8(bytes));
  } catch (error) {
    if (error instanceof CsvError)
      return { records: [], issues: [{ row: error.row, column: null, message: error.message }] };
    throw error;
  }
  const issues: RowIssue[] = [];
  const unknown = table.header.filter((h) => !(CASE_CSV_COLUMNS as ReadonlyArray<string>).includes(h));
  if (unknown.length > 0) issues.push({ row: null, column: null, message: `unknown column(s): ${unknown.join(", ")}` });
  const duplicated = table.header.filter((h, i) => table.header.indexOf(h) !== i);
  if (duplicated.length > 0)
    issues.push({ row: null, column: null, message: `repeated column(s): ${duplicated.join(", ")}` });
  if (!table.header.includes("jurisdiction"))
    issues.push({ row: null, column: "jurisdiction", message: "the header has no jurisdiction column" });
  if (!table.header.includes("name_zh") && !table.header.includes("name_pinyin"))
    issues.push({ row: null, column: "name_zh", message: "the header needs a name_zh or name_pinyin column" });
  if (issues.length > 0) return { records: [], issues };
  if (table.rows.length === 0)
    return { records: [], issues: [{ row: null, column: null, message: "the file has no data rows" }] };
  const records: CaseRecord[] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 1;
    const before = issues.length;
    const input = rowToInput(cells, row, issues);
    const result = caseSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        let path = issue.path.map(String).join(".");
        if (issue.path[0] === "timeline") {
          // Events are told apart by kind, not position: name the CSV column of that event's field.
          const event = (input as { timeline: Array<{ kind: string }> }).timeline[Number(issue.path[1])];
          path = `${event?.kind ?? "taken"}.${String(issue.path[2])}`;
        }
        const column = COLUMN_OF[path] ?? COLUMN_OF[issue.path.slice(0, 2).map(String).join(".")] ?? null;
        // The converter already named missing event fields; skip zod's duplicate.
        if (column && issues.slice(before).some((i) => i.column === column)) continue;
        issues.push({ row, column, message: issue.message });
      }
    } else if (!jurisdictions.has(result.data.detention.jurisdiction)) {
      issues.push({
        row,
        column: "jurisdiction",
        message: `'${result.data.detention.jurisdiction}' is not a jurisdiction of the ledger`,
      });
    } else if (issues.length === before) records.push(result.data);
  });
  return { records: issues.length > 0 ? [] : records, issues };
}

/** Imports a CSV file's cases, all or nothing; a dry run writes nothing. */
export async function importCases(
  db: LedgerDb,
  key: CaseKey,
  bytes: Uint8Array,
  options: { actor: string; file: string; dryRun: boolean; clock?: Clock },
): Promise<{ ids: string[]; count: number; issues: RowIssue[] }> {
  const known = new Set((await db.selectFrom("jurisdictions").select("code").execute()).map((r) => r.code));
  const { records, issues } = parseCaseCsv(bytes, known);
  if (issues.length > 0 || options.dryRun) return { ids: [], count: records.length, issues };
  const ids = await db.transaction().execute((trx) =>
    insertCases(trx, key, records, {
      actor: options.actor,
      // Never the file name: files are often named after the person, and the log is never purged.
      reason: "case import",
      clock: options.clock ?? systemClock,
    }),
  );
  return { ids, count: ids.length, issues: [] };
}
