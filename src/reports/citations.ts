/**
 * Every source of the ledger as citations Zotero, biber and citeproc read: biblatex (UTF-8) and
 * CSL-JSON. Titles stay as published; a title in square brackets is ours (the page's own is not
 * known, and the source's note says so). The publisher is a corporate author, so it is braced as
 * one name ("… and …" never splits it); addresses never stand in for a title. The archived copy goes
 * where each format keeps it (CSL `archive`/`archive_location`, biblatex `addendum`), and the date
 * of the latest capture is the date accessed.
 */
import { isSuppliedTitle, type Ledger, type Source, type SourceCaptureSummary } from "../core/index.ts";

const LANGUAGE = { zh: "zh-CN", en: "en" } as const;
/** biblatex's language names (the `langid` and `language` fields). */
const BIBLATEX_LANGUAGE = { zh: "chinese", en: "english" } as const;

/** The latest capture of each source, by id (capture's `captureSummaries`); empty when none. */
export type Captures = ReadonlyMap<string, SourceCaptureSummary>;

/** A PDF, or a document with no address, is a report; anything else a web page. */
const isReport = (s: Source) => /\.pdf$/i.test(s.url ?? "") || s.url === null;

/** The title to cite: as published, else a bracketed description naming the publisher — never an address. */
export function citationTitle(s: Source): string {
  return s.title ?? `[Untitled document of the ${s.publisher}]`;
}

/** The language of the source, when its title says it (a title we supplied says nothing of the page's). */
function sourceLanguage(s: Source): "zh" | "en" | null {
  if (!s.title_lang || s.title === null || isSuppliedTitle(s.title)) return null;
  return s.title_lang;
}

function escapeBibtex(value: string): string {
  return value.replace(/[\\{}%&$#_^~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`,
  );
}

/** An address inside a braced field: braces and backslashes cannot occur in a URL we accept, `%` must be escaped outside `url`. */
const bibtexUrl = (url: string) => url.replace(/[{}\\]/g, encodeURIComponent);

const captureDay = (c: SourceCaptureSummary) => c.captured_at.slice(0, 10);

/**
 * One entry per source, sorted by id: `@report` (type, institution) for PDFs and documents without
 * an address, `@online` (organization) for web pages; `date` as published, or `XXXX` (ISO 8601-2:
 * year unspecified) when the source gives none, so the entry says the date is unknown instead of
 * leaving out a field biblatex requires.
 */
export function toBibtex(ledger: Ledger, captures: Captures = new Map()): string {
  const entries = [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const report = isReport(s);
      const corporate = `{${escapeBibtex(s.publisher)}}`;
      const lang = sourceLanguage(s);
      const capture = captures.get(s.id);
      const fields: Array<[string, string]> = [
        ["author", corporate],
        ["title", escapeBibtex(citationTitle(s))],
        ["date", s.published ?? "XXXX"],
        ...(report
          ? ([
              ["type", "Report"],
              ["institution", corporate],
            ] as Array<[string, string]>)
          : ([["organization", corporate]] as Array<[string, string]>)),
      ];
      if (s.url) fields.push(["url", bibtexUrl(s.url)]);
      if (s.url && capture) fields.push(["urldate", captureDay(capture)]);
      if (lang) fields.push(["langid", BIBLATEX_LANGUAGE[lang]], ["language", BIBLATEX_LANGUAGE[lang]]);
      if (s.archived_url)
        fields.push(["addendum", `Archived copy: \\url{${bibtexUrl(s.archived_url).replaceAll("%", "\\%")}}`]);
      return `@${report ? "report" : "online"}{${s.id},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
    });
  return `${entries.join("\n\n")}\n`;
}

export interface CslItem {
  readonly id: string;
  readonly type: "webpage" | "report";
  readonly title: string;
  readonly author: ReadonlyArray<{ readonly literal: string }>;
  readonly publisher: string;
  readonly issued?: { readonly "date-parts": ReadonlyArray<ReadonlyArray<number>> };
  readonly accessed?: { readonly "date-parts": ReadonlyArray<ReadonlyArray<number>> };
  readonly URL?: string;
  readonly language?: string;
  /** The archive holding a copy (its host, e.g. archive.ph), and the copy's address. */
  readonly archive?: string;
  readonly archive_location?: string;
  readonly note?: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const dateParts = (iso: string) => ({ "date-parts": [iso.split("-").map(Number)] });

export function toCslItems(ledger: Ledger, captures: Captures = new Map()): CslItem[] {
  return [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const lang = sourceLanguage(s);
      const capture = captures.get(s.id);
      const title = citationTitle(s);
      return {
        id: s.id,
        type: isReport(s) ? "report" : "webpage",
        title,
        author: [{ literal: s.publisher }],
        publisher: s.publisher,
        ...(s.published ? { issued: dateParts(s.published) } : {}),
        ...(s.url && capture ? { accessed: dateParts(captureDay(capture)) } : {}),
        ...(s.url ? { URL: s.url } : {}),
        ...(lang ? { language: LANGUAGE[lang] } : {}),
        ...(s.archived_url
          ? { archive: hostOf(s.archived_url), archive_location: `archived copy: ${s.archived_url}` }
          : {}),
        ...(isSuppliedTitle(title) ? { note: "Title supplied: the document's own title is not known." } : {}),
      };
    });
}

export function toCslJson(ledger: Ledger, captures: Captures = new Map()): string {
  return `${JSON.stringify(toCslItems(ledger, captures), null, 2)}\n`;
}
