/** The append-only, hash-chained audit log: who changed what, when, why; and proof nobody rewrote it. */
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  canonicalJson,
  checkExtends,
  entryHash,
  GENESIS_HASH,
  parsePublishedHead,
  verifyChain,
} from "./chain.ts";
export { checkLedgerAgainstLog, type LedgerMismatch } from "./ledger-check.ts";
export {
  type AccountState,
  type CaseState,
  caseAuditSnapshot,
  checkAccountsAgainstLog,
  checkCasesAgainstLog,
  type RegisterMismatch,
} from "./register-check.ts";
export {
  type AuditRecord,
  appendAudit,
  type Clock,
  historyOf,
  readAuditHead,
  readAuditLog,
  readRegisterState,
  systemClock,
  verifyAuditLog,
} from "./store.ts";
export {
  checkTimestamps,
  requestTimestamp,
  type TimestampCheck,
  TimestampError,
  type TimestampRecord,
} from "./timestamp.ts";
