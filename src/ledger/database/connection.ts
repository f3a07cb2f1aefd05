import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations.ts";
import type { LedgerDatabase } from "./schema.ts";

export type LedgerDb = Kysely<LedgerDatabase>;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

function sqliteKysely(file: string): LedgerDb {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/**
 * Opens the SQLite ledger at `file`, migrated to the latest schema. A missing file is created
 * and handed to `fill` first, under a temporary name renamed into place only once filled, so a
 * crash while filling never leaves a half-filled ledger behind.
 */
export async function openSqliteLedger(
  file: string,
  fill: (db: LedgerDb) => Promise<void>,
): Promise<{ db: LedgerDb; created: boolean }> {
  if (existsSync(file)) {
    const db = sqliteKysely(file);
    await migrateToLatest(db as Kysely<unknown>);
    return { db, created: false };
  }
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const draft = sqliteKysely(partial);
  try {
    await migrateToLatest(draft as Kysely<unknown>);
    await fill(draft);
  } finally {
    await draft.destroy();
  }
  // Checkpointed and closed: the single file now holds everything, so renaming it is atomic.
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file);
  return { db: sqliteKysely(file), created: true };
}
