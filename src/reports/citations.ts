/**
 * Every source of the ledger as citations Zotero, biber and citeproc read: biblatex (UTF-8) and
 * CSL-JSON, in English or Chinese (`lang`: the publisher's name and a title we supplied in that
 * language; a page's own title always as published). A title in square brackets is ours (the page's
 * own is not known, and the source's note says so). The publisher is a corporate author, so it is
 * braced as one name ("… and …" never splits it); addresses never stand in for a title.
 *
 * Dates are the source's own: an undated source has no date field (never an invented or
 * "unspecified" one, which styles print as an empty year). The date accessed is that of the latest
 * capture that got an answer (HTTP 2xx), never of a failed one. The language is a BCP 47 tag, the
 * script told from the title's characters (zh-Hans, zh-Hant). The archived copy goes where each
 * format prints it once: biblatex `addendum`; CSL `archive_location` (Chicago prints it with the
 * archive's name, so no `archive` is given beside it).
 */
import {
  isSuppliedTitle,
  type Ledger,
  publisherName,
  type Source,
  type SourceCaptureSummary,
  sourceTitle,
} from "../core/index.ts";
import type { Lang } from "./i18n.ts";
import { chineseScript } from "./script.ts";

/** The words a citation adds of its own, in each language. */
const WORDS: Readonly<Record<Lang, { archived: string; untitled: (publisher: string) => string; supplied: string }>> = {
  en: {
    archived: "Archived copy: ",
    untitled: (publisher) => `[Untitled document of the ${publisher}]`,
    supplied: "Title supplied: the document's own title is not known.",
  },
  zh: {
    archived: "存档副本：",
    untitled: (publisher) => `[${publisher}无标题文件]`,
    supplied: "标题为编者所加：原文件标题不详。",
  },
};

/** The latest capture of each source, by id (capture's `captureSummaries`); empty when none. */
export type Captures = ReadonlyMap<string, SourceCaptureSummary>;

/** A PDF, or a document with no address, is a report; anything else a web page. */
const isReport = (s: Source) => /\.pdf$/i.test(s.url ?? "") || s.url === null;

/** The title to cite: as published, else a bracketed description naming the publisher — never an address. */
export function citationTitle(s: Source, lang: Lang = "en"): string {
  return sourceTitle(s, lang).title ?? WORDS[lang].untitled(publisherName(s, lang));
}

/**
 * The language of the source as a BCP 47 tag, when its title says it (a title we supplied says
 * nothing of the page's): en, or zh-Hans / zh-Hant by the title's script.
 */
export function sourceLanguage(s: Source): "en" | "zh-Hans" | "zh-Hant" | null {
  if (!s.title_lang || s.title === null || isSuppliedTitle(s.title)) return null;
  return s.title_lang === "zh" ? `zh-${chineseScript(s.title)}` : "en";
}

function escapeBibtex(value: string): string {
  return value.replace(/[\\{}%&$#_^~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`,
  );
}

/** An address inside a braced field: braces and backslashes cannot occur in a URL we accept, `%` must be escaped outside `url`. */
const bibtexUrl = (url: string) => url.replace(/[{}\\]/g, encodeURIComponent);

/** The day of the latest capture that got an answer: the date accessed (none when every capture failed). */
const accessedDay = (c: SourceCaptureSummary | undefined) => c?.succeeded_at?.slice(0, 10) ?? null;

/**
 * One entry per source, sorted by id: `@report` (type, institution) for PDFs and documents without
 * an address, `@online` (organization) for web pages; `date` as published, and none when the source
 * gives none (biber's data-model check then names the entry as undated, which it is).
 */
export function toBibtex(ledger: Ledger, captures: Captures = new Map(), lang: Lang = "en"): string {
  const entries = [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const report = isReport(s);
      const corporate = `{${escapeBibtex(publisherName(s, lang))}}`;
      const language = sourceLanguage(s);
      const accessed = accessedDay(captures.get(s.id));
      const fields: Array<[string, string]> = [
        ["author", corporate],
        ["title", escapeBibtex(citationTitle(s, lang))],
        ...(s.published ? ([["date", s.published]] as Array<[string, string]>) : []),
        ...(report
          ? ([
              ["type", "Report"],
              ["institution", corporate],
            ] as Array<[string, string]>)
          : ([["organization", corporate]] as Array<[string, string]>)),
      ];
      if (s.url) fields.push(["url", bibtexUrl(s.url)]);
      if (s.url && accessed) fields.push(["urldate", accessed]);
      // langid (hyphenation and the entry's language) as a BCP 47 tag, which biber maps; no
      // `language` field, which styles print as written.
      if (language) fields.push(["langid", language]);
      if (s.archived_url)
        fields.push(["addendum", `${WORDS[lang].archived}\\url{${bibtexUrl(s.archived_url).replaceAll("%", "\\%")}}`]);
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
  /** The archived copy: "Archived copy: URL" (Chicago prints it once, as the archive's location). */
  readonly archive_location?: string;
  readonly note?: string;
}

const dateParts = (iso: string) => ({ "date-parts": [iso.split("-").map(Number)] });

export function toCslItems(ledger: Ledger, captures: Captures = new Map(), lang: Lang = "en"): CslItem[] {
  return [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const language = sourceLanguage(s);
      const accessed = accessedDay(captures.get(s.id));
      const title = citationTitle(s, lang);
      const publisher = publisherName(s, lang);
      return {
        id: s.id,
        type: isReport(s) ? "report" : "webpage",
        title,
        author: [{ literal: publisher }],
        publisher,
        ...(s.published ? { issued: dateParts(s.published) } : {}),
        ...(s.url && accessed ? { accessed: dateParts(accessed) } : {}),
        ...(s.url ? { URL: s.url } : {}),
        ...(language ? { language } : {}),
        ...(s.archived_url ? { archive_location: `${WORDS[lang].archived}${s.archived_url}` } : {}),
        ...(isSuppliedTitle(title) ? { note: WORDS[lang].supplied } : {}),
      };
    });
}

export function toCslJson(ledger: Ledger, captures: Captures = new Map(), lang: Lang = "en"): string {
  return `${JSON.stringify(toCslItems(ledger, captures, lang), null, 2)}\n`;
}
