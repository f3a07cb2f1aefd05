/** The append-only, hash-chained audit log: who changed what, when, why; and proof nobody rewrote it. */

export {
  type ApprovalAssertion,
  type ApprovalSignatures,
  approvalChallenge,
  type ChangeState,
  changeAuditSnapshot,
  checkApprovalSignatures,
  checkChangesAgainstLog,
  type PasskeyRecord,
  payloadSha256,
} from "./approvals.ts";
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
  checkPasskeysAgainstLog,
  checkSessionsAgainstLog,
  credentialAuditSnapshot,
  type RegisterMismatch,
  sessionAuditSnapshot,
} from "./register-check.ts";
export {
  AuditKeyError,
  type AuditSigner,
  auditSignerFromEnv,
  checkSignatures,
  currentAuditSigner,
  generateAuditKey,
  parsePublicKey,
  signerFromPem,
  useAuditSigner,
} from "./signing.ts";
export {
  type AuditRecord,
  appendAudit,
  type Clock,
  checkAppendOnly,
  historyOf,
  readAuditHead,
  readAuditLog,
  readRegisterState,
  sessionRecorded,
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
