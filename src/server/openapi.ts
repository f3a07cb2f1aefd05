import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import {
  type AnyMethod,
  defaultText,
  METHODS,
  type Param,
  type Params,
  paramSchema,
  parseParam,
} from "../methods/index.ts";
import { documentLimits } from "./heavy/index.ts";
import { jsonResource, send } from "./json-resource.ts";
import { SECURITY_HEADER_NAMES } from "./openapi-headers.ts";

/**
 * The OpenAPI parameter objects of a set of declared parameters: numbers as numbers with their
 * ranges, lists as arrays written comma-separated (`style: form, explode: false`), patterns and
 * enums as declared, and each example parsed by the same parser the route uses.
 */
export function queryParameters(params: Params) {
  return Object.entries(params).map(([name, p]: [string, Param]) => {
    const schema = paramSchema(p);
    const fallback = defaultText(p);
    return {
      name,
      in: "query" as const,
      required: false,
      description: `${p.help[0]!.toUpperCase()}${p.help.slice(1)}${fallback ? ` (default ${fallback})` : ""}.`.replace(
        /\.\.$/,
        ".",
      ),
      ...(schema.type === "array" ? { style: "form" as const, explode: false } : {}),
      schema,
      example: parseParam(name, p, p.example),
    };
  });
}

/** The OpenAPI 3.1 document of the public API, from its route declarations and the methods' parameters. */
export function openApiDocument(api: OpenAPIHono, version: string, prefix = "/api") {
  const doc = api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Liuzhi Monitor API",
      version,
      description: `Read-only JSON: the ledger of official figures on liuzhi (留置) with their sources, and every estimate built on it. Method results start with a run manifest (software version, ledger SHA-256, options, seed); every method takes \`through\` (2024-09-30 gives the December 2024 submission's figures), as its command does. Public: no route needs credentials. Answers are revalidated (ETag, If-None-Match, 304), never cached blind. Every answer also carries the security headers ${SECURITY_HEADER_NAMES.join(", ")}.`,
      license: { name: "AGPL-3.0-or-later", url: "https://www.gnu.org/licenses/agpl-3.0.html" },
    },
    servers: [{ url: prefix }],
    // Every public route is open to anyone: no security scheme applies (each operation says so too).
    security: [],
  });
  return documentLimits(
    doc,
    (METHODS as ReadonlyArray<AnyMethod>).map((m) => m.path),
  );
}

/** Serves the document at /openapi.json (mount under /api). */
export function openApiRoute(api: OpenAPIHono, version: string): Hono {
  const doc = jsonResource(openApiDocument(api, version));
  return new Hono()
    .get("/openapi.json", (c) => send(c, doc))
    .all("/openapi.json", (c) => {
      c.header("Allow", "GET, HEAD");
      return c.json(
        { error: { status: 405, message: `${c.req.method} is not allowed on /api/openapi.json: use GET, HEAD` } },
        405,
      );
    });
}
