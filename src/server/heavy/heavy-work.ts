import type { IncomingMessage } from "node:http";
import { availableParallelism } from "node:os";
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Ledger } from "../../core/index.ts";
import { isHeavyRequest, PUBLIC_API_LIMITS } from "./limits.ts";
import { PoolBusyError, WorkerPool } from "./pool.ts";
import { AddressRateLimit } from "./rate-limit.ts";

/**
 * Workers computing heavy answers: one per core but one, so that the event loop keeps a core of its
 * own for the light requests (sign-in, the ledger, the cached answers); at least one.
 */
export const workerCount = (cores = availableParallelism()): number => Math.max(1, cores - 1);

export interface HeavyWorkOptions {
  /** Behind one trusted reverse proxy: the client address is the last X-Forwarded-For entry. */
  readonly trustProxy?: boolean;
  readonly workers?: number;
  readonly limits?: { readonly [K in keyof typeof PUBLIC_API_LIMITS]?: number };
}

/** The snapshot a public API instance serves; the hook sends it with every heavy request it dispatches. */
export interface HeavySnapshot {
  readonly ledger: Ledger;
  readonly version: string;
  readonly hash: string;
}

/**
 * Heavy public computation, off the event loop: `hook` is the middleware a public API instance puts
 * in front of its routes. A heavy request (see `isHeavyRequest`) is charged to its client address,
 * then answered by a worker running the same app on the same snapshot; everything else passes on.
 */
export interface HeavyWork {
  hook(snapshot: HeavySnapshot): MiddlewareHandler;
  close(): Promise<void>;
}

/** The client's address: the connection's peer, or behind a trusted proxy the entry it appended last. */
function clientAddress(c: Context, trustProxy: boolean): string {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? "unknown";
  if (!trustProxy) return peer;
  return c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim() || peer;
}

/** The API's error shape, with Retry-After; never cached. */
const refuse = (c: Context, status: 429 | 503, message: string, retryAfter: number) =>
  c.json({ error: { status, message } }, status, {
    "Retry-After": String(retryAfter),
    "Cache-Control": "no-store",
  });

/** Only what changes the answer travels to the worker. */
const FORWARDED = ["accept-encoding", "if-none-match"] as const;

export function createHeavyWork(options: HeavyWorkOptions = {}): HeavyWork {
  const limits = { ...PUBLIC_API_LIMITS, ...options.limits };
  const pool = new WorkerPool({
    size: options.workers ?? workerCount(),
    queueLength: limits.queueLength,
    timeoutMs: limits.timeoutSeconds * 1000,
  });
  const limiter = new AddressRateLimit(limits.computationsPerAddress, limits.windowSeconds * 1000);
  const trustProxy = options.trustProxy === true;
  return {
    hook: ({ ledger, version, hash }) => {
      const snapshot = { key: `${hash}:${version}`, version };
      return async (c, next) => {
        const method = c.req.method;
        const url = new URL(c.req.url);
        const route = url.pathname.split("/").at(-1) ?? "";
        if ((method !== "GET" && method !== "HEAD") || !isHeavyRequest(route, url.search)) return next();
        const wait = limiter.take(clientAddress(c, trustProxy));
        if (wait > 0) {
          const message = `too many computed requests from this address: at most ${limits.computationsPerAddress} every ${limits.windowSeconds} s (answers already computed are not counted); retry in ${wait} s`;
          return refuse(c, 429, message, wait);
        }
        const headers: Record<string, string> = {};
        for (const name of FORWARDED) {
          const value = c.req.header(name);
          if (value !== undefined) headers[name] = value;
        }
        try {
          const reply = await pool.run({
            snapshot,
            ledger,
            request: { path: `/${route}${url.search}`, method, headers },
          });
          if (reply.kind === "http-error") {
            throw new HTTPException(reply.status as ContentfulStatusCode, { message: reply.message });
          }
          if (reply.kind === "error") throw new Error(`compute worker: ${reply.message}`);
          return new Response(method === "HEAD" || reply.status === 304 ? null : reply.body, {
            status: reply.status,
            headers: reply.headers as Array<[string, string]>,
          });
        } catch (error) {
          if (error instanceof PoolBusyError) return refuse(c, 503, error.message, error.retryAfterSeconds);
          throw error;
        }
      };
    },
    close: () => pool.close(),
  };
}
