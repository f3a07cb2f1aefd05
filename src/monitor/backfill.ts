import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { captureFile, latestCapture } from "../capture/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { capturedBody } from "./captured-body.ts";
import { extractFigures, type JurisdictionName } from "./extract/index.ts";
import { BACKFILL, fileDrafts } from "./file-drafts.ts";
import { pageTitle, publishedDate } from "./page.ts";
import type { WatchReport } from "./watch.ts";

export interface BackfillOptions {
  readonly store: string;
  readonly now: Date;
  readonly software: string;
  /** The publishers' territory, when the whole folder speaks for one; else each page's own is read. */
  readonly jurisdiction?: string | undefined;
  readonly onProgress?: (line: string) => void;
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/** A source id for a saved file: its name (when it has Latin letters or digits) and its content hash. */
export function savedSourceId(file: string, bytes: Buffer): string {
  const slug = basename(file)
    .replace(/\.[a-z0-9]+$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `saved-${slug === "" ? "" : `${slug}-`}${sha256(bytes).slice(0, 10)}`;
}

/**
 * Backfill: reads a folder of saved releases and files their figures as drafts, exactly as
 * `liuzhi watch` files a page's (same duplicate and conflict rules, same evidence): each file is
 * stored as a capture (WARC resource record, SHA-256, text extraction), read with the page as the
 * only input, and filed by `monitor:watch`. A file already captured with the same bytes is not read
 * again. Nothing is published: a reviewer approves each draft.
 */
export async function runBackfill(
  db: LedgerDb,
  files: ReadonlyArray<string>,
  jurisdictions: ReadonlyArray<JurisdictionName>,
  options: BackfillOptions,
): Promise<WatchReport> {
  const report: WatchReport = { visits: [], filed: [], skipped: [], failed: [] };
  for (const file of files) {
    const path = resolve(file);
    const url = pathToFileURL(path).href;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const message = `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
      report.failed.push({ url, error: message });
      report.visits.push({ watch_id: BACKFILL, url, source_id: null, outcome: "failed", detail: message });
      continue;
    }
    const sourceId = savedSourceId(path, bytes);
    const previous = latestCapture(options.store, sourceId);
    if (previous !== null && previous.payload.sha256 === sha256(bytes)) {
      report.visits.push({
        watch_id: BACKFILL,
        url,
        source_id: sourceId,
        outcome: "unchanged",
        detail: `read before (${previous.captured_at})`,
      });
      options.onProgress?.(`${file}: read before, skipped`);
      continue;
    }
    const contentType = /\.x?html?$/i.test(path) ? "text/html" : undefined;
    const capture = captureFile(
      options.store,
      { id: sourceId, uri: url, bytes, contentType },
      {
        capturedAt: options.now,
        software: options.software,
      },
    );
    report.visits.push({
      watch_id: BACKFILL,
      url,
      source_id: sourceId,
      outcome: "new",
      detail: `WARC ${capture.warc.sha256}`,
    });
    if (!capture.text) {
      report.failed.push({
        url,
        error: "not HTML or text (a PDF? paste its text into a .txt file): stored, nothing read",
      });
      continue;
    }
    const text = readFileSync(join(options.store, capture.text.file), "utf8");
    const published = publishedDate(text, null);
    const figures = extractFigures(text, { published, jurisdiction: options.jurisdiction ?? null, jurisdictions });
    options.onProgress?.(`${file}: ${figures.length} figure(s) read`);
    if (figures.length === 0) continue;
    const title =
      pageTitle(capturedBody(options.store, capture)) ??
      text
        .split("\n")
        .map((l) => l.trim())
        .find((l) => l !== "")
        ?.slice(0, 300) ??
      null;
    await fileDrafts(db, report, {
      watchId: BACKFILL,
      publisher: `[not known: read from the saved file ${basename(path)}]`,
      url,
      sourceUrl: null,
      sourceId,
      capture,
      title,
      published,
      figures,
      by: "liuzhi extract",
    });
  }
  return report;
}
