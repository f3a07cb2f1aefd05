import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { documentLimits } from "./heavy/index.ts";
import { jsonResource, send } from "./json-resource.ts";

/** The OpenAPI 3.1 document of the public API, generated from the zod schemas that validate it. */
export function openApiDocument(api: OpenAPIHono, version: string, prefix = "/api") {
  const doc = api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Liuzhi Monitor API",
      version,
      description:
        "Read-only JSON: the ledger of official figures on liuzhi (留置) with their sources, and every estimate built on it. Method results start with a run manifest (software version, ledger SHA-256, options, seed).",
      license: { name: "AGPL-3.0-or-later", url: "https://www.gnu.org/licenses/agpl-3.0.html" },
    },
    servers: [{ url: prefix }],
  });
  return documentLimits(doc);
}

/** Serves the document at /openapi.json (mount under /api). */
export function openApiRoute(api: OpenAPIHono, version: string): Hono {
  const doc = jsonResource(openApiDocument(api, version));
  return new Hono().get("/openapi.json", (c) => send(c, doc));
}
