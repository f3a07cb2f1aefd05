/**
 * A source's own title, read from its capture: where the ledger has no title for a page, or only
 * one we supplied in square brackets, the `<title>` the captured HTML page prints is proposed as a
 * correction for review — never written directly. A title proposed once (pending, approved or
 * rejected) is not proposed again.
 */
import type { StoredCapture } from "../capture/index.ts";
import { isSuppliedTitle } from "../core/index.ts";
import { readLedger } from "../ledger/index.ts";
import { ChangeRefused, listChanges, proposeChange } from "../review/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { capturedBody } from "./captured-body.ts";
import { pageTitle } from "./page.ts";

/** Who these drafts are by: a program, which can neither sign in nor review. */
export const TITLE_AUTHOR = "capture:titles";

export interface TitleProposal {
  readonly source_id: string;
  readonly title: string | null;
  readonly title_lang: "zh" | "en" | null;
  /** The draft filed, or null where the title was not proposed (`refused` says why). */
  readonly change_id: string | null;
  readonly refused: string | null;
}

/** Chinese characters in a title make it a Chinese title; otherwise it is taken as English. */
const titleLanguage = (title: string): "zh" | "en" => (/[\u3400-\u9fff]/.test(title) ? "zh" : "en");

/**
 * Characters no title may hold, whatever a page sends: controls (an escape sequence would reach the
 * terminal), Unicode format characters (invisible to a reviewer) and lone surrogates.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]|\p{Cf}|\p{Cs}/u;

/**
 * Files one draft per source whose title is missing or supplied and whose capture (an HTML page
 * answered 2xx) prints a `<title>`, reading the ledger as it is now; skips a source with a draft
 * pending and a title proposed before. Returns what was filed or refused; never throws for one page.
 */
export async function proposeCapturedTitles(
  db: LedgerDb,
  store: string,
  captured: ReadonlyArray<StoredCapture>,
): Promise<TitleProposal[]> {
  const { sources } = await readLedger(db);
  const changes = (await listChanges(db)).filter((c) => c.table === "sources");
  const pending = new Set(changes.filter((c) => c.status === "draft").map((c) => c.targetId));
  const proposedBefore = (id: string, title: string) =>
    changes.some((c) => c.author === TITLE_AUTHOR && c.targetId === id && c.row.title === title);
  const out: TitleProposal[] = [];
  for (const capture of captured) {
    const source = sources.find((s) => s.id === capture.source_id);
    if (!source || pending.has(source.id) || capture.status < 200 || capture.status >= 300) continue;
    if (source.title !== null && !isSuppliedTitle(source.title)) continue;
    if (!/html/i.test(capture.content_type ?? "")) continue;
    const refuse = (title: string | null, why: string) =>
      out.push({ source_id: source.id, title, title_lang: null, change_id: null, refused: why });
    let html: string;
    try {
      html = capturedBody(store, capture);
    } catch (error) {
      refuse(null, `its capture could not be read: ${(error as Error).message}`);
      continue;
    }
    // The <title> only (pageTitle falls back to <h1>, which is not the page's title).
    const title = /<title[\s>]/i.test(html) ? pageTitle(html) : null;
    if (title === null || /^https?:\/\//i.test(title) || title === source.url) continue;
    if (proposedBefore(source.id, title)) continue;
    if (UNSAFE.test(title)) {
      refuse(null, "its <title> holds control or invisible characters");
      continue;
    }
    const title_lang = titleLanguage(title);
    try {
      const change = await proposeChange(db, {
        author: TITLE_AUTHOR,
        system: true,
        table: "sources",
        action: "update",
        // The supplied description (and its Chinese) gives way to the page's own title.
        row: { ...source, title, title_lang, title_zh: null },
        reason: `The page's own <title>, read from its capture of ${capture.captured_at} (WARC SHA-256 ${capture.warc.sha256}): ${title}`,
      });
      out.push({ source_id: source.id, title, title_lang, change_id: change.id, refused: null });
    } catch (error) {
      // A title the ledger's rules refuse (a formula-like one, say) is reported, not filed.
      if (!(error instanceof ChangeRefused)) throw error;
      refuse(title, error.message);
    }
  }
  return out;
}
