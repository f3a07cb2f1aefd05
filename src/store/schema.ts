import type { Assumption, Jurisdiction, Observation, Source } from "../core/index.ts";

/** One entry of the append-only audit log; `hash` chains it to the entry before (see src/audit). */
export interface AuditLogRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** Canonical JSON of the record before and after the change (null where there is none). */
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** Ed25519 signature (base64) of `hash` by the server's audit key; null when written without one. */
  signature: string | null;
}

/** The chain's head in one row: appending updates it first, which serializes concurrent writers. */
export interface AuditHeadRow {
  id: number;
  seq: number;
  hash: string;
}

export interface UserRow {
  name: string;
  role: string;
  /** scrypt$N$r$p$salt$hash; null until the account's one-time setup link is used. */
  password_hash: string | null;
  setup_token_hash: string | null;
  setup_expires_at: string | null;
  /** 0 or 1 (SQLite has no boolean). */
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface SessionRow {
  /** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
  token_hash: string;
  user_name: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A proposed change to the ledger: a draft until a reviewer other than its author approves it. */
export interface ChangeRow {
  id: string;
  table_name: string;
  action: string;
  target_id: string;
  payload_json: string;
  reason: string;
  author: string;
  status: string;
  created_at: string;
  reviewer: string | null;
  reviewed_at: string | null;
  review_reason: string | null;
  /** For a correction: SHA-256 of the canonical row it was made against (null for a new row). */
  base_hash: string | null;
  /**
   * What a draft filed by a program carries besides the row (JSON): for the monitor, the capture it
   * read, the sentence's place in it, a confidence with its reason, a conflict with the ledger.
   */
  meta_json: string | null;
}

/**
 * An individual case (src/cases). `payload` is the whole personal record as an AES-256-GCM envelope;
 * the clear columns are the minimum the aggregates need and identify nobody on their own.
 */
export interface CaseRow {
  id: string;
  jurisdiction: string;
  /** Year taken (null when the date is unknown); the exact date stays encrypted. */
  year: number | null;
  status: string;
  key_id: string;
  payload: string;
}

/** A file the application wrote from a case (an export): its path and format, encrypted, so delete can find it. */
export interface CaseExportRow {
  id: string;
  case_id: string;
  payload: string;
}

/** One attempt of a scheduled job (src/service): outcome running, succeeded or failed. */
export interface JobRunRow {
  id: string;
  job: string;
  attempt: number;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  /** What it did or why it failed, in a line or a few. */
  summary: string | null;
  /** What it filed (the monitor's draft change ids), JSON. */
  filed_json: string | null;
  /** Which process ran it (host:pid). */
  host: string;
}

/** Held by the process running a job, until it finishes or the lease expires. */
export interface JobLeaseRow {
  job: string;
  holder: string;
  expires_at: string;
}

/** A reviewer's secret feed address: only the SHA-256 of the secret is stored. */
export interface FeedTokenRow {
  token_hash: string;
  user_name: string;
  created_at: string;
}

/** Failed sign-ins for one name, known or not (so answers never tell which names exist). */
export interface SignInThrottleRow {
  name: string;
  failures: number;
  /** Time of the last failure and the earliest next attempt, in ms since 1970. */
  last_ms: number;
  next_ms: number;
}

/** A browser an account signed in from: its cookie's SHA-256. Attempts from it skip the name's delay. */
export interface SignInDeviceRow {
  token_hash: string;
  user_name: string;
  created_at: string;
}

/** A WebAuthn credential (passkey) of an account: its id and COSE public key, base64url. */
export interface PasskeyRow {
  credential_id: string;
  user_name: string;
  public_key: string;
  counter: number;
  created_at: string;
}

/** The database's tables as Kysely sees them: the ledger's domain records column for column, then the team's tables. */
export interface LedgerDatabase {
  sources: Source;
  jurisdictions: Jurisdiction;
  observations: Observation;
  assumptions: Assumption;
  audit_log: AuditLogRow;
  audit_head: AuditHeadRow;
  users: UserRow;
  sessions: SessionRow;
  changes: ChangeRow;
  cases: CaseRow;
  case_exports: CaseExportRow;
  job_runs: JobRunRow;
  job_leases: JobLeaseRow;
  feed_tokens: FeedTokenRow;
  sign_in_throttle: SignInThrottleRow;
  sign_in_devices: SignInDeviceRow;
  passkeys: PasskeyRow;
}
