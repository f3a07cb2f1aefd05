/** The database: one Kysely handle over SQLite (embedded default) or PostgreSQL, its schema and migrations. */
export type { Kysely } from "kysely";
export { BACKUP_TABLES, type Backup, dumpDatabase, parseBackup, RestoreError, restoreDatabase } from "./backup.ts";
export {
  type DatabaseTarget,
  type LedgerDb,
  MigrationError,
  migrateToLatest,
  openDatabase,
  pendingMigrations,
} from "./connection.ts";
export type {
  AuditHeadRow,
  AuditLogRow,
  CaseRow,
  ChangeRow,
  FeedTokenRow,
  JobLeaseRow,
  JobRunRow,
  LedgerDatabase,
  SessionRow,
  UserRow,
} from "./schema.ts";
