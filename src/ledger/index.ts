/** The ledger: the data package on disk, the database built from it, import and export. */
export {
  dataPackageDescriptor,
  readDataPackage,
  readImportFiles,
  SHIPPED_DATA_DIR,
  writeDataPackage,
} from "./data-package.ts";
export { type LedgerDb, MigrationError, migrateToLatest } from "./database/connection.ts";
export { readLedger } from "./database/store.ts";
export { ledgerSha256 } from "./hash.ts";
export { type ImportResult, importIntoLedger } from "./import.ts";
export { openLedger, resolveDbFile } from "./open.ts";
export { type InputIssue, type TableInput, validateAdditions } from "./validate.ts";
