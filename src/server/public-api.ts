/** The read-only public API: the ledger's tables and every method's result, as JSON, validated by zod. */
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Ledger } from "../core/index.ts";
import { ledgerSha256 } from "../ledger/index.ts";
import {
  extrapolations,
  monteCarlo,
  officialFloor,
  periodsOverlap,
  rates,
  ratioTable,
  runManifest,
  sensitivity,
  triangulate,
} from "../methods/index.ts";
import type { HeavyWork } from "./heavy/index.ts";
import { jsonResource, type Resource, ResourceCache, send as sendResource } from "./json-resource.ts";
import {
  ErrorBody,
  EstimatesQuery,
  MethodResult,
  NoQuery,
  ObservationsQuery,
  parseRatios,
  parseUncertainty,
  Rows,
  UncertaintyQuery,
} from "./schemas.ts";

export interface PublicApiOptions {
  readonly ledger: Ledger;
  readonly version: string;
  /** `liuzhi serve`'s worker pool: heavy requests are computed there, by this same app on this same ledger. */
  readonly heavy?: HeavyWork;
}

const json = (schema: z.ZodType, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const badRequest = json(ErrorBody, "A query parameter is unknown or invalid; the message names it.");

const route = <Q extends z.ZodObject>(path: string, summary: string, query: Q, ok: z.ZodType) =>
  createRoute({
    method: "get",
    path,
    summary,
    request: { query },
    responses: { 200: json(ok, "OK (ETag and Cache-Control set; 304 on If-None-Match)"), 400: badRequest },
  });

/** Sends a cached resource (ETag, 304, gzip); typed loosely: the OpenAPI document declares the body. */
const send = (c: Context, r: Resource) => sendResource(c, r) as never;

/** Turns a failed validation into a 400 whose message names the parameter. */
function rejectQuery(result: { success: boolean; error?: z.ZodError }): void {
  if (result.success || !result.error) return;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys;
    throw new HTTPException(400, {
      message: `unknown query parameter${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")}`,
    });
  }
  const name = String(issue.path[0] ?? "query");
  const message = issue.code === "invalid_value" ? `expected one of ${issue.values.join(", ")}` : issue.message;
  throw new HTTPException(400, { message: `invalid query parameter '${name}': ${message}` });
}

/** Canonical cache key of a validated query: its keys sorted. */
const keyOf = (path: string, query: Record<string, unknown>) =>
  `${path}?${Object.keys(query)
    .sort()
    .map((k) => `${k}=${String(query[k])}`)
    .join("&")}`;

export function publicApi(options: PublicApiOptions): OpenAPIHono {
  const { ledger, version } = options;
  const hash = ledgerSha256(ledger);
  const manifest = (method: string, opts: Record<string, unknown> = {}, seed: number | null = null) =>
    runManifest({ version, ledgerSha256: hash, method, options: opts, seed });
  const cache = new ResourceCache(256);
  const api = new OpenAPIHono({ defaultHook: rejectQuery });

  const sourcesById = new Map(ledger.sources.map((s) => [s.id, s]));
  const fixed = (value: unknown): Resource => jsonResource(value);
  const table = {
    sources: fixed(ledger.sources),
    jurisdictions: fixed(ledger.jurisdictions),
    assumptions: fixed(ledger.assumptions),
  };
  // The ledger hash and version travel in headers on the table routes, whose bodies are plain arrays
  // (as `liuzhi observations --format json` prints them).
  api.use("*", async (c, next) => {
    await next();
    c.res.headers.set("Liuzhi-Ledger-Sha256", hash);
    c.res.headers.set("Liuzhi-Version", version);
  });
  if (options.heavy) api.use("*", options.heavy.hook({ ledger, version, hash }));

  api.openapi(
    route("/observations", "Every official figure with its source; optional filters", ObservationsQuery, Rows),
    (c) => {
      const q = c.req.valid("query");
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
  api.openapi(route("/sources", "Every source document", NoQuery, Rows), (c) => send(c, table.sources));
  api.openapi(route("/jurisdictions", "The nation and provinces, with populations", NoQuery, Rows), (c) =>
    send(c, table.jurisdictions),
  );
  api.openapi(route("/assumptions", "Parameters that are not official counts", NoQuery, Rows), (c) =>
    send(c, table.assumptions),
  );

  api.openapi(route("/estimates", "The ratio-method table (liuzhi estimate)", EstimatesQuery, MethodResult), (c) => {
    const q = c.req.valid("query");
    return send(
      c,
      cache.get(keyOf("estimates", q), () => {
        const ratios = parseRatios(q);
        const t = ratioTable(ledger, ratios ? { ratios } : {});
        const columns = ["period", "punished_cat3_4", ...t.columns];
        const rows = t.rows.map((row) => ({
          period: row.period,
          punished_cat3_4: row.punishedCat3_4,
          ...Object.fromEntries(row.cells.map((cell) => [cell.column, cell.value])),
          kind: row.kind,
          provenance: row.provenance,
        }));
        return { manifest: manifest("ratio", { ratios: t.ratios }), columns, rows };
      }),
    );
  });
  api.openapi(route("/floor", "The officially reported floors (liuzhi floor)", NoQuery, MethodResult), (c) =>
    send(
      c,
      cache.get("floor", () => ({ manifest: manifest("floor"), ...officialFloor(ledger) })),
    ),
  );
  api.openapi(
    route("/extrapolations", "Provincial figures scaled to the nation (liuzhi extrapolate)", NoQuery, MethodResult),
    (c) =>
      send(
        c,
        cache.get("extrapolations", () => ({
          manifest: manifest("extrapolate"),
          extrapolations: extrapolations(ledger),
        })),
      ),
  );
  api.openapi(
    route("/rates", "Per day, per case filed, held on an average day (liuzhi rates)", NoQuery, MethodResult),
    (c) =>
      send(
        c,
        cache.get("rates", () => ({ manifest: manifest("rates"), years: rates(ledger) })),
      ),
  );
  api.openapi(
    route("/triangulate", "Every estimate per year side by side (liuzhi triangulate)", NoQuery, MethodResult),
    (c) =>
      send(
        c,
        cache.get("triangulate", () => ({ manifest: manifest("triangulate"), ...triangulate(ledger) })),
      ),
  );
  api.openapi(
    route("/uncertainty", "Seeded Monte Carlo and sensitivity (liuzhi uncertainty)", UncertaintyQuery, MethodResult),
    (c) => {
      const q = c.req.valid("query");
      return send(
        c,
        cache.get(keyOf("uncertainty", q), () => {
          const { draws, seed, inputs } = parseUncertainty(q);
          try {
            const result = monteCarlo(ledger, { draws, seed, inputs });
            return {
              manifest: manifest("uncertainty", { draws, inputs: result.inputs }, seed),
              ...result,
              sensitivity: sensitivity(ledger, inputs),
            };
          } catch (error) {
            if (error instanceof RangeError) throw new HTTPException(400, { message: error.message });
            throw error;
          }
        }),
      );
    },
  );
  return api;
}
