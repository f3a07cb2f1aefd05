import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { readAuditHead } from "../audit/index.ts";
import { publicCoverage } from "../cases/index.ts";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import { ledgerSha256, readLedger } from "../ledger/index.ts";
import type { Schedule } from "../service/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { editingRoutes } from "./editing/index.ts";
import { embedRoutes } from "./embed.ts";
import { feedRoutes } from "./feeds.ts";
import { healthRoutes } from "./health.ts";
import type { HeavyWork } from "./heavy/index.ts";
import type { Resource } from "./json-resource.ts";
import { serverLog } from "./log.ts";
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
  /** Behind a reverse proxy: the origin browsers use (https://…), accepted by the editing routes' Origin check. */
  readonly publicOrigin?: string;
  /** Behind one trusted reverse proxy: client addresses come from its X-Forwarded-For entry. */
  readonly trustProxy?: boolean;
  /** The environment for the case register under /edit/cases ($LIUZHI_CASE_KEY or _FILE, $LIUZHI_CASE_USERS); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Heavy public computation off the event loop (`liuzhi serve`); without it, computed inline. */
  readonly heavy?: HeavyWork;
  /** The capture store, for the archived copy shown beside a monitor draft under /edit. */
  readonly captureStore?: string;
  /** The scheduled jobs this process runs (`--schedule`): judged by /readyz, listed under /edit/jobs. */
  readonly schedule?: Schedule;
}

/** The one shape of every error: `{ error: { status, message } }`. */
const errorBody = (status: number, message: string) => ({ error: { status, message } });

function withErrorHandlers(app: Hono): Hono {
  app.notFound((c) => c.json(errorBody(404, `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json(errorBody(error.status, error.message), error.status);
    serverLog.error(error);
    return c.json(errorBody(500, "internal error"), 500);
  });
  return app;
}

/** The public views of one ledger snapshot: the API and its OpenAPI document under /api, then the dashboard. */
function publicRoutes(options: AppOptions & { readonly teamEditing?: boolean }): Hono {
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
  app.route("/", embedRoutes(options));
  app.route("/", dashboardRoutes(options));
  return withErrorHandlers(app);
}

/** How often, at most, the server asks the database whether the record moved on. */
const REFRESH_INTERVAL_MS = 2000;

/**
 * Composes the server: security headers on everything; team editing when a database is given;
 * the public views of the approved ledger, served from a snapshot. Whenever the audit log's head
 * moves (an approval here, an import or a review from the command line, a case added), the ledger
 * and the case coverage are read again and the snapshot rebuilt if they changed: approved data goes
 * public within seconds, and drafts never do (they are not in the ledger).
 */
export function createApp(options: AppOptions): Hono {
  return createServerApp(options).app;
}

/** The app, and a check that brings its public snapshot up to date and returns the snapshot's generation. */
export interface ServerApp {
  readonly app: Hono;
  /** Refreshes the public snapshot when due; the generation changes whenever the public views do. */
  readonly freshSnapshot: () => Promise<number>;
}

export function createServerApp(options: AppOptions): ServerApp {
  const { db, env, coverage: _initialCoverage, ...fixed } = options;
  if (!db) {
    // Read-only: one snapshot for the process's life, served by one app (no second dispatch).
    const app = new Hono();
    app.use("*", securityHeaders());
    app.route("/", healthRoutes(undefined, undefined));
    app.route("/", publicRoutes(options));
    return { app: withErrorHandlers(app), freshSnapshot: async () => 0 };
  }
  const app = new Hono();
  app.use("*", securityHeaders());
  // Health and feeds read the database themselves: /readyz must answer even when it is down.
  app.route("/", healthRoutes(db, options.schedule));
  app.route("/", feedRoutes(db, options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}));
  // Editing is mounted on this server: the dashboard's footer may link to its sign-in.
  let current = publicRoutes({ ...options, teamEditing: true });
  let generation = 0;
  let fingerprint = snapshotFingerprint(options.ledger, options.coverage ?? null);
  let knownSeq: number | null = null;
  let lastCheck = 0;
  let inFlight: Promise<void> | null = null;
  const rebuild = async () => {
    const ledger = await readLedger(db);
    const coverage = await publicCoverage(db, ledger.observations);
    const next = snapshotFingerprint(ledger, coverage);
    if (next === fingerprint) return;
    fingerprint = next;
    current = publicRoutes({ ...fixed, teamEditing: true, ledger, ...(coverage ? { coverage } : {}) });
    generation += 1;
  };
  const refresh = async (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastCheck < REFRESH_INTERVAL_MS) return;
    lastCheck = now;
    const head = await readAuditHead(db);
    if (head.seq === knownSeq) return;
    knownSeq = head.seq;
    inFlight ??= rebuild().finally(() => {
      inFlight = null;
    });
    await inFlight;
  };
  app.route(
    "/",
    editingRoutes({
      db,
      secureCookies: options.secureCookies ?? true,
      onApproved: () => refresh(true),
      env: env ?? process.env,
      ...(options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}),
      ...(options.trustProxy ? { trustProxy: true } : {}),
      ...(options.captureStore ? { captureStore: options.captureStore } : {}),
      ...(options.schedule ? { schedule: options.schedule } : {}),
    }),
  );
  app.all("*", async (c) => {
    await refresh(false);
    return current.fetch(c.req.raw, c.env);
  });
  return {
    app: withErrorHandlers(app),
    freshSnapshot: async () => {
      await refresh(false);
      return generation;
    },
  };
}

const snapshotFingerprint = (ledger: Ledger, coverage: unknown) =>
  `${ledgerSha256(ledger)}:${JSON.stringify(coverage)}`;

function openApiPaths(api: ReturnType<typeof publicApi>) {
  return api.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "", version: "" } }).paths ?? {};
}
