import type { Observation, Source } from "../core/index.ts";
import {
  type FetchFailure,
  type FetchPolicy,
  fetchWithPolicy,
  finalExchange,
  mapBounded,
} from "./fetch-with-policy.ts";
import { checkFigure, type FigureCheck, normaliseForSearch } from "./figures.ts";
import { type Progress, progressLine } from "./progress.ts";
import { latestCapture } from "./store.ts";
import { extractBodyText } from "./text.ts";
import { header, sha256Hex } from "./warc.ts";

/** What `sources check` found for one source; `attention` lists what a person should look at. */
export interface SourceCheck {
  readonly source_id: string;
  readonly url: string | null;
  readonly archived_url: string | null;
  readonly reachable: boolean;
  readonly status: number | null;
  readonly status_text: string | null;
  readonly failure: FetchFailure | null;
  readonly final_url: string | null;
  readonly redirects: number;
  readonly attempts: number;
  readonly payload_sha256: string | null;
  readonly payload_bytes: number | null;
  readonly last_capture: { readonly captured_at: string; readonly payload_sha256: string } | null;
  /** null when there is nothing to compare: no earlier capture, or no response now. */
  readonly changed: boolean | null;
  /** null when the page is not text (a PDF) or did not answer: its figures could not be looked for. */
  readonly figures: ReadonlyArray<FigureCheck> | null;
  readonly attention: ReadonlyArray<string>;
}

export interface CheckOptions {
  readonly store: string;
  readonly policy: FetchPolicy;
  readonly concurrency: number;
  readonly onProgress?: Progress;
}

function noUrl(source: Source): SourceCheck {
  return {
    source_id: source.id,
    url: null,
    archived_url: source.archived_url,
    reachable: false,
    status: null,
    status_text: null,
    failure: null,
    final_url: null,
    redirects: 0,
    attempts: 0,
    payload_sha256: null,
    payload_bytes: null,
    last_capture: null,
    changed: null,
    figures: null,
    // A citation without an address cannot be watched; that is recorded in the ledger, not news.
    attention: [],
  };
}

export async function checkSource(
  source: Source,
  observations: ReadonlyArray<Observation>,
  options: Pick<CheckOptions, "store" | "policy">,
): Promise<SourceCheck> {
  if (source.url === null) return noUrl(source);
  const fetched = await fetchWithPolicy(source.url, options.policy);
  const final = finalExchange(fetched);
  const last = latestCapture(options.store, source.id);
  const lastCapture = last ? { captured_at: last.captured_at, payload_sha256: last.payload.sha256 } : null;
  const attention: string[] = [];
  let figures: FigureCheck[] | null = null;
  let payloadSha: string | null = null;
  if (!final) {
    attention.push(`unreachable (${fetched.failure?.kind ?? "no response"})`);
  } else {
    const { status, statusText, body } = final.response;
    payloadSha = sha256Hex(body);
    if (status < 200 || status >= 300) attention.push(`HTTP ${status} ${statusText}`.trimEnd());
    let text: string | null = null;
    try {
      const h = { headers: final.response.headers };
      text =
        (
          await extractBodyText(
            body,
            { contentType: header(h, "Content-Type"), contentEncoding: header(h, "Content-Encoding") },
            final.url,
          )
        )?.text ?? null;
    } catch (error) {
      attention.push(`text not readable: ${(error as Error).message}`);
    }
    if (text !== null && status < 400) {
      const normalised = normaliseForSearch(text);
      figures = observations.filter((o) => o.source_id === source.id).map((o) => checkFigure(normalised, o));
      const missing = figures.filter((f) => !f.found).map((f) => f.observation_id);
      if (missing.length > 0) attention.push(`figure not found: ${missing.join(", ")}`);
    }
  }
  const changed = lastCapture && payloadSha ? lastCapture.payload_sha256 !== payloadSha : null;
  if (changed) attention.push(`changed since capture of ${lastCapture?.captured_at}`);
  if (!lastCapture) attention.push("never captured");
  return {
    source_id: source.id,
    url: source.url,
    archived_url: source.archived_url,
    reachable: final !== null,
    status: final?.response.status ?? null,
    status_text: final?.response.statusText ?? null,
    failure: fetched.failure,
    final_url: final?.url ?? null,
    redirects: Math.max(0, fetched.exchanges.length - 1),
    attempts: fetched.attempts,
    payload_sha256: payloadSha,
    payload_bytes: final?.response.body.length ?? null,
    last_capture: lastCapture,
    changed,
    figures,
    attention,
  };
}

/** Checks every source; one failing never stops the others. Results keep the sources' order. */
export async function checkSources(
  sources: ReadonlyArray<Source>,
  observations: ReadonlyArray<Observation>,
  options: CheckOptions,
): Promise<SourceCheck[]> {
  let done = 0;
  return mapBounded(sources, options.concurrency, async (source) => {
    let result: SourceCheck;
    try {
      result = await checkSource(source, observations, options);
    } catch (error) {
      // checkSource handles network failures itself; this is a broken store file or a bug, still per source.
      result = { ...noUrl(source), url: source.url, attention: [`check failed: ${(error as Error).message}`] };
    }
    done++;
    const outcome =
      result.status !== null
        ? `${result.status} ${result.status_text}`.trimEnd()
        : (result.failure?.message ?? "no URL");
    options.onProgress?.(progressLine(done, sources.length, source.id, outcome, result.payload_bytes ?? undefined));
    return result;
  });
}
