import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { captureOne, type FetchPolicy, latestCapture, type StoredCapture } from "../capture/index.ts";
import type { WatchEntry } from "../core/index.ts";
import { readLedger } from "../ledger/index.ts";
import { listChanges } from "../review/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { capturedBody } from "./captured-body.ts";
import { extractFigures, type JurisdictionName } from "./extract/index.ts";
import { fileDrafts } from "./file-drafts.ts";
import { collectGarbage } from "./memory.ts";
import { pageTitle, publishedDate, releaseLinks, sourceIdFor } from "./page.ts";
import type { DraftMeta } from "./plan.ts";

export { MONITOR_AUTHOR } from "./file-drafts.ts";

export interface WatchOptions {
  readonly store: string;
  readonly policy: FetchPolicy;
  /** Visit every entry now, whatever its schedule. */
  readonly all: boolean;
  readonly now: Date;
  readonly software: string;
  readonly onProgress?: (line: string) => void;
}

export type Visit = {
  readonly watch_id: string;
  readonly url: string;
  readonly source_id: string | null;
  readonly outcome: "new" | "changed" | "unchanged" | "not-due" | "failed" | "listing";
  readonly detail: string;
};

export interface Filed {
  readonly change_id: string;
  readonly action: "create" | "update";
  readonly table: "observations" | "sources";
  readonly id: string;
  readonly measure: string | null;
  readonly value: number | null;
  readonly printed: string | null;
  readonly confidence: number | null;
  readonly conflict: DraftMeta["conflict"];
}

export interface WatchReport {
  readonly visits: Visit[];
  readonly filed: Filed[];
  readonly skipped: Array<{
    readonly url: string;
    readonly measure: string;
    readonly printed: string;
    readonly why: string;
  }>;
  readonly failed: Array<{ readonly url: string; readonly error: string }>;
}

const DAY = 86_400_000;

function due(capture: StoredCapture | null, entry: WatchEntry, now: Date): boolean {
  return capture === null || now.getTime() - Date.parse(capture.captured_at) >= entry.every_days * DAY - 60_000;
}

/**
 * Visits the watch list: each entry that is due (or all, with `all`), captured through the capture
 * machinery (politeness, WARC, SHA-256, charsets); for each page new or changed since its last
 * capture, reads its figures and files drafts for review. Never publishes; never files twice.
 */
export async function runWatch(
  db: LedgerDb,
  entries: ReadonlyArray<WatchEntry>,
  jurisdictions: ReadonlyArray<JurisdictionName>,
  options: WatchOptions,
): Promise<WatchReport> {
  const report: WatchReport = { visits: [], filed: [], skipped: [], failed: [] };
  const log = (line: string) => options.onProgress?.(line);

  const sourceIdOf = async (entry: WatchEntry, url: string) => {
    const ledger = await readLedger(db);
    const known = ledger.sources.find((s) => s.url === url);
    if (known) return known.id;
    const drafted = (await listChanges(db)).find(
      (c) => c.table === "sources" && c.action === "create" && c.row.url === url && c.status !== "rejected",
    );
    return drafted ? drafted.targetId : sourceIdFor(entry.id, url, (s) => createHash("sha256").update(s).digest("hex"));
  };

  const visitRelease = async (entry: WatchEntry, url: string, schedule: boolean) => {
    const sourceId = await sourceIdOf(entry, url);
    const previous = latestCapture(options.store, sourceId);
    if (schedule && !options.all && !due(previous, entry, options.now)) {
      report.visits.push({
        watch_id: entry.id,
        url,
        source_id: sourceId,
        outcome: "not-due",
        detail: `looked at ${previous?.captured_at}`,
      });
      return;
    }
    let capture: StoredCapture;
    try {
      capture = await captureOne({ id: sourceId, url, archived_url: null }, options);
    } catch (error) {
      report.failed.push({ url, error: (error as Error).message });
      report.visits.push({
        watch_id: entry.id,
        url,
        source_id: sourceId,
        outcome: "failed",
        detail: (error as Error).message,
      });
      return;
    } finally {
      // The fetched body is on disk now: its memory is not carried into reading the text.
      collectGarbage();
    }
    if (capture.status < 200 || capture.status >= 300) {
      const error = `answered ${capture.status} ${capture.status_text}`.trimEnd();
      report.failed.push({ url, error });
      report.visits.push({ watch_id: entry.id, url, source_id: sourceId, outcome: "failed", detail: error });
      return;
    }
    const changed = previous !== null && previous.payload.sha256 !== capture.payload.sha256;
    if (previous !== null && !changed) {
      report.visits.push({
        watch_id: entry.id,
        url,
        source_id: sourceId,
        outcome: "unchanged",
        detail: `same SHA-256 as ${previous.captured_at}`,
      });
      log(`${url}: unchanged`);
      return;
    }
    report.visits.push({
      watch_id: entry.id,
      url,
      source_id: sourceId,
      outcome: changed ? "changed" : "new",
      detail: `WARC ${capture.warc.sha256}`,
    });
    if (!capture.text) {
      const error = capture.text_refused ?? "no readable text (not HTML or text): preserved, but nothing to read";
      report.failed.push({ url, error });
      log(`${url}: ${error}`);
      return;
    }
    const text = readFileSync(join(options.store, capture.text.file), "utf8");
    const published = publishedDate(text, url);
    const figures = extractFigures(text, { published, jurisdiction: entry.jurisdiction, jurisdictions });
    log(`${url}: ${changed ? "changed" : "new"}, ${figures.length} figure(s) read`);
    if (figures.length === 0) return;
    await fileDrafts(db, report, {
      watchId: entry.id,
      publisher: entry.publisher,
      url,
      sourceUrl: url,
      sourceId,
      capture,
      title: pageTitle(capturedBody(options.store, capture)),
      published,
      figures,
      by: "liuzhi watch",
    });
  };

  const visitEntry = async (entry: WatchEntry) => {
    if (entry.kind === "page") {
      await visitRelease(entry, entry.url, true);
      return;
    }
    const previous = latestCapture(options.store, entry.id);
    if (!options.all && !due(previous, entry, options.now)) {
      report.visits.push({
        watch_id: entry.id,
        url: entry.url,
        source_id: null,
        outcome: "not-due",
        detail: `looked at ${previous?.captured_at}`,
      });
      return;
    }
    const listing = await captureOne({ id: entry.id, url: entry.url, archived_url: null }, options);
    const links = releaseLinks(capturedBody(options.store, listing), listing.final_url, entry.link_pattern);
    report.visits.push({
      watch_id: entry.id,
      url: entry.url,
      source_id: null,
      outcome: "listing",
      detail: `${links.length} release link(s)`,
    });
    log(`${entry.url}: listing, ${links.length} release link(s)`);
    for (const link of links) {
      // A release already captured is looked at again only when it is itself on the watch list.
      if (latestCapture(options.store, await sourceIdOf(entry, link)) !== null) continue;
      try {
        await visitRelease(entry, link, false);
      } catch (error) {
        report.failed.push({ url: link, error: (error as Error).message });
        log(`${link}: failed: ${(error as Error).message}`);
      }
      collectGarbage();
    }
  };

  // One bad page (too long, unreadable, a failure while filing) is reported, and the run goes on.
  for (const entry of entries) {
    try {
      await visitEntry(entry);
    } catch (error) {
      report.failed.push({ url: entry.url, error: (error as Error).message });
      log(`${entry.url}: failed: ${(error as Error).message}`);
    }
    // Within the run's memory budget: no page's garbage is carried into the next.
    collectGarbage();
  }
  return report;
}
