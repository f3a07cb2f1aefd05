import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import { addressKey } from "./heavy/index.ts";
import type { ServerLog } from "./log.ts";

/**
 * What one slow or idle client can hold. Node's defaults (no cap on connections, 60 s to send the
 * headers, 300 s for a whole request) let about 20,000 drip-fed sockets exhaust the descriptors.
 */
export const CONNECTION_LIMITS = {
  /** Open connections at most, in all. */
  total: 4_000,
  /** Open connections at most per client address (an IPv6 address counts by its /64). */
  perAddress: 64,
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included, within this. */
  requestTimeoutMs: 30_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** How often the timeouts above are checked (Node's default, 30 s, would let a socket outlive them by that). */
  checkIntervalMs: 1_000,
} as const;

export type ConnectionLimits = { readonly [K in keyof typeof CONNECTION_LIMITS]: number };

/** The options of `http.createServer` that enforce the timeouts. */
export function serverTimeouts(limits: ConnectionLimits = CONNECTION_LIMITS): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}

/**
 * Caps the server's connections, in all and per client address: a connection over either cap is
 * closed at once, before anything is read from it. Behind a trusted reverse proxy every connection
 * comes from the proxy, so only the total applies (`perAddress: false`); the proxy limits its clients.
 */
export function limitConnections(
  server: Server,
  options: { readonly perAddress: boolean; readonly log: ServerLog; readonly limits?: ConnectionLimits },
): void {
  const limits = options.limits ?? CONNECTION_LIMITS;
  server.maxConnections = limits.total;
  server.on("drop", () =>
    options.log.problem(
      "too-many-connections",
      `${limits.total} connections are open, the most the server holds: further ones are closed`,
    ),
  );
  if (!options.perAddress) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress ?? "unknown");
    const count = open.get(key) ?? 0;
    if (count >= limits.perAddress) {
      options.log.problem(
        "too-many-connections",
        `a client address (${key}) has ${count} connections open, the most one may hold: further ones are closed`,
      );
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
