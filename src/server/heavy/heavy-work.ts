import type { IncomingMessage } from "node:http";
import { availableParallelism } from "node:os";
import type { Context } from "hono";
import type { Ledger } from "../../core/index.ts";
import { InvalidOption, MissingData } from "../../methods/index.ts";
import type { Resource } from "../json-resource.ts";
import { PUBLIC_API_LIMITS } from "./limits.ts";
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

/** The snapshot a public API instance serves; it travels with every computation it dispatches. */
export interface HeavySnapshot {
  readonly ledger: Ledger;
  readonly version: string;
  readonly hash: string;
}

/** One computation: the method's route as the router matched it, and its validated parameter values. */
export interface HeavyJob {
  readonly snapshot: HeavySnapshot;
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Heavy public computation, off the event loop. A public API route calls `compute` only after the
 * router has matched it (whatever the spelling of the path: `%75ncertainty` is `uncertainty` by then)
 * and its query has passed validation (a 400 costs nothing), and only when the answer is not cached:
 * the computation is charged to the client's address, then run by a worker. The answer is the
 * resource to serve, or a refusal (429, 503) to send as it is.
 */
export interface HeavyWork {
  compute(c: Context, job: HeavyJob): Promise<Resource | Response>;
  close(): Promise<void>;
}

/** The client's address: the connection's peer, or behind a trusted proxy the entry it appended last. */
export function clientAddress(c: Context, trustProxy: boolean): string {
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
    async compute(c, { snapshot: { ledger, version, hash }, path, values }) {
      const wait = limiter.take(clientAddress(c, trustProxy));
      if (wait > 0) {
        const message = `too many computed requests from this address: at most ${limits.computationsPerAddress} every ${limits.windowSeconds} s (answers already computed are not counted); retry in ${wait} s`;
        return refuse(c, 429, message, wait);
      }
      try {
        const snapshot = { key: `${hash}:${version}`, version, ledgerSha256: hash };
        const reply = await pool.run({ snapshot, ledger, path, values });
        if (reply.kind === "invalid") throw new InvalidOption(reply.field, reply.allowed);
        if (reply.kind === "missing") throw new MissingData(reply.message);
        if (reply.kind === "error") throw new Error(`compute worker: ${reply.message}`);
        return { body: reply.body, gzip: reply.gzip, etag: reply.etag, type: reply.type };
      } catch (error) {
        if (error instanceof PoolBusyError) return refuse(c, 503, error.message, error.retryAfterSeconds);
        throw error;
      }
    },
    close: () => pool.close(),
  };
}
