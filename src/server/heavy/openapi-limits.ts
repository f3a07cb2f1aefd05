import { REFUSED_HEADERS } from "../openapi-headers.ts";
import { PUBLIC_API_LIMITS } from "./limits.ts";

const L = PUBLIC_API_LIMITS;

/** The limits in words, for the OpenAPI document's description and the README. */
export const LIMITS_TEXT =
  `Method answers (every route that computes: /estimates, /uncertainty, …) are computed by a small pool of worker threads the first time they are asked for: ` +
  `at most ${L.maxDraws} Monte Carlo draws per request (the command line takes more), ` +
  `at most ${L.computationsPerAddress} computed answers per client address every ${L.windowSeconds} s (answers already computed, served from the cache, are not counted; beyond it 429 with Retry-After), ` +
  `and at most ${L.queueLength} requests waiting for a worker (beyond it 503 with Retry-After).`;

const retryAfter = REFUSED_HEADERS;
const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

type Doc = {
  info: { description?: string };
  paths?: { [path: string]: { get?: { responses?: object } } | undefined };
};

/**
 * Adds the compute limits to an OpenAPI document of the public API: the 429 and 503 answers of the
 * routes that compute (`computing`, the method routes), in words and schema.
 */
export function documentLimits<T extends Doc>(doc: T, computing: ReadonlyArray<string>): T {
  doc.info.description = `${doc.info.description ?? ""}\n\n${LIMITS_TEXT}`.trim();
  for (const path of computing) {
    const get = doc.paths?.[path]?.get;
    if (!get) continue;
    get.responses = {
      ...get.responses,
      429: {
        description: `More than ${L.computationsPerAddress} computed answers for this address in ${L.windowSeconds} s.`,
        headers: retryAfter,
        content: errorContent,
      },
      503: {
        description: `Every worker busy and ${L.queueLength} requests already waiting, or a computation past ${L.timeoutSeconds} s.`,
        headers: retryAfter,
        content: errorContent,
      },
    };
  }
  return doc;
}
