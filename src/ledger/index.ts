/** The ledger: the data package on disk, the records in the database, import and export. */
export {
  dataPackageDescriptor,
  IMPORT_LIMITS,
  readDataPackage,
  readImportFiles,
  SHIPPED_DATA_DIR,
  writeDataPackage,
} from "./data-package.ts";
export { ledgerSha256 } from "./hash.ts";
export { type ImportResult, importAuditRecords, importInputs, importIntoLedger } from "./import.ts";
export { describeTarget, openLedger, resolveTarget } from "./open.ts";
export { checkBackup, restoreBackup, sha256Hex } from "./restore.ts";
export { insertAdditions, readLedger } from "./rows.ts";
export {
  emptyAdditions,
  type InputIssue,
  type LedgerAdditions,
  type TableInput,
  validateAdditions,
} from "./validate.ts";
