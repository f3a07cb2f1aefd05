/**
 * What a release page says about itself: its title, its publication date, and (for a listing) its
 * links to release pages on the same site. Pure functions over the decoded HTML or text.
 */

import { decodeEntities } from "./entities.ts";

export function pageTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const title = m
    ? decodeEntities(m[1]!.replace(/<[^>]*>/g, ""))
        .replace(/\s+/g, " ")
        .trim()
    : "";
  // Cut by code point, so a character outside the BMP is never split into half a surrogate pair.
  return title === "" ? null : [...title].slice(0, 300).join("");
}

const pad = (n: string) => n.padStart(2, "0");
const valid = (y: string, m: string, d: string) => {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
};

/**
 * The publication date: a 发布时间/日期 line first, then a date in the address (t20241018_…), then
 * the first full date in the text. Null when none is found (the reviewer fills it in).
 */
export function publishedDate(text: string, url: string | null): string | null {
  const labelled =
    /(?:发布时间|发布日期|發布時間|發佈時間|时间|日期)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(
      text,
    );
  if (labelled) {
    const iso = valid(labelled[1]!, labelled[2]!, labelled[3]!);
    if (iso) return iso;
  }
  const inUrl = url ? /(?:^|[^\d])(20\d{2})(\d{2})(\d{2})(?:[^\d]|$)/.exec(url) : null;
  if (inUrl) {
    const iso = valid(inUrl[1]!, inUrl[2]!, inUrl[3]!);
    if (iso) return iso;
  }
  const any = /(\d{4})\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?/.exec(text);
  return any ? valid(any[1]!, any[2]!, any[3]!) : null;
}

/** Links on a listing page to pages on the same site (same origin), optionally only those containing `pattern`. */
export function releaseLinks(html: string, base: string, pattern: string | null, limit = 20): string[] {
  const origin = new URL(base).origin;
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const href = decodeEntities(m[1] ?? m[2] ?? m[3] ?? "").trim();
    if (href === "" || href.startsWith("#") || /^(?:javascript|mailto|data):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    url.hash = "";
    if (url.origin !== origin || url.href === new URL(base).href) continue;
    if (pattern !== null && !url.href.includes(pattern)) continue;
    if (!out.includes(url.href)) out.push(url.href);
    if (out.length >= limit) break;
  }
  return out;
}

/** A source id for a page: the watch entry's id and the page's own name (t20241018-382271), lower-case. */
export function sourceIdFor(entryId: string, url: string, hash: (s: string) => string): string {
  const path = new URL(url).pathname.replace(/\/+$/, "");
  const last = (path.split("/").pop() ?? "").replace(/\.[a-z0-9]+$/i, "");
  const slug = last
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${entryId}-${slug === "" ? hash(url).slice(0, 10) : slug}`;
}
