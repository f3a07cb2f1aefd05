/** The HTTP server: the public API (and later the dashboard) over the ledger. */
export { type AppOptions, createApp } from "./app.ts";
