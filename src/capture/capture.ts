import type { Source } from "../core/index.ts";
import { type FetchPolicy, type FetchResult, fetchWithPolicy, finalExchange, mapBounded } from "./fetch-with-policy.ts";
import { type Progress, progressLine } from "./progress.ts";
import { type StoredCapture, saveCapture } from "./store.ts";
import { type ExtractedText, extractBodyText } from "./text.ts";
import {
  header,
  httpRequestBlock,
  httpResponseBlockParts,
  warcDigest,
  warcFields,
  writeWarcRecord,
  writeWarcRecordParts,
} from "./warc.ts";

export interface CaptureTarget {
  readonly id: string;
  readonly url: string;
  readonly archived_url: string | null;
}

export interface CaptureFailure {
  readonly source_id: string;
  readonly url: string;
  readonly error: string;
}

export interface CaptureRun {
  readonly captured: ReadonlyArray<StoredCapture>;
  readonly failed: ReadonlyArray<CaptureFailure>;
  /** Sources without a URL: nothing to fetch. */
  readonly skipped: ReadonlyArray<string>;
}

export interface CaptureOptions {
  readonly store: string;
  readonly policy: FetchPolicy;
  readonly concurrency: number;
  readonly software?: string;
  readonly onProgress?: Progress;
}

/**
 * One WARC file for one capture: warcinfo, then a request and a response record per hop of the
 * redirect chain, then a metadata record tying the source to the final response. Returned as the
 * buffers to write in order, so that no body is copied (the file is their concatenation).
 */
export function buildWarc(
  target: CaptureTarget,
  fetched: FetchResult,
  capturedAt: Date,
  software: string,
): ReadonlyArray<Buffer> {
  const info = writeWarcRecord({
    type: "warcinfo",
    date: capturedAt,
    contentType: "application/warc-fields",
    block: warcFields([
      ["software", software],
      ["format", "WARC File Format 1.1"],
      ["conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"],
      ["description", `Capture of ledger source ${target.id}`],
    ]),
  });
  const parts = [info.bytes];
  const withInfo = (fields: Array<readonly [string, string]>) => [["WARC-Warcinfo-ID", info.id] as const, ...fields];
  let finalResponseId: string | undefined;
  for (const exchange of fetched.exchanges) {
    const response = writeWarcRecordParts({
      type: "response",
      date: exchange.startedAt,
      targetUri: exchange.url,
      contentType: "application/http;msgtype=response",
      block: httpResponseBlockParts(exchange),
      fields: withInfo([
        ["WARC-Payload-Digest", warcDigest(exchange.response.body)],
        ...(exchange.remoteAddress ? [["WARC-IP-Address", exchange.remoteAddress] as const] : []),
        // A redirect's body cut at maxRedirectBodyBytes: WARC/1.1's own mark for a record cut by length.
        ...(exchange.response.truncated ? [["WARC-Truncated", "length"] as const] : []),
      ]),
    });
    const request = writeWarcRecord({
      type: "request",
      date: exchange.startedAt,
      targetUri: exchange.url,
      contentType: "application/http;msgtype=request",
      block: httpRequestBlock(exchange),
      fields: withInfo([["WARC-Concurrent-To", response.id]]),
    });
    parts.push(request.bytes, ...response.parts);
    finalResponseId = response.id;
  }
  const chain = fetched.exchanges.map((e) => `${e.response.status} ${e.url}`);
  const metadata = writeWarcRecord({
    type: "metadata",
    date: capturedAt,
    targetUri: target.url,
    contentType: "application/warc-fields",
    block: warcFields([
      ["source-id", target.id],
      ["requested-url", target.url],
      ...(target.archived_url ? [["archived-url", target.archived_url] as const] : []),
      ...chain.map((hop) => ["hop", hop] as const),
      ["attempts", String(fetched.attempts)],
    ]),
    fields: withInfo(finalResponseId ? [["WARC-Refers-To", finalResponseId]] : []),
  });
  parts.push(metadata.bytes);
  return parts;
}

/** Fetches one source and stores what came back (whatever the status); throws only when nothing came back. */
export async function captureOne(
  target: CaptureTarget,
  options: Pick<CaptureOptions, "store" | "policy" | "software">,
): Promise<StoredCapture> {
  const capturedAt = new Date();
  const fetched = await fetchWithPolicy(target.url, options.policy);
  const final = finalExchange(fetched);
  if (!final) throw new Error(fetched.failure?.message ?? "no response");
  const warc = buildWarc(target, fetched, capturedAt, options.software ?? "liuzhi-monitor");
  const responseHeaders = { headers: final.response.headers };
  const contentType = header(responseHeaders, "Content-Type") ?? null;
  let text: ExtractedText | null = null;
  let textRefused: string | null = null;
  try {
    text = await extractBodyText(
      final.response.body,
      { contentType: contentType ?? undefined, contentEncoding: header(responseHeaders, "Content-Encoding") },
      final.url,
    );
  } catch (error) {
    // An undecodable body (or a decompression bomb) is still evidence: stored as fetched, without a text extraction.
    textRefused = (error as Error).message;
  }
  return saveCapture(
    options.store,
    { warc, text },
    {
      source_id: target.id,
      url: target.url,
      archived_url: target.archived_url,
      captured_at: capturedAt.toISOString(),
      final_url: final.url,
      status: final.response.status,
      status_text: final.response.statusText,
      content_type: contentType,
      redirects: fetched.exchanges.slice(0, -1).map((e) => ({ url: e.url, status: e.response.status })),
      attempts: fetched.attempts,
      payload: { sha256: warcDigest(final.response.body).slice("sha256:".length), bytes: final.response.body.length },
      ...(textRefused ? { text_refused: textRefused } : {}),
    },
  );
}

/** Captures every source with a URL; one failing never stops the others. */
export async function captureSources(sources: ReadonlyArray<Source>, options: CaptureOptions): Promise<CaptureRun> {
  const targets = sources.filter((s): s is Source & { url: string } => s.url !== null);
  const skipped = sources.filter((s) => s.url === null).map((s) => s.id);
  const captured: StoredCapture[] = [];
  const failed: CaptureFailure[] = [];
  let done = 0;
  await mapBounded(targets, options.concurrency, async (source) => {
    try {
      const capture = await captureOne(source, options);
      captured.push(capture);
      done++;
      options.onProgress?.(
        progressLine(
          done,
          targets.length,
          source.id,
          `${capture.status} ${capture.status_text}`,
          capture.payload.bytes,
        ),
      );
    } catch (error) {
      failed.push({ source_id: source.id, url: source.url, error: (error as Error).message });
      done++;
      options.onProgress?.(progressLine(done, targets.length, source.id, `failed: ${(error as Error).message}`));
    }
  });
  const byId = (a: { source_id: string }, b: { source_id: string }) => a.source_id.localeCompare(b.source_id);
  return { captured: captured.sort(byId), failed: failed.sort(byId), skipped };
}
