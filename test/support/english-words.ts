/**
 * Finds English words left in a Chinese output. What may stay English is said once here: web
 * addresses, the titles of English-language publications (the ledger's sources with
 * `title_lang = en`), and a short allowlist of names and technical terms a Chinese reader meets
 * untranslated (the product's name, file formats, hashes).
 */
import { isSuppliedTitle, type Ledger } from "../../src/core/index.ts";

/** Names and terms that stay as they are in the Chinese edition. */
export const ALLOWED_ENGLISH: ReadonlySet<string> = new Set(
  [
    // The product's own name, given once beside 留置监测.
    "Liuzhi",
    "Monitor",
    // Technical names a Chinese reader meets as they are.
    "SHA",
    "WARC",
    "JSON",
    "CSV",
    "API",
    "Frictionless",
    // Citation formats and the tools that read them, named as they are (downloads).
    "BibTeX",
    "biblatex",
    "CSL",
    "CSL-JSON",
    "Zotero",
    "pandoc",
    // `sha256sum -c SHA256SUMS`, the command that checks the downloads.
    "sum",
    "SUMS",
    "Word",
    "Excel",
    "HTML",
    "Markdown",
    "docx",
    "xlsx",
    "md",
    "html",
    "svg",
    "json",
    "csv",
    // ISO 3166-2 codes (CN, CN-BJ) beside province names in the ledger filter.
    "CN",
    // The UN Working Group's acronym, which the Chinese case pages give beside its Chinese name.
    "WGEID",
  ].map((w) => w.toLowerCase()),
);

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'，。；）)\]]+/g;
/** The hosts of the ledger's addresses: the Word tables show "www.ccdi.gov.cn", the link is in the footnote. */
function ledgerHosts(ledger: Ledger): string[] {
  const hosts = ledger.sources.flatMap((s) => (s.url ? [new URL(s.url).host] : []));
  return [...new Set(hosts)].sort((a, b) => b.length - a.length);
}

/** The titles of English-language publications in the ledger: they stay as published. */
export function englishTitles(ledger: Ledger): string[] {
  return (
    ledger.sources
      // A title in square brackets is ours, not a publication's: the Chinese edition says it in Chinese.
      .filter((s) => s.title_lang === "en" && s.title && !isSuppliedTitle(s.title))
      .map((s) => s.title!)
      .sort((a, b) => b.length - a.length)
  );
}

/**
 * The English words in `text` that are none of the allowed kinds, each with a little context.
 * Words are runs of two or more Latin letters; URLs, English titles, identifiers and ISO codes are
 * removed first. Commands (Markdown code spans, HTML <code>) are the caller's to remove.
 */
export function untranslatedWords(text: string, ledger: Ledger): string[] {
  let rest = text.replace(URL_PATTERN, " ");
  for (const host of ledgerHosts(ledger)) rest = rest.split(host).join(" ");
  for (const title of englishTitles(ledger)) rest = rest.split(title).join(" ");
  // Identifiers (a source's or an assumption's id, as the sources sheet lists them) are codes, not words.
  const ids = [...ledger.sources, ...ledger.assumptions, ...ledger.observations].map((r) => r.id);
  for (const id of ids.sort((a, b) => b.length - a.length)) rest = rest.split(id).join(" ");
  // ISO codes beside province names; hashes (SHA-256 in hex, or its first 16 digits).
  // A whole SHA-256 first: a table's text may run it into its label ("SHA-256af35…").
  rest = rest
    .replace(/[0-9a-f]{64}/g, " ")
    .replace(/\bCN-[A-Z]{2}\b/g, " ")
    .replace(/\b[0-9a-f]{16,64}\b/g, " ");
  const found = new Map<string, string>();
  for (const m of rest.matchAll(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g)) {
    const word = m[0];
    if (ALLOWED_ENGLISH.has(word.toLowerCase())) continue;
    if (!found.has(word)) {
      const at = m.index ?? 0;
      found.set(word, `${word} (…${rest.slice(Math.max(0, at - 30), at + word.length + 30).replace(/\s+/g, " ")}…)`);
    }
  }
  return [...found.values()];
}
