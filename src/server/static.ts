import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import type { MiddlewareHandler } from "hono";
import { type Resource, resource, send } from "./json-resource.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".woff2": "font/woff2",
};

export const typeOf = (path: string) => TYPES[extname(path)] ?? "application/octet-stream";

/** Every file under `dir`, by URL path ("/index.html"), read and compressed once. */
export function loadStaticFiles(dir: string): Map<string, Resource> {
  const files = new Map<string, Resource>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(`/${relative(dir, path).split(sep).join("/")}`, resource(readFileSync(path), typeOf(path)));
    }
  };
  walk(dir);
  return files;
}

/**
 * Serves files from memory: "/" is index.html; content-hashed files under /assets/ are cached for a
 * year, everything else is revalidated with its ETag.
 */
export function staticFiles(files: ReadonlyMap<string, Resource>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const path = c.req.path.endsWith("/") ? `${c.req.path}index.html` : c.req.path;
    const file = files.get(path);
    if (!file) return next();
    return send(c, file, path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  };
}
