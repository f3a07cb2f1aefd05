/** What the server (and `build-site`) writes and the dashboard reads: one contract, below both. */
export { type DashboardData, DOWNLOADS } from "./dashboard.ts";
