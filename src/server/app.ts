import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { publicCoverage } from "../cases/store.ts";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import { readLedger } from "../ledger/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { editingRoutes } from "./editing/index.ts";
import type { Resource } from "./json-resource.ts";
import { openApiRoute } from "./openapi.ts";
import { publicApi } from "./public-api.ts";
import { securityHeaders } from "./security.ts";

/**
 * Besides the ledger, the public views may print `captures` (the latest capture of each source) and
 * `coverage` (documented cases against official figures, aggregated and suppressed): nothing else
 * from the case register ever reaches them.
 */
export interface AppOptions extends PublicSummaries {
  /** The approved ledger; the public views serve a snapshot of it from memory. */
  readonly ledger: Ledger;
  readonly version: string;
  /** The built dashboard bundle by URL path (loadStaticFiles); without it only the API and data are served. */
  readonly web?: ReadonlyMap<string, Resource>;
  /** The database, for team editing under /edit and /api/edit; without it the server is read-only. */
  readonly db?: LedgerDb;
  /** Session cookies marked Secure: true everywhere but on localhost. */
  readonly secureCookies?: boolean;
}

/** The one shape of every error: `{ error: { status, message } }`. */
const errorBody = (status: number, message: string) => ({ error: { status, message } });

function withErrorHandlers(app: Hono): Hono {
  app.notFound((c) => c.json(errorBody(404, `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json(errorBody(error.status, error.message), error.status);
    console.error(error);
    return c.json(errorBody(500, "internal error"), 500);
  });
  return app;
}

/** The public views of one ledger snapshot: the API and its OpenAPI document under /api, then the dashboard. */
function publicRoutes(options: AppOptions): Hono {
  const app = new Hono();
  const api = publicApi(options);
  app.get("/api", (c) =>
    c.json({
      name: "Liuzhi Monitor API",
      version: options.version,
      openapi: "/api/openapi.json",
      routes: Object.keys(openApiPaths(api)).map((p) => `/api${p}`),
    }),
  );
  app.route("/api", openApiRoute(api, options.version));
  app.route("/api", api);
  app.route("/", dashboardRoutes(options));
  return withErrorHandlers(app);
}

/**
 * Composes the server: security headers on everything; team editing when a database is given;
 * the public views of the approved ledger. When a reviewer approves a change, the public snapshot
 * is rebuilt from the database, so approved data goes public at once and drafts never do.
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.use("*", securityHeaders());
  let current = publicRoutes(options);
  const { db } = options;
  if (db) {
    const onApproved = async () => {
      const ledger = await readLedger(db);
      // Official counts may have changed: the coverage is recomputed from the database with the ledger.
      const coverage = await publicCoverage(db, ledger.observations);
      const { coverage: _old, ...rest } = options;
      current = publicRoutes({ ...rest, ledger, ...(coverage ? { coverage } : {}) });
    };
    app.route("/", editingRoutes({ db, secureCookies: options.secureCookies ?? true, onApproved }));
  }
  app.all("*", (c) => current.fetch(c.req.raw, c.env));
  return withErrorHandlers(app);
}

function openApiPaths(api: ReturnType<typeof publicApi>) {
  return api.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "", version: "" } }).paths ?? {};
}
