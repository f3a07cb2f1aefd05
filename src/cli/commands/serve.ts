import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { describeTarget, openLedger, readLedger } from "../../ledger/index.ts";
import {
  answerClientError,
  createHeavyWork,
  createServerApp,
  ensureWebBundle,
  limitConnections,
  loadStaticFiles,
  publicResponseCache,
  serverLog,
  serverTimeouts,
} from "../../server/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { publicSummaries } from "../public-summaries.ts";
import { scheduleOf, scheduleOption, startService } from "../service.ts";
import { VERSION } from "../version.ts";
import { targetOf } from "../with-ledger.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/** An origin exactly (scheme, host, optional port; no path), or a UsageError naming the value. */
function originOption(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!URL.canParse(value) || new URL(value).origin !== value) {
    throw new UsageError(`invalid --public-origin '${value}': expected an origin such as https://liuzhi.example.org`);
  }
  return value;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "Serve the dashboard, the read-only API and team editing over HTTP",
  description:
    "On first start (and after a change to src/web) the dashboard's browser bundle is built with Vite into var/web/; later starts reuse it. The API is under /api/, its OpenAPI document at /api/openapi.json.",
  options: {
    ...dbOption,
    port: { type: "string", valueName: "N", help: "TCP port (default 8080; 0 picks a free one)" },
    host: { type: "string", valueName: "HOST", help: "address to listen on (default 127.0.0.1)" },
    "no-dashboard": { type: "boolean", help: "serve the API only (no bundle build)" },
    "public-origin": {
      type: "string",
      valueName: "URL",
      help: "behind a reverse proxy: the origin browsers use, e.g. https://liuzhi.example.org ($LIUZHI_PUBLIC_ORIGIN)",
    },
    "trust-proxy": {
      type: "boolean",
      help: "behind one trusted reverse proxy: take client addresses from X-Forwarded-For ($LIUZHI_TRUST_PROXY=1)",
    },
    ...storeOption,
    ...scheduleOption,
  },
  examples: [
    "liuzhi serve --port 8080",
    "liuzhi serve --schedule /etc/liuzhi/schedule.json",
    "liuzhi serve --host 0.0.0.0 --port 80",
  ],
  async run(args, io) {
    const port = Number(args.values.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`invalid --port '${String(args.values.port)}': expected a whole number from 0 to 65535`);
    }
    const hostname = (args.values.host as string | undefined) ?? "127.0.0.1";
    const target = targetOf(args, io);
    const schedule = scheduleOf(args, io);
    // The database stays open while serving: team editing writes to it.
    const { db, created } = await openLedger(target);
    if (created) io.err(`Created ${describeTarget(target)} from the shipped data package.\n`);
    const ledger = await readLedger(db);
    // Shown beside the sources and as coverage: the latest captures, and the register's suppressed aggregates.
    const summaries = await publicSummaries(db, ledger, captureStoreDir(args, io));
    const web = args.values["no-dashboard"] === true ? undefined : loadStaticFiles(await ensureWebBundle());
    const publicOrigin = originOption(
      (args.values["public-origin"] as string | undefined) ?? io.env.LIUZHI_PUBLIC_ORIGIN,
    );
    const trustProxy = args.values["trust-proxy"] === true || io.env.LIUZHI_TRUST_PROXY === "1";
    const secureCookies = !LOCAL_HOSTS.has(hostname) || publicOrigin?.startsWith("https:") === true;
    // Monte Carlo and other query-priced answers are computed by worker threads, never on the event loop.
    const heavy = createHeavyWork({ trustProxy });
    const serverApp = createServerApp({
      ledger,
      version: VERSION,
      db,
      secureCookies,
      trustProxy,
      env: io.env,
      heavy,
      captureStore: captureStoreDir(args, io),
      ...(schedule ? { schedule } : {}),
      ...(publicOrigin ? { publicOrigin } : {}),
      ...summaries,
      ...(web ? { web } : {}),
    });
    // Public API answers are served from a cache in front of the app after their first request.
    const cached = publicResponseCache(serverApp);
    const listener = getRequestListener(serverApp.app.fetch);
    // Headers within 10 s, a whole request within 30 s, idle keep-alive 5 s (CONNECTION_LIMITS).
    const server = createServer(serverTimeouts(), (req, res) => {
      cached(req, res)
        .then((answered) => (answered ? undefined : listener(req, res)))
        .catch((error: unknown) => {
          serverLog.error(error);
          if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ error: { status: 500, message: "internal error" } }));
        });
    });
    // Requests Node refuses before the app sees them (headers too large, malformed) get the API's error shape.
    server.on("clientError", (error, socket) => answerClientError(error, socket));
    // Connections capped in all and per client address (behind a trusted proxy, every one is the proxy's).
    limitConnections(server, { perAddress: !trustProxy, log: serverLog });
    return new Promise<number>((resolvePromise) => {
      server.listen(port, hostname, () => {
        const address = server.address();
        const actual = typeof address === "object" && address ? address.port : port;
        io.out(`Liuzhi Monitor is serving on http://${hostname}:${actual}/ (team editing at /edit)\n`);
      });
      // The schedule's jobs run in this process, against the same database.
      const service = schedule
        ? startService({ db, target, schedule, store: captureStoreDir(args, io), io })
        : Promise.resolve(null);
      const stop = () =>
        server.close(
          () =>
            void service
              .then((s) => s?.stop())
              .then(() => Promise.all([heavy.close(), db.destroy()]))
              .then(() => resolvePromise(0)),
        );
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
