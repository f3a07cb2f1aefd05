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

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** A date as pages print it: 2024-10-18, 2024/10/18, 2024年10月18日, Feb 26, 2024, July 22, 2025, 26 February 2024. */
const DATE =
  /(\d{4})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s(\d{1,2}),?\s(\d{4})\b|\b(\d{1,2})\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?,?\s(\d{4})\b/;

function dateIn(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  if (m[1]) return valid(m[1], m[2]!, m[3]!);
  if (m[4]) return valid(m[6]!, String(MONTH_NAMES.indexOf(m[4].toLowerCase()) + 1), m[5]!);
  return valid(m[9]!, String(MONTH_NAMES.indexOf(m[8]!.toLowerCase()) + 1), m[7]!);
}

/**
 * The publication date: a labelled date (发布时间, 发布日期, 日期, Published, Updated, date), then
 * a date in the address (t20241018_…), then a dateline: a line that starts with a date, then a date
 * stamped with its time of day near the top. Never the
 * first date-like string of the prose (a cut-off, a founding date, an event). Null when none is
 * found (the reviewer fills it in).
 */
export function publishedDate(text: string, url: string | null): string | null {
  const lines = text.split("\n");
  for (const line of lines) {
    const labelled =
      /(?:发布时间|发布日期|發布時間|發佈時間|發布日期|时间|日期|時間|\b(?:Published|Updated|Posted|Date)\b|^\s*date\b)\s{0,3}[:：]?\s{0,3}(.{0,40})/i.exec(
        line,
      );
    if (!labelled) continue;
    // "Published: 11:36, July 22, 2025": the date may follow a time.
    const iso = dateIn(labelled[1]!.replace(/^\d{1,2}:\d{2}(?::\d{2})?\s{0,2},?\s{0,2}/, ""));
    if (iso) return wireDate(lines, iso) ?? iso;
  }
  const inUrl = url ? /(?:^|[^\d])(20\d{2})(\d{2})(\d{2})(?:[^\d]|$)/.exec(url) : null;
  if (inUrl) {
    const iso = valid(inUrl[1]!, inUrl[2]!, inUrl[3]!);
    if (iso) return iso;
  }
  for (const line of lines) {
    const start = line.trimStart();
    if (!DATE.test(start.slice(0, 24)) || DATE.exec(start)!.index !== 0) continue;
    const iso = dateIn(start);
    if (iso) return iso;
  }
  // A page stamp near the top: a date with its time of day (2025-10-29 09:25, 2025年10月29日 15:16).
  for (const line of lines.slice(0, 8)) {
    const stamp = new RegExp(`(?:${DATE.source})\\s{0,3}(?:日\\s{0,3})?\\d{1,2}:\\d{2}`).exec(line);
    if (stamp) {
      const iso = dateIn(stamp[0]);
      if (iso) return iso;
    }
  }
  return null;
}

/**
 * A wire dateline (中新网 3月8日电, 新华社北京1月19日电) dates the article itself: a mirror that
 * republished it later stamps its own day. The year is the stamp's, or the one before when the
 * dateline's day comes after the stamp.
 */
function wireDate(lines: ReadonlyArray<string>, stamped: string): string | null {
  for (const line of lines.slice(0, 15)) {
    const m = /(?<!\d)(1[0-2]|[1-9])月([12]\d|3[01]|[1-9])日(?:电|訊|讯|電)/.exec(line);
    if (!m) continue;
    const year = Number(stamped.slice(0, 4));
    const same = valid(String(year), m[1]!, m[2]!);
    if (same === null) return null;
    return same <= stamped ? same : valid(String(year - 1), m[1]!, m[2]!);
  }
  return null;
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
