/** Footnotes: their order of first use, and each source's note with its capture. */
import { publisherName, type Source, type SourceCaptureSummary, sourceTitle } from "../../core/index.ts";
import { formatDate } from "../format.ts";
import { type Lang, STRINGS } from "../i18n.ts";
import type { DateNote, Report, Section } from "./types.ts";

/** Source ids in order of first use, reading the sections in order (paragraphs, then tables row by row). */
export function footnoteOrder(sections: ReadonlyArray<Section>): string[] {
  const order: string[] = [];
  const add = (refs: ReadonlyArray<string> | undefined) => {
    for (const r of refs ?? []) if (!order.includes(r)) order.push(r);
  };
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.kind === "paragraph") add(block.paragraph.refs);
      if (block.kind === "table") {
        for (const row of block.table.rows) for (const cell of row.cells) if ("refs" in cell) add(cell.refs);
      }
    }
  }
  return order;
}

/** A piece of a footnote: plain text, or an address (which Markdown writes as a link). */
export type FootnotePart = { readonly text: string } | { readonly url: string };

/**
 * One footnote's pieces: publisher, title (as published, or ours in the reader's language), date,
 * URL, archived copy, and — when the source was captured — "captured on YYYY-MM-DD (SHA-256 first
 * 16 hex digits…)" of its latest capture; with the edition's own punctuation.
 */
export function footnoteParts(
  source: Source,
  lang: Lang,
  capture?: SourceCaptureSummary,
  dateNote?: DateNote,
): FootnotePart[] {
  const t = STRINGS[lang];
  const { comma, semicolon, colon, end } = t.footnote;
  const parts: FootnotePart[] = [{ text: publisherName(source, lang) }];
  const title = sourceTitle(source, lang).title;
  if (title) parts.push({ text: `${comma}${title}` });
  if (source.published) parts.push({ text: `${comma}${formatDate(source.published, lang)}` });
  if (source.url) parts.push({ text: comma }, { url: source.url });
  if (source.archived_url)
    parts.push({ text: `${semicolon}${t.footnote.archived}${colon}` }, { url: source.archived_url });
  if (capture)
    parts.push({ text: `${semicolon}${t.capture.captured(captureDate(capture), `${capture.sha256.slice(0, 16)}…`)}` });
  // A date the source cannot have (before the end of what it reports): the reader is told why it stands.
  if (dateNote) parts.push({ text: t.footnote.dateNote(dateNote.note, formatDate(dateNote.periodEnd, lang)) });
  parts.push({ text: end });
  return parts;
}

/** One footnote's text (footnoteParts joined). */
export function footnoteText(source: Source, lang: Lang, capture?: SourceCaptureSummary, dateNote?: DateNote): string {
  return footnoteParts(source, lang, capture, dateNote)
    .map((p) => ("url" in p ? p.url : p.text))
    .join("");
}

/** The UTC date (YYYY-MM-DD) of a capture. */
export function captureDate(capture: SourceCaptureSummary): string {
  return capture.captured_at.slice(0, 10);
}

/** A source's footnote as this report prints it (with its capture, when the report has one). */
export function sourceNote(report: Report, source: Source): string {
  return footnoteText(source, report.lang, report.captures?.get(source.id), report.dateNotes?.get(source.id));
}

/** A source's footnote as pieces (sourceNote's text, with the addresses kept apart). */
export function sourceNoteParts(report: Report, source: Source): FootnotePart[] {
  return footnoteParts(source, report.lang, report.captures?.get(source.id), report.dateNotes?.get(source.id));
}

/**
 * Sources dated before the end of a period they report on (a 2021 total published "21 January
 * 2021"): their data note, by source id, so the footnote shows why the date is as printed.
 */
export function impossibleDateNotes(
  sources: ReadonlyArray<Source>,
  observations: ReadonlyArray<{ readonly source_id: string; readonly period_end: string }>,
): Map<string, DateNote> {
  const out = new Map<string, DateNote>();
  for (const s of sources) {
    if (!s.published || !s.note) continue;
    const ends = observations
      .filter((o) => o.source_id === s.id && o.period_end > s.published!)
      .map((o) => o.period_end);
    if (ends.length > 0) out.set(s.id, { note: s.note, periodEnd: ends.sort().at(-1)! });
  }
  return out;
}
