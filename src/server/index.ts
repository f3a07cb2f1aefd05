/** The HTTP server: the public API, its OpenAPI document and the dashboard, over the ledger. */
export { type AppOptions, createApp, createServerApp, type ServerApp } from "./app.ts";
export { CONNECTION_LIMITS, limitConnections, serverTimeouts } from "./connections.ts";
export { dashboardData } from "./dashboard-data.ts";
export { downloadFiles } from "./downloads.ts";
export { createHeavyWork, type HeavyWork, PUBLIC_API_LIMITS } from "./heavy/index.ts";
export type { Resource } from "./json-resource.ts";
export { createServerLog, isClientAbort, type ServerLog, serverLog } from "./log.ts";
export { openApiDocument } from "./openapi.ts";
export { publicApi } from "./public-api.ts";
export { publicResponseCache } from "./response-cache.ts";
export { answerClientError } from "./security.ts";
export { loadStaticFiles } from "./static.ts";
export { buildWebBundle, ensureWebBundle } from "./web-bundle.ts";
