/** The database: one Kysely handle over SQLite (embedded default) or PostgreSQL, its schema and migrations. */
export type { Kysely } from "kysely";
export { BACKUP_TABLES, type Backup, dumpDatabase, parseBackup, RestoreError, restoreDatabase } from "./backup.ts";
export { type DatabaseTarget, type LedgerDb, MigrationError, migrateToLatest, openDatabase } from "./connection.ts";
export type {
  AuditHeadRow,
  AuditLogRow,
  CaseRow,
  ChangeRow,
  LedgerDatabase,
  SessionRow,
  UserRow,
} from "./schema.ts";
