/**
 * Beside a draft the monitor filed (liuzhi watch): the archived copy it was read from, with the
 * sentence highlighted, the capture's date and hash, the confidence and its reason, and any conflict
 * with the ledger, so the reviewer checks the figure against the page itself before approving,
 * correcting or rejecting it. Read from the capture store; nothing here is fetched from the web.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Change } from "../../review/index.ts";
import { html, type SafeHtml } from "./html.ts";
import { MONITOR_WORDS, type MonitorWords } from "./monitor-words.ts";
import type { EditLang } from "./words.ts";

interface MonitorMeta {
  readonly kind: "monitor";
  readonly url: string;
  readonly capture: {
    readonly captured_at: string;
    readonly warc_sha256: string;
    readonly text_file: string | null;
    readonly text_sha256: string | null;
  };
  readonly sentence: { readonly start: number; readonly end: number } | null;
  readonly printed?: string;
  readonly confidence: number | null;
  readonly confidence_reason?: string;
  /** The same reason in Chinese (drafts filed before it was recorded have none). */
  readonly confidence_reason_zh?: string;
  readonly conflict?: { readonly with: "ledger" | "draft"; readonly id: string; readonly value: number } | null;
}

const TEXT_FILE = /^text\/[0-9a-f]{64}\.txt$/;

function monitorMeta(change: Change): MonitorMeta | null {
  const meta = change.meta as Partial<MonitorMeta> | null;
  return meta?.kind === "monitor" && typeof meta.url === "string" && meta.capture ? (meta as MonitorMeta) : null;
}

/** The archived text, if the store holds it and it still has the hash recorded when the draft was filed. */
function archivedText(
  meta: MonitorMeta,
  store: string | undefined,
  mw: MonitorWords,
): { text: string } | { problem: string } {
  const file = meta.capture.text_file;
  if (!store) return { problem: mw.problems.noStore };
  if (!file || !TEXT_FILE.test(file)) return { problem: mw.problems.noText };
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(store, file));
  } catch {
    return { problem: mw.problems.notInStore(file) };
  }
  if (createHash("sha256").update(bytes).digest("hex") !== meta.capture.text_sha256) {
    return { problem: mw.problems.hashChanged(file) };
  }
  return { text: bytes.toString("utf8") };
}

/** Lines of `text` from `from` to `to` (offsets), with [start, end) marked. */
function marked(text: string, start: number, end: number, id: string | null): SafeHtml {
  const lines: SafeHtml[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const lineEnd = at + line.length;
    if (start < lineEnd + 1 && end > at && start >= at) {
      const a = start - at;
      const b = Math.min(end - at, line.length);
      lines.push(
        html`<p>${line.slice(0, a)}<mark${id ? html` id="${id}"` : ""}>${line.slice(a, b)}</mark>${line.slice(b)}</p>`,
      );
    } else lines.push(html`<p>${line}</p>`);
    at = lineEnd + 1;
  }
  return html`${lines}`;
}

/** The paragraph holding [start, end) and one on each side. */
function excerpt(text: string, start: number, end: number): SafeHtml {
  const lines = text.split("\n");
  let at = 0;
  let index = 0;
  for (let i = 0; i < lines.length; i++) {
    if (start >= at && start <= at + lines[i]!.length) {
      index = i;
      break;
    }
    at += lines[i]!.length + 1;
  }
  const from = Math.max(0, index - 1);
  const to = Math.min(lines.length, index + 2);
  const offset = lines.slice(0, from).reduce((n, l) => n + l.length + 1, 0);
  return marked(lines.slice(from, to).join("\n"), start - offset, end - offset, "source-sentence");
}

/** The evidence panel for a monitor draft in the page's language, or null for a person's change. */
export function monitorEvidence(change: Change, store: string | undefined, lang: EditLang = "en"): SafeHtml | null {
  const meta = monitorMeta(change);
  if (!meta) return null;
  const mw = MONITOR_WORDS[lang];
  const quote = typeof change.row.quote === "string" ? change.row.quote : "";
  const archived = archivedText(meta, store, mw);
  // The extractor's reason in the page's language; a Chinese page without a Chinese reason shows the figure alone.
  const reason = lang === "zh" ? (meta.confidence_reason_zh ?? "") : (meta.confidence_reason ?? "");
  const sentence = meta.sentence;
  const found = "text" in archived && sentence && archived.text.slice(sentence.start, sentence.end) === quote;
  const copy =
    "text" in archived && sentence && found
      ? html`<div class="archived" lang="zh">${excerpt(archived.text, sentence.start, sentence.end)}</div>
<details><summary>${mw.wholeCopy}</summary><div class="archived" lang="zh">${marked(archived.text, sentence.start, sentence.end, null)}</div></details>`
      : html`<p class="notice" role="status">${mw.cannotShow(
          "problem" in archived ? archived.problem : mw.problems.notAtPlace,
        )}</p>${quote ? html`<div class="archived" lang="zh"><p><mark id="source-sentence">${quote}</mark></p></div>` : ""}`;
  const conflict = meta.conflict
    ? html`<p class="notice" role="alert"><strong>${mw.conflict}</strong> ${
        meta.conflict.with === "ledger"
          ? html`${mw.ledgerObservation} <a href="/edit/observations/${encodeURIComponent(meta.conflict.id)}/history">${meta.conflict.id}</a>`
          : html`${mw.draft} <a href="/edit/changes/${encodeURIComponent(meta.conflict.id)}">${meta.conflict.id.slice(0, 8)}</a>`
      }${mw.conflictValues(meta.conflict.value, String(change.row.value ?? ""), meta.printed ?? null)}</p>`
    : "";
  const correct =
    change.status === "draft" && change.table === "observations"
      ? html`<p><a href="/edit/new/${change.table}?from=${encodeURIComponent(change.id)}">${mw.proposeCorrected}</a>${mw.thenReject}</p>`
      : "";
  return html`<h2>${mw.heading}</h2>
${conflict}
<dl>
<dt>${mw.page}</dt><dd>${/^https?:\/\//.test(meta.url) ? html`<a href="${meta.url}" rel="noreferrer noopener">${meta.url}</a>` : meta.url}</dd>
<dt>${mw.archivedCopy}</dt><dd>${mw.captured(meta.capture.captured_at)} <code>${meta.capture.warc_sha256}</code></dd>
${meta.confidence === null ? "" : html`<dt>${mw.confidence}</dt><dd>${String(meta.confidence)}${reason ? `${lang === "zh" ? "：" : ": "}${reason}` : ""}</dd>`}
</dl>
${sentence ? html`<h3>${mw.sentenceHeading}</h3>${copy}` : ""}
${correct}`;
}
