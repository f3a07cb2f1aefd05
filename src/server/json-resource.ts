import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";

/** A response body computed once, with its strong ETag and a gzip copy, so repeated requests cost no work. */
export interface Resource {
  readonly body: Uint8Array;
  readonly gzip: Uint8Array;
  readonly etag: string;
  readonly type: string;
}

export function resource(body: Uint8Array | string, type: string): Resource {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  return { body: bytes, gzip: gzipSync(bytes, { level: 9 }), etag, type };
}

export const jsonResource = (value: unknown): Resource =>
  resource(JSON.stringify(value), "application/json; charset=utf-8");

/** True when an If-None-Match header names the ETag (or is `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/** Sends a resource with ETag and Cache-Control; 304 on a matching If-None-Match; gzip when accepted. */
// Revalidated, never cached blind: an approved change is visible as soon as the snapshot moves (about two seconds).
export function send(c: Context, r: Resource, cacheControl = "public, no-cache"): Response {
  c.header("ETag", r.etag);
  c.header("Cache-Control", cacheControl);
  c.header("Vary", "Accept-Encoding");
  if (matches(c.req.header("If-None-Match"), r.etag)) return c.body(null, 304);
  c.header("Content-Type", r.type);
  let bytes = r.body;
  if (/\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "")) {
    c.header("Content-Encoding", "gzip");
    bytes = r.gzip;
  }
  c.header("Content-Length", String(bytes.byteLength));
  if (c.req.method === "HEAD") return c.body(null);
  return c.body(bytes as Uint8Array<ArrayBuffer>);
}

/** A small bounded cache of computed resources, oldest first out. */
export class ResourceCache {
  readonly #entries = new Map<string, Resource>();
  constructor(readonly limit: number) {}
  get(key: string, make: () => unknown): Resource {
    return this.#entries.get(key) ?? this.put(key, jsonResource(make()));
  }
  peek(key: string): Resource | undefined {
    return this.#entries.get(key);
  }
  put(key: string, made: Resource): Resource {
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, made);
    return made;
  }
}
