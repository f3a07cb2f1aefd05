/** The append-only, hash-chained audit log: who changed what, when, why; and proof nobody rewrote it. */
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from "./chain.ts";
export { checkLedgerAgainstLog, type LedgerMismatch } from "./ledger-check.ts";
export {
  type AuditRecord,
  appendAudit,
  type Clock,
  historyOf,
  readAuditHead,
  readAuditLog,
  systemClock,
  verifyAuditLog,
} from "./store.ts";
