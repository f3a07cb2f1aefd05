/**
 * A source's own title, read from its capture: where the ledger has no title for a page, or only
 * one we supplied in square brackets, the `<title>` the captured page prints is proposed as a
 * correction for review — never written directly, and never proposed twice.
 */
import type { StoredCapture } from "../capture/index.ts";
import { isSuppliedTitle, type Source } from "../core/index.ts";
import { ChangeRefused, listChanges, proposeChange } from "../review/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { capturedBody } from "./captured-body.ts";
import { pageTitle } from "./page.ts";

/** Who these drafts are by: a program, which can neither sign in nor review. */
export const TITLE_AUTHOR = "capture:titles";

export interface TitleProposal {
  readonly source_id: string;
  readonly title: string;
  readonly title_lang: "zh" | "en";
  /** The draft filed, or null where the ledger's rules refused the title (`refused` says why). */
  readonly change_id: string | null;
  readonly refused: string | null;
}

/** Chinese characters in a title make it a Chinese title; otherwise it is taken as English. */
const titleLanguage = (title: string): "zh" | "en" => (/[\u3400-\u9fff]/.test(title) ? "zh" : "en");

/** A page title we would not want as a source's title: empty, or only its address. */
const usable = (title: string | null, source: Source): title is string =>
  title !== null && !/^https?:\/\//i.test(title) && title !== source.url;

/**
 * Files one draft per source whose title is missing or supplied and whose latest successful capture
 * prints a title; skips a source with a draft already pending. Returns what was filed or refused.
 */
export async function proposeCapturedTitles(
  db: LedgerDb,
  store: string,
  sources: ReadonlyArray<Source>,
  captured: ReadonlyArray<StoredCapture>,
): Promise<TitleProposal[]> {
  const pending = new Set(
    (await listChanges(db)).filter((c) => c.table === "sources" && c.status === "draft").map((c) => c.targetId),
  );
  const filed: TitleProposal[] = [];
  for (const capture of captured) {
    const source = sources.find((s) => s.id === capture.source_id);
    if (!source || pending.has(source.id) || capture.status < 200 || capture.status >= 300) continue;
    if (source.title !== null && !isSuppliedTitle(source.title)) continue;
    const title = pageTitle(capturedBody(store, capture));
    if (!usable(title, source)) continue;
    const title_lang = titleLanguage(title);
    const evidence = `Title as the page prints it (<title>), read from the capture of ${capture.captured_at} (WARC SHA-256 ${capture.warc.sha256}).`;
    try {
      const change = await proposeChange(db, {
        author: TITLE_AUTHOR,
        system: true,
        table: "sources",
        action: "update",
        // The supplied description (and its Chinese) gives way to the page's own title.
        row: { ...source, title, title_lang, title_zh: null, note: [source.note, evidence].filter(Boolean).join(" ") },
        reason: `The page's own title, read from its capture: ${title}`,
      });
      filed.push({ source_id: source.id, title, title_lang, change_id: change.id, refused: null });
    } catch (error) {
      // A title the ledger's rules refuse (a formula-like one, say) is reported, not filed.
      if (!(error instanceof ChangeRefused)) throw error;
      filed.push({ source_id: source.id, title, title_lang, change_id: null, refused: error.message });
    }
  }
  return filed;
}
