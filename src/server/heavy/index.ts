/** Heavy public computation off the event loop: a worker pool with a bounded queue, a per-address limit. */
export {
  clientAddress,
  createHeavyWork,
  type HeavyJob,
  type HeavySnapshot,
  type HeavyWork,
  type HeavyWorkOptions,
  workerCount,
} from "./heavy-work.ts";
export { PUBLIC_API_LIMITS, publicParams } from "./limits.ts";
export { documentLimits, LIMITS_TEXT } from "./openapi-limits.ts";
export { addressKey } from "./rate-limit.ts";
