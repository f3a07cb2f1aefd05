import { createHash } from "node:crypto";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Ledger } from "../core/index.ts";

export interface AppOptions {
  /** The ledger as read at start-up; the public API serves it from memory. */
  readonly ledger: Ledger;
  readonly version: string;
}

/** A JSON body computed once, with its strong ETag, so repeated requests cost no work. */
function jsonResource(value: unknown) {
  const body = JSON.stringify(value);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag };
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const { ledger } = options;
  const sourcesById = new Map(ledger.sources.map((s) => [s.id, s]));
  const resources = {
    "/api/observations": jsonResource(
      ledger.observations.map((o) => ({ ...o, source: sourcesById.get(o.source_id) ?? null })),
    ),
    "/api/sources": jsonResource(ledger.sources),
    "/api/jurisdictions": jsonResource(ledger.jurisdictions),
    "/api/assumptions": jsonResource(ledger.assumptions),
  } as const;

  app.get("/api", (c) =>
    c.json({ name: "Liuzhi Monitor API", version: options.version, routes: Object.keys(resources) }),
  );
  for (const [path, resource] of Object.entries(resources)) {
    app.get(path, (c) => {
      c.header("ETag", resource.etag);
      c.header("Cache-Control", "public, max-age=300");
      if (c.req.header("If-None-Match") === resource.etag) return c.body(null, 304);
      c.header("Content-Type", "application/json; charset=utf-8");
      return c.body(resource.body);
    });
  }
  app.get("/", (c) =>
    c.html(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Liuzhi Monitor</title><h1>Liuzhi Monitor</h1><p>The API serves the ledger: ${Object.keys(
        resources,
      )
        .map((p) => `<a href="${p}">${p}</a>`)
        .join(", ")}.</p></html>`,
    ),
  );

  app.notFound((c) => c.json({ error: { status: 404, message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { status: error.status, message: error.message } }, error.status);
    }
    console.error(error);
    return c.json({ error: { status: 500, message: "internal error" } }, 500);
  });
  return app;
}
