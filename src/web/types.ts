/** The data file's shape and the downloads list: the contract with the server, kept in src/contracts. */
export { type DashboardData, DOWNLOADS } from "../contracts/index.ts";
