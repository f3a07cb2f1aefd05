import type { Params } from "../../methods/index.ts";

/**
 * The public API's limits on heavy computation, stated once: the API's parameters, the OpenAPI
 * document, the server and the README all read them from here. Anonymous callers (every caller of
 * the public API) get less than the command line: an administrator's CPU is theirs to spend.
 */
export const PUBLIC_API_LIMITS = {
  /** Monte Carlo draws per /api/uncertainty request (`liuzhi uncertainty` takes more). */
  maxDraws: 200_000,
  /** Heavy answers computed for one client address (an IPv6 /64) per window; answers from the cache are free. */
  computationsPerAddress: 10,
  windowSeconds: 60,
  /** Heavy requests waiting for a worker, across all callers; past it the answer is 503 with Retry-After. */
  queueLength: 8,
  /** A computation that runs longer is abandoned (its worker replaced) and answered 503. */
  timeoutSeconds: 60,
} as const;

/**
 * A method's parameters as the public API takes them: the declaration itself, with the draws capped
 * at `maxDraws`, so that validation, its 400 message and the OpenAPI document all state the cap.
 */
export function publicParams<Ps extends Params>(params: Ps): Ps {
  const draws = params.draws;
  if (draws?.kind !== "integer" || draws.bounds.max <= PUBLIC_API_LIMITS.maxDraws) return params;
  const bounds = { ...draws.bounds, max: PUBLIC_API_LIMITS.maxDraws };
  return { ...params, draws: { ...draws, bounds, help: `${draws.help} (at most ${PUBLIC_API_LIMITS.maxDraws} here)` } };
}
