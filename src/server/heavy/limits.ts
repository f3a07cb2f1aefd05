/**
 * The public API's limits on heavy computation, stated once: the schemas, the OpenAPI document, the
 * server and the README all read them from here. Anonymous callers (every caller of the public API)
 * get less than the command line, which has no cap on draws: an administrator's CPU is theirs to spend.
 */
export const PUBLIC_API_LIMITS = {
  /** Monte Carlo draws per /api/uncertainty request (`liuzhi uncertainty` takes any number). */
  maxDraws: 200_000,
  /** Heavy answers computed for one client address (an IPv6 /64) per window; answers from the cache are free. */
  computationsPerAddress: 10,
  windowSeconds: 60,
  /** Heavy requests waiting for a worker, across all callers; past it the answer is 503 with Retry-After. */
  queueLength: 8,
  /** A computation that runs longer is abandoned (its worker replaced) and answered 503. */
  timeoutSeconds: 60,
} as const;

/** The public routes whose cost a query can raise: Monte Carlo draws, and any number of ratios. */
export function isHeavyRequest(route: string, search: string): boolean {
  if (route === "uncertainty") return true;
  return route === "estimates" && search.length > 1;
}
