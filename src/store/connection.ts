import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import { migrationProvider } from "./migrations.ts";
import type { LedgerDatabase } from "./schema.ts";

export type LedgerDb = Kysely<LedgerDatabase>;

/** Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string };

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

/** The migrations this software knows that the database has not run (empty when it is current). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * SQLite transactions that begin IMMEDIATE: the write lock is taken at the start, so a transaction
 * that reads and then writes (every audited operation does) waits its turn under busy_timeout
 * instead of failing with SQLITE_BUSY when another process wrote in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

function sqliteKysely(file: string): LedgerDb {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<LedgerDatabase>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

/**
 * PostgreSQL's text cannot hold NUL (U+0000); SQLite can, and an older version let one into a review
 * reason, which the hash-chained log must keep exactly. So text crosses to PostgreSQL with NUL
 * escaped and comes back unescaped, reversibly: U+0000 is stored as U+E000 '0', and U+E000 (a
 * private-use character) as U+E000 U+E000. Every other text is stored as it is. The text policy
 * (src/core/text-policy.ts) refuses NUL in anything new; this only keeps old logs restorable.
 */
const PG_ESCAPE = "\uE000";
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is escaped.
const TO_ESCAPE = /[\u0000\uE000]/g;
const toPostgres = (v: unknown) =>
  typeof v === "string" && (v.includes("\u0000") || v.includes(PG_ESCAPE))
    ? v.replace(TO_ESCAPE, (c) => (c === PG_ESCAPE ? PG_ESCAPE + PG_ESCAPE : `${PG_ESCAPE}0`))
    : v;
const fromPostgres = (v: string) =>
  v.replace(/\uE000(\uE000|0)/g, (_, c: string) => (c === "0" ? "\u0000" : PG_ESCAPE));

interface QueryClient {
  query(text: unknown, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** Wraps a client's `query` (once) with the NUL escape, both ways. */
function escapeNul(client: QueryClient, wrapped: WeakSet<object>): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  const query = client.query.bind(client);
  client.query = async (text, values) => {
    if (typeof text !== "string") return query(text, values);
    const result = await query(text, values?.map(toPostgres));
    for (const row of result.rows ?? []) {
      for (const [key, value] of Object.entries(row)) {
        if (typeof value === "string" && value.includes(PG_ESCAPE)) row[key] = fromPostgres(value);
      }
    }
    return result;
  };
}

async function postgresKysely(url: string): Promise<LedgerDb> {
  // Loaded only for PostgreSQL: the embedded default never pays for the driver.
  const { default: pg } = await import("pg");
  // A few connections: the CLI runs one operation at a time and the server is read-mostly.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection the server closes (a restart, a failover) is an 'error' event: without a
  // listener it would end the process; the next query opens a new connection or fails on its own.
  pool.on("error", (error) => console.error(`PostgreSQL: idle connection lost: ${error.message}`));
  const wrapped = new WeakSet<object>();
  const connect = pool.connect.bind(pool) as () => Promise<unknown>;
  pool.connect = (async () => {
    const client = await connect();
    escapeNul(client as unknown as QueryClient, wrapped);
    return client;
  }) as typeof pool.connect;
  return new Kysely<LedgerDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the database, migrated to the latest schema; `created` is true when this call made it.
 * A new database is handed to `fill` first. For SQLite that happens under a temporary file name,
 * renamed into place only once filled, so a crash while filling never leaves a half-filled ledger;
 * for PostgreSQL the fill runs in one transaction (see `fill`).
 */
export async function openDatabase(
  target: DatabaseTarget,
  fill: (db: LedgerDb) => Promise<void>,
): Promise<{ db: LedgerDb; created: boolean }> {
  if (target.kind === "postgres") {
    const db = await postgresKysely(target.url);
    try {
      const applied = await migrateToLatest(db as Kysely<unknown>);
      const created = applied.includes("001-ledger");
      if (created) await fill(db);
      return { db, created };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const { file } = target;
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
