import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { nonPublicKind } from "./address-kinds.ts";
import { checkedLookup, refusalMessage } from "./address-policy.ts";

/** How sources are fetched: politely (one host is never hammered), with time-outs and bounded retries. */
export interface FetchPolicy {
  /** Longest wait for one whole response (headers and body) before the attempt is abandoned. */
  readonly timeoutMs: number;
  /** Extra attempts after the first, for network failures, time-outs, 429 and 5xx. */
  readonly retries: number;
  /** Wait before the first retry; it doubles with every further retry. */
  readonly backoffMs: number;
  readonly maxRedirects: number;
  /**
   * Bytes read at most for one URL, over every hop of its redirect chain together: the memory one
   * fetch may hold. A body that would pass it is refused, so a runaway download or a chain of big
   * redirects can neither fill the memory nor the disk.
   */
  readonly maxBytes: number;
  /**
   * Bytes kept at most of a redirect's own body (the page saying "moved"): the WARC records them and
   * marks the record truncated; the rest is never read.
   */
  readonly maxRedirectBodyBytes: number;
  readonly userAgent: string;
  /** Spaces out requests to the same host; share one gate across a whole run. */
  readonly gate: HostGate;
  /** Name resolution, replaceable in tests so that no test depends on a real resolver. */
  readonly lookup?: LookupFunction;
  /**
   * Loopback, private, link-local and unique-local destinations are refused unless this is true
   * (`--allow-private-addresses`): checked on the address connected to, after DNS, on every hop.
   */
  readonly allowPrivateAddresses: boolean;
}

export function defaultPolicy(overrides: Partial<FetchPolicy> = {}): FetchPolicy {
  return {
    timeoutMs: 30_000,
    retries: 2,
    backoffMs: 1_000,
    maxRedirects: 10,
    maxBytes: 200 * 1024 * 1024,
    maxRedirectBodyBytes: 64 * 1024,
    userAgent: "liuzhi-monitor (source preservation)",
    allowPrivateAddresses: false,
    gate: overrides.gate ?? new HostGate(1_000),
    ...overrides,
  };
}

export type Header = readonly [name: string, value: string];

/** One HTTP request and the response it got: one hop of a redirect chain. */
export interface HttpExchange {
  readonly url: string;
  readonly startedAt: Date;
  readonly remoteAddress: string | undefined;
  readonly request: { readonly method: "GET"; readonly target: string; readonly headers: ReadonlyArray<Header> };
  readonly response: {
    readonly httpVersion: string;
    readonly status: number;
    readonly statusText: string;
    /** As received, in order, names in their original case. */
    readonly headers: ReadonlyArray<Header>;
    /** The body with any transfer encoding (chunked) removed and any content encoding (gzip) kept. */
    readonly body: Buffer;
    /** True when only the first bytes of a redirect's body were kept (`maxRedirectBodyBytes`). */
    readonly truncated?: boolean;
  };
}

export type FailureKind =
  | "timeout"
  | "dns"
  | "refused"
  | "reset"
  | "too-many-redirects"
  | "too-large"
  | "private-address"
  | "unsupported-url"
  | "network";

export interface FetchFailure {
  readonly kind: FailureKind;
  readonly message: string;
}

/** What fetching one URL gave: every hop that was answered, and the failure that ended it if any. */
export interface FetchResult {
  readonly url: string;
  /** The redirect chain in order; the last one is the final response when `failure` is null. */
  readonly exchanges: ReadonlyArray<HttpExchange>;
  readonly failure: FetchFailure | null;
  /** Requests sent, retries included. */
  readonly attempts: number;
}

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keeps at least `delayMs` between the starts of two requests to the same host, whatever the parallelism. */
export class HostGate {
  private readonly next = new Map<string, number>();
  constructor(readonly delayMs: number) {}

  async turn(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.delayMs);
    if (at > now) await sleep(at - now);
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results keep the order of `items`. */
export async function mapBounded<T, R>(
  items: ReadonlyArray<T>,
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Names a network error by what a user can act on: the name does not resolve, nobody answers, … */
export function classifyError(error: unknown): FetchFailure {
  if (error instanceof FetchError) return { kind: error.kind, message: error.message };
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const message = (error as Error).message ?? String(error);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") {
    return { kind: "dns", message: `DNS failure: ${message}` };
  }
  if (code === "ECONNREFUSED") return { kind: "refused", message: `connection refused: ${message}` };
  if (code === "ECONNRESET" || code === "EPIPE") return { kind: "reset", message: `connection reset: ${message}` };
  if (code === "ETIMEDOUT") return { kind: "timeout", message };
  return { kind: "network", message: code ? `${code}: ${message}` : message };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const FINAL = new Set<FailureKind>(["too-large", "dns", "private-address", "unsupported-url"]);
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Sends one GET and reads the whole response, or rejects with a FetchError / network error. At most
 * `maxBytes` of body are read (what is left of the fetch's budget; the policy's by default); a
 * redirect's body is kept only up to `policy.maxRedirectBodyBytes`.
 */
export function requestOnce(url: URL, policy: FetchPolicy, maxBytes = policy.maxBytes): Promise<HttpExchange> {
  const target = `${url.pathname}${url.search}`;
  // Sent explicitly, so that the WARC request record shows exactly what went on the wire.
  const headers: Header[] = [
    ["Host", url.host],
    ["User-Agent", policy.userAgent],
    ["Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"],
    // Identity keeps the stored bytes the page itself; gzip is still decoded if a server sends it anyway.
    ["Accept-Encoding", "identity"],
    ["Connection", "close"],
  ];
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Promise.reject(
      new FetchError("unsupported-url", `refused to fetch ${url.href}: only http and https URLs are fetched`),
    );
  }
  const refuse = (message: string) => new FetchError("private-address", message);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literalKind = !policy.allowPrivateAddresses && isIP(host) ? nonPublicKind(host) : null;
  if (literalKind !== null) return Promise.reject(refuse(refusalMessage(url.href, host, host, literalKind)));
  const lookup = policy.allowPrivateAddresses ? policy.lookup : checkedLookup(url.href, refuse, policy.lookup);
  const client = url.protocol === "https:" ? https : http;
  const startedAt = new Date();
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: "GET",
      headers: Object.fromEntries(headers),
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    if (!policy.allowPrivateAddresses) {
      // Belt and braces: whatever resolved it, the peer actually connected to is checked once more.
      req.on("socket", (socket) =>
        socket.once("connect", () => {
          const peer = socket.remoteAddress;
          const kind = peer ? nonPublicKind(peer) : null;
          if (peer && kind) req.destroy(refuse(refusalMessage(url.href, host, peer, kind)));
        }),
      );
    }
    const timer = setTimeout(
      () => req.destroy(new FetchError("timeout", `timed out after ${policy.timeoutMs} ms`)),
      policy.timeoutMs,
    );
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error);
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      // A redirect's body is only the page saying "moved": the first bytes are kept for the WARC, the rest never read.
      const redirect = REDIRECTS.has(status) && res.headers.location !== undefined;
      const keep = redirect ? Math.min(maxBytes, policy.maxRedirectBodyBytes) : maxBytes;
      const announced = Number(res.headers["content-length"]);
      // With a length announced (and allowed) the body is read into one buffer: no second copy when it ends.
      const whole =
        Number.isSafeInteger(announced) && announced > 0 && announced <= keep ? Buffer.allocUnsafe(announced) : null;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        clearTimeout(timer);
        const raw = res.rawHeaders;
        const responseHeaders: Header[] = [];
        for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders.push([raw[i] as string, raw[i + 1] as string]);
        const body = whole ? (size === whole.length ? whole : whole.subarray(0, size)) : Buffer.concat(chunks, size);
        chunks.length = 0;
        resolve({
          url: url.href,
          startedAt,
          remoteAddress: res.socket?.remoteAddress,
          request: { method: "GET", target, headers },
          response: {
            httpVersion: res.httpVersion,
            status,
            statusText: res.statusMessage ?? "",
            headers: responseHeaders,
            body,
            ...(truncated ? { truncated } : {}),
          },
        });
      };
      res.on("data", (chunk: Buffer) => {
        if (truncated) return;
        let part = chunk;
        if (size + part.length > keep) {
          if (!redirect) {
            chunks.length = 0;
            req.destroy(
              new FetchError(
                "too-large",
                maxBytes < policy.maxBytes
                  ? `responses larger than ${policy.maxBytes} bytes in all over the redirect chain`
                  : `response larger than ${policy.maxBytes} bytes`,
              ),
            );
            return;
          }
          part = part.subarray(0, keep - size);
          truncated = true;
        }
        if (whole) part.copy(whole, size);
        else chunks.push(part);
        size += part.length;
        if (truncated) {
          finish();
          res.destroy();
        }
      });
      res.on("error", (error) => {
        if (!truncated) fail(error);
      });
      res.on("end", () => {
        if (!truncated) finish();
      });
    });
    req.end();
  });
}

/** One hop with retries and exponential back-off; a retryable status left after the last retry is returned. */
async function requestWithRetries(
  url: URL,
  policy: FetchPolicy,
  maxBytes: number,
  count: () => void,
): Promise<{ exchange: HttpExchange } | { failure: FetchFailure }> {
  for (let attempt = 0; ; attempt++) {
    await policy.gate.turn(url.host);
    count();
    const last = attempt >= policy.retries;
    try {
      const exchange = await requestOnce(url, policy, maxBytes);
      if (!retryable(exchange.response.status) || last) return { exchange };
    } catch (error) {
      const failure = classifyError(error);
      // A refused body size, a refused destination or a DNS name that does not exist will not change in a second.
      if (last || FINAL.has(failure.kind)) return { failure };
    }
    await sleep(policy.backoffMs * 2 ** attempt);
  }
}

/**
 * Fetches `url`, following redirects one by one so that every hop is recorded. The bodies of all hops
 * together stay within `policy.maxBytes`. Never rejects.
 */
export async function fetchWithPolicy(url: string, policy: FetchPolicy): Promise<FetchResult> {
  const exchanges: HttpExchange[] = [];
  let attempts = 0;
  const count = () => {
    attempts++;
  };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { url, exchanges, failure: { kind: "network", message: `not a valid URL: '${url}'` }, attempts };
  }
  for (;;) {
    const held = exchanges.reduce((sum, e) => sum + e.response.body.length, 0);
    const hop = await requestWithRetries(current, policy, Math.max(0, policy.maxBytes - held), count);
    if ("failure" in hop) return { url, exchanges, failure: hop.failure, attempts };
    exchanges.push(hop.exchange);
    const { status, headers } = hop.exchange.response;
    const location = headers.find(([name]) => name.toLowerCase() === "location")?.[1];
    if (!REDIRECTS.has(status) || location === undefined) return { url, exchanges, failure: null, attempts };
    if (exchanges.length > policy.maxRedirects) {
      const failure = { kind: "too-many-redirects" as const, message: `more than ${policy.maxRedirects} redirects` };
      return { url, exchanges, failure, attempts };
    }
    try {
      current = new URL(location, current);
    } catch {
      return { url, exchanges, failure: { kind: "network", message: `bad redirect Location '${location}'` }, attempts };
    }
  }
}

/** The last response of a fetch that did not fail. */
export function finalExchange(result: FetchResult): HttpExchange | null {
  return result.failure === null ? (result.exchanges.at(-1) ?? null) : null;
}
