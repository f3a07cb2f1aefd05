import { type StoredCapture, withoutInvisible } from "../capture/index.ts";
import { readLedger } from "../ledger/index.ts";
import { ChangeRefused, listChanges, proposeChange } from "../review/index.ts";
import type { LedgerDb } from "../store/index.ts";
import type { Figure } from "./extract/index.ts";
import { type DraftMeta, planDrafts } from "./plan.ts";
import type { WatchReport } from "./watch.ts";

/** Who the monitor's drafts are by: a program, never an account, so it can never review them. */
export const MONITOR_AUTHOR = "monitor:watch";

/** The watch id of drafts read from a folder of saved releases (liuzhi extract DIR). */
export const BACKFILL = "backfill";

export interface ReleaseDrafts {
  /** The watch-list entry, or BACKFILL for a folder of saved releases. */
  readonly watchId: string;
  readonly publisher: string;
  /** Where the page was read from: its address, or the saved file's file: URL. */
  readonly url: string;
  /** The address the source row records (null for a saved file: the reviewer adds it). */
  readonly sourceUrl: string | null;
  readonly sourceId: string;
  readonly capture: StoredCapture;
  readonly title: string | null;
  readonly published: string | null;
  readonly figures: ReadonlyArray<Figure>;
  /** How the page was read, for the notes (liuzhi watch, liuzhi extract). */
  readonly by: string;
}

/**
 * Files the figures read from one page as drafts for review, the same way for `liuzhi watch` and
 * for a backfilled folder: a draft source for a page the ledger does not know, then one draft per
 * figure as `planDrafts` decides (a figure the ledger holds is skipped, a different value for a
 * ledger cell is a correction flagged CONFLICT, nothing proposed or rejected before is filed again).
 */
export async function fileDrafts(db: LedgerDb, report: WatchReport, page: ReleaseDrafts): Promise<void> {
  const { url, sourceId, capture, figures } = page;
  const entry = page.watchId === BACKFILL ? "a folder of saved releases" : `watch-list entry ${page.watchId}`;
  const ledger = await readLedger(db);
  const changes = await listChanges(db);
  const captureMeta: DraftMeta["capture"] = {
    captured_at: capture.captured_at,
    warc_sha256: capture.warc.sha256,
    text_file: capture.text?.file ?? null,
    text_sha256: capture.text?.sha256 ?? null,
  };
  const plan = planDrafts({
    figures,
    sourceId,
    ledger: ledger.observations,
    changes,
    note: (f) =>
      `Read by ${page.by} from the capture of ${capture.captured_at} (WARC SHA-256 ${capture.warc.sha256}); printed as ${f.printed}.`,
  });
  // A page whose figures are all in the ledger or already proposed needs no source draft either.
  if (plan.some((item) => item.kind === "file")) {
    const sourcePending = changes.some((c) => c.table === "sources" && c.targetId === sourceId && c.status === "draft");
    if (!ledger.sources.some((s) => s.id === sourceId) && !sourcePending) {
      const change = await proposeChange(db, {
        author: MONITOR_AUTHOR,
        system: true,
        table: "sources",
        action: "create",
        row: {
          id: sourceId,
          publisher: page.publisher,
          // Without the characters a title may carry unseen (the ledger's text policy refuses them).
          title: page.title === null ? null : withoutInvisible(page.title).trim() || null,
          title_lang: "zh",
          published: page.published,
          url: page.sourceUrl,
          archived_url: null,
          cited_in: null,
          note: `Found by ${page.by} (${entry}); captured ${capture.captured_at}, WARC SHA-256 ${capture.warc.sha256}.${page.published ? "" : " Publication date not found on the page."}${page.sourceUrl ? "" : ` Read from the saved file ${url}: its address and publisher are for the reviewer to fill in.`}`,
        },
        reason: `Monitor: new release page ${url} (${entry}), the source of ${plan.filter((i) => i.kind === "file").length} figure(s) filed with it`,
        meta: {
          kind: "monitor",
          watch_id: page.watchId,
          url,
          capture: captureMeta,
          sentence: null,
          confidence: null,
        },
      });
      report.filed.push({
        change_id: change.id,
        action: "create",
        table: "sources",
        id: sourceId,
        measure: null,
        value: null,
        printed: null,
        confidence: null,
        conflict: null,
      });
    }
  }
  for (const item of plan) {
    if (item.kind === "skip") {
      report.skipped.push({ url, measure: item.figure.measure, printed: item.figure.printed, why: item.why });
      continue;
    }
    const f = item.figure;
    const meta: DraftMeta = {
      kind: "monitor",
      watch_id: page.watchId,
      url,
      capture: captureMeta,
      sentence: f.sentence,
      printed: f.printed,
      confidence: f.confidence,
      confidence_reason: f.reason,
      confidence_reason_zh: f.reason_zh,
      conflict: item.conflict,
    };
    const conflict = item.conflict
      ? ` CONFLICT: ${item.conflict.with === "ledger" ? `the ledger's ${item.conflict.id}` : `draft ${item.conflict.id}`} has ${item.conflict.value}.`
      : "";
    try {
      const change = await proposeChange(db, {
        author: MONITOR_AUTHOR,
        system: true,
        table: "observations",
        action: item.action,
        row: item.row,
        reason: `Monitor: '${f.printed}' read as ${f.measure} ${f.jurisdiction} ${f.period_start}..${f.period_end} = ${f.value} (${f.qualifier}) from ${url}; confidence ${f.confidence}.${conflict}`,
        meta: meta as unknown as Record<string, unknown>,
      });
      report.filed.push({
        change_id: change.id,
        action: item.action,
        table: "observations",
        id: item.row.id,
        measure: f.measure,
        value: f.value,
        printed: f.printed,
        confidence: f.confidence,
        conflict: item.conflict,
      });
    } catch (error) {
      if (!(error instanceof ChangeRefused)) throw error;
      report.failed.push({ url, error: `${f.printed}: ${error.message}` });
    }
  }
}
