import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerApp } from "./app.ts";

/** Entries kept at most: each public API answer is a few kilobytes. */
const LIMIT = 500;

interface Entry {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * A response cache in front of the app for the public read-only API: the first request for a URL
 * goes through the app (validation, security headers and all) and its answer is kept, bytes and
 * headers; later identical requests are written straight from memory, without a framework in the
 * way. Only plain GET/HEAD answers of 200 marked `public` are kept; conditional requests, team
 * editing and everything else go to the app. The cache empties whenever the public snapshot moves.
 * Other answers to a plain public GET (a 400, a 429, a 503) are passed on as they are, not kept.
 *
 * Returns a handler that answers and resolves true, or resolves false for the app to answer.
 */
export function publicResponseCache(server: ServerApp) {
  const entries = new Map<string, Entry>();
  let generation = -1;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? "";
    if ((req.method !== "GET" && req.method !== "HEAD") || !url.startsWith("/api/") || url.startsWith("/api/edit")) {
      return false;
    }
    if (req.headers["if-none-match"] !== undefined || req.headers.range !== undefined) return false;
    const now = await server.freshSnapshot();
    if (now !== generation) {
      entries.clear();
      generation = now;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const key = `${gzip ? "gz" : "id"} ${url}`;
    let entry = entries.get(key);
    if (!entry) {
      const forwarded = req.headers["x-forwarded-for"];
      const response = await server.app.fetch(
        new Request(`http://cache.invalid${url}`, {
          headers: {
            "Accept-Encoding": gzip ? "gzip" : "identity",
            // The client's address, for the per-address limit on computed answers (src/server/heavy).
            ...(typeof forwarded === "string" ? { "X-Forwarded-For": forwarded } : {}),
          },
        }),
        { incoming: req },
      );
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const body = Buffer.from(await response.arrayBuffer());
      headers["content-length"] = String(body.length);
      if (response.status !== 200 || !/\bpublic\b/.test(response.headers.get("Cache-Control") ?? "")) {
        // Answered as it is (a 400, a 429, a 503), not kept: asking the app twice would count a request twice.
        res.writeHead(response.status, headers);
        res.end(req.method === "HEAD" ? undefined : body);
        return true;
      }
      entry = { headers, body };
      if (entries.size >= LIMIT) entries.delete(entries.keys().next().value as string);
      entries.set(key, entry);
    }
    res.writeHead(200, entry.headers);
    res.end(req.method === "HEAD" ? undefined : entry.body);
    return true;
  };
}
