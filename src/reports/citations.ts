/** Every source of the ledger as citations Zotero imports: BibTeX (biblatex, UTF-8) and CSL-JSON. Titles stay as published. */
import type { Ledger, Source } from "../core/index.ts";

const LANGUAGE = { zh: "zh-CN", en: "en" } as const;

const isReport = (s: Source) => /\.pdf$/i.test(s.url ?? "") || s.url === null;

function escapeBibtex(value: string): string {
  return value.replace(/[\\{}%&$#_^~]/g, (c) =>
    c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`,
  );
}

/** One @misc/@report entry per source, sorted by id; the publisher is the (corporate) author. */
export function toBibtex(ledger: Ledger): string {
  const entries = [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const fields: Array<[string, string]> = [
        ["author", `{${escapeBibtex(s.publisher)}}`],
        ["publisher", escapeBibtex(s.publisher)],
        ["title", escapeBibtex(s.title ?? s.url ?? s.id)],
      ];
      if (s.published) {
        fields.push(["date", s.published], ["year", s.published.slice(0, 4)]);
      }
      if (s.url) fields.push(["url", s.url]);
      if (s.title_lang) fields.push(["langid", s.title_lang === "zh" ? "chinese" : "english"]);
      if (s.title_lang) fields.push(["language", LANGUAGE[s.title_lang]]);
      if (s.archived_url) fields.push(["note", `Archived: \\url{${s.archived_url}}`]);
      return `@${isReport(s) ? "report" : "online"}{${s.id},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
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
  readonly URL?: string;
  readonly language?: string;
  readonly note?: string;
}

export function toCslItems(ledger: Ledger): CslItem[] {
  return [...ledger.sources]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => ({
      id: s.id,
      type: isReport(s) ? "report" : "webpage",
      title: s.title ?? s.url ?? s.id,
      author: [{ literal: s.publisher }],
      publisher: s.publisher,
      ...(s.published ? { issued: { "date-parts": [s.published.split("-").map(Number)] } } : {}),
      ...(s.url ? { URL: s.url } : {}),
      ...(s.title_lang ? { language: LANGUAGE[s.title_lang] } : {}),
      ...(s.archived_url ? { note: `Archived: ${s.archived_url}` } : {}),
    }));
}

export function toCslJson(ledger: Ledger): string {
  return `${JSON.stringify(toCslItems(ledger), null, 2)}\n`;
}
