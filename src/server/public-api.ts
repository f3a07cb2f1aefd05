/**
 * The read-only public API: the ledger's tables and every method's result, as JSON. The method
 * routes, their query parameters and their OpenAPI operations are derived from the method catalogue
 * (src/methods); every query value goes through the parser the CLI uses, and a wrong one is the
 * same InvalidOption, answered here as a 400 naming the parameter.
 */
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Ledger } from "../core/index.ts";
import { ledgerSha256 } from "../ledger/index.ts";
import {
  type AnyMethod,
  InvalidOption,
  METHODS,
  MissingData,
  methodResult,
  type Params,
  parseParams,
  periodsOverlap,
} from "../methods/index.ts";
import { type HeavyWork, publicParams } from "./heavy/index.ts";
import { jsonResource, type Resource, ResourceCache, send as sendResource } from "./json-resource.ts";
import { queryParameters } from "./openapi.ts";
import { EVERY_ANSWER, NOT_ALLOWED_HEADERS, OK_HEADERS, REVALIDATED } from "./openapi-headers.ts";
import { ErrorBody, MethodResult, OBSERVATION_PARAMS, Rows } from "./schemas.ts";

export interface PublicApiOptions {
  readonly ledger: Ledger;
  readonly version: string;
  /** `liuzhi serve`'s worker pool: heavy requests are computed there, by this same app on this same ledger. */
  readonly heavy?: HeavyWork;
}

/** A response's header objects, in the shape createRoute takes. */
type Headers = NonNullable<
  Extract<Parameters<typeof createRoute>[0]["responses"][string], { description: string }>["headers"]
>;
const json = (schema: z.ZodType, description: string, headers: object = EVERY_ANSWER) => ({
  content: { "application/json": { schema } },
  description,
  headers: headers as Headers,
});
const badRequest = json(ErrorBody, "A query parameter is unknown or invalid; the message names it.");
const notModified = {
  description: "Not modified: If-None-Match named the current ETag.",
  headers: REVALIDATED as unknown as Headers,
};
const notAllowed = json(ErrorBody, "Any method but GET and HEAD; `Allow` names those.", NOT_ALLOWED_HEADERS);
/** What every public route allows; anything else is 405 with this in `Allow`. */
const ALLOW = "GET, HEAD";

/** `/estimates` → `getEstimates`: a stable operationId from the path. */
const operationId = (path: string) =>
  `get${path
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("")}`;

const missingData = json(
  ErrorBody,
  "The ledger, cut at `through` where given, lacks a figure the method needs; the message names it.",
);

const route = (path: string, summary: string, params: Params, ok: z.ZodType, description?: string, computes = false) =>
  createRoute({
    method: "get",
    path,
    operationId: operationId(path),
    summary,
    ...(description ? { description } : {}),
    // Public: no credentials (OpenAPI's way of saying so is an empty list).
    security: [],
    parameters: queryParameters(params),
    responses: {
      200: json(ok, "OK: the answer, with its ETag (304 on If-None-Match).", OK_HEADERS),
      304: notModified,
      400: badRequest,
      405: notAllowed,
      ...(computes ? { 422: missingData } : {}),
    },
  });

/** Sends a cached resource (ETag, 304, gzip); typed loosely: the OpenAPI document declares the body. */
const send = (c: Context, r: Resource) => sendResource(c, r) as never;

/** The query of a request, checked against the route's parameters (InvalidOption when wrong). */
const queryOf = <Ps extends Params>(c: Context, params: Ps) => parseParams(params, c.req.queries());

/** Canonical cache key of parsed values: the same values, however written, share one entry. */
const keyOf = (path: string, values: object) => `${path}?${JSON.stringify(values)}`;

export function publicApi(options: PublicApiOptions): OpenAPIHono {
  const { ledger, version } = options;
  const context = { version, ledgerSha256: ledgerSha256(ledger) };
  const cache = new ResourceCache(256);
  const api = new OpenAPIHono();
  const paths: string[] = [];

  // The one place a wrong query value becomes an HTTP answer: 400, naming the parameter.
  api.onError((error) => {
    if (error instanceof InvalidOption) {
      // The value is echoed (shortened) so the caller sees which one was refused; JSON escapes it.
      const got =
        error.value === undefined
          ? ""
          : ` (got '${error.value.length > 80 ? `${error.value.slice(0, 80)}…` : error.value}')`;
      throw new HTTPException(400, { message: `invalid query parameter '${error.field}': ${error.allowed}${got}` });
    }
    if (error instanceof MissingData) throw new HTTPException(422, { message: error.message });
    throw error;
  });

  const sourcesById = new Map(ledger.sources.map((s) => [s.id, s]));
  const fixed = (value: unknown): Resource => jsonResource(value);
  const tables = {
    sources: ["Every source document", fixed(ledger.sources)],
    jurisdictions: ["The nation and provinces, with populations", fixed(ledger.jurisdictions)],
    assumptions: ["Parameters that are not official counts", fixed(ledger.assumptions)],
  } as const;
  // The ledger hash and version travel in headers on the table routes, whose bodies are plain arrays
  // (as `liuzhi observations --format json` prints them).
  api.use("*", async (c, next) => {
    await next();
    c.res.headers.set("Liuzhi-Ledger-Sha256", context.ledgerSha256);
    c.res.headers.set("Liuzhi-Version", version);
  });

  paths.push("/observations");
  api.openapi(
    route("/observations", "Every official figure with its source; optional filters", OBSERVATION_PARAMS, Rows),
    (c) => {
      const q = queryOf(c, OBSERVATION_PARAMS);
      return send(
        c,
        cache.get(keyOf("observations", q), () =>
          ledger.observations
            .filter(
              (o) =>
                (q.jurisdiction === undefined || o.jurisdiction === q.jurisdiction) &&
                (q.measure === undefined || o.measure === q.measure) &&
                periodsOverlap(
                  { start: o.period_start, end: o.period_end },
                  { start: q.from ?? "0000-01-01", end: q.to ?? "9999-12-31" },
                ),
            )
            .map((o) => ({ ...o, source: sourcesById.get(o.source_id) ?? null })),
        ),
      );
    },
  );
  for (const [name, [summary, resource]] of Object.entries(tables)) {
    paths.push(`/${name}`);
    api.openapi(route(`/${name}`, summary, {}, Rows), (c) => {
      queryOf(c, {});
      return send(c, resource);
    });
  }

  // Computations in flight by cache key: a second identical request waits for the first, uncharged.
  const inFlight = new Map<string, Promise<Resource | Response>>();
  const snapshot = { ledger, version, hash: context.ledgerSha256 };
  const { heavy } = options;

  // One route per method, as its CLI command: `/api/estimates?ratios=…` is `liuzhi estimate --ratios …`.
  // Every one computes, so (under `liuzhi serve`) an answer not yet cached is computed by a worker and
  // charged to the caller: decided here, after routing (any spelling of the path) and validation (a
  // refused query costs nothing).
  for (const method of METHODS as ReadonlyArray<AnyMethod>) {
    paths.push(method.path);
    const params = publicParams(method.params); // the API's own caps (src/server/heavy/limits.ts)
    api.openapi(
      route(
        method.path,
        `${method.summary} (liuzhi ${method.command})`,
        params,
        MethodResult,
        method.description,
        true,
      ),
      async (c) => {
        const values = queryOf(c, params);
        const key = keyOf(method.path, values);
        if (!heavy)
          return send(
            c,
            cache.get(key, () => methodResult(method, ledger, values, context)),
          );
        const cached = cache.peek(key);
        if (cached) return send(c, cached);
        const job = { snapshot, path: method.path, values };
        let pending = inFlight.get(key);
        const own = pending === undefined;
        if (!pending) {
          pending = heavy.compute(c, job).finally(() => inFlight.delete(key));
          inFlight.set(key, pending);
        }
        let answer = await pending;
        // A refusal (429, 503) belongs to the caller it refused: one who waited on it asks for itself.
        if (answer instanceof Response && !own) answer = await heavy.compute(c, job);
        if (answer instanceof Response) return answer as never;
        return send(c, cache.put(key, answer));
      },
    );
  }

  // A method a route does not have: 405 naming the ones it does, in `Allow` and in the message.
  for (const path of paths) {
    api.all(path, (c) => {
      c.header("Allow", ALLOW);
      return c.json(
        { error: { status: 405, message: `${c.req.method} is not allowed on /api${path}: use ${ALLOW}` } },
        405,
      );
    });
  }
  return api;
}
