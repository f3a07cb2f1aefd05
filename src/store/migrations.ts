import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";

/**
 * Migrations in code, written with Kysely's schema builder only (no dialect-specific SQL), so the
 * same list runs on SQLite and PostgreSQL. Never edit a released migration: add a new one.
 */
const migrations: Record<string, Migration> = {
  "001-ledger": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sources")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("publisher", "text", (c) => c.notNull())
        .addColumn("title", "text")
        .addColumn("title_lang", "text")
        .addColumn("published", "text")
        .addColumn("url", "text")
        .addColumn("archived_url", "text")
        .addColumn("cited_in", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("jurisdictions")
        .addColumn("code", "text", (c) => c.primaryKey())
        .addColumn("name_en", "text", (c) => c.notNull())
        .addColumn("name_zh", "text", (c) => c.notNull())
        .addColumn("level", "text", (c) => c.notNull())
        .addColumn("population_m", "double precision")
        .addColumn("population_source_id", "text", (c) => c.references("sources.id"))
        .addColumn("population_locator", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("observations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("measure", "text", (c) => c.notNull())
        .addColumn("jurisdiction", "text", (c) => c.notNull().references("jurisdictions.code"))
        .addColumn("period_start", "text", (c) => c.notNull())
        .addColumn("period_end", "text", (c) => c.notNull())
        .addColumn("period_label", "text", (c) => c.notNull())
        .addColumn("value", "double precision", (c) => c.notNull())
        .addColumn("qualifier", "text", (c) => c.notNull())
        .addColumn("unit", "text", (c) => c.notNull())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("derivation", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
        .addColumn("locator", "text")
        .addColumn("quote", "text")
        .addColumn("quote_lang", "text")
        .addColumn("quote_en", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("observations_measure").on("observations").column("measure").execute();
      await db.schema
        .createTable("assumptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("low", "double precision", (c) => c.notNull())
        .addColumn("high", "double precision", (c) => c.notNull())
        .addColumn("unit", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
        .addColumn("locator", "text")
        .addColumn("note", "text")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["assumptions", "observations", "jurisdictions", "sources"]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
    },
  },
  "002-team": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("audit_log")
        .addColumn("seq", "integer", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "text")
        .addColumn("before_json", "text")
        .addColumn("after_json", "text")
        .addColumn("reason", "text")
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id"]).execute();
      await db.schema
        .createTable("audit_head")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${"0".repeat(64)})`.execute(db);
      await appendOnly(db, "audit_log");
      await db.schema
        .createTable("users")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("setup_token_hash", "text")
        .addColumn("setup_expires_at", "text")
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("locked_until", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull().references("users.name"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("changes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("table_name", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        .addColumn("payload_json", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull().references("users.name"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("reviewer", "text", (c) => c.references("users.name"))
        .addColumn("reviewed_at", "text")
        .addColumn("review_reason", "text")
        .execute();
      await db.schema.createIndex("changes_status").on("changes").column("status").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["changes", "sessions", "users", "audit_head", "audit_log"]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
    },
  },
  "003-cases": {
    // Individual cases (src/cases): the personal record only as an AES-256-GCM envelope in `payload`;
    // in clear only what aggregates need (province, year, status). Export paths are encrypted too.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("cases")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("jurisdiction", "text", (c) => c.notNull().references("jurisdictions.code"))
        .addColumn("year", "integer")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("key_id", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("case_exports")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
        .addColumn("payload", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("case_exports_case").on("case_exports").column("case_id").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["case_exports", "cases"]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
    },
  },
  "004-change-base": {
    // A correction remembers the row it was made against, so approving it after another
    // correction of the same row is refused instead of silently undoing the newer one.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("changes").addColumn("base_hash", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("changes").dropColumn("base_hash").execute();
    },
  },
  "005-change-meta": {
    // Drafts filed by the monitor carry their evidence (capture, sentence, confidence) for the reviewer.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("changes").addColumn("meta_json", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("changes").dropColumn("meta_json").execute();
    },
  },
  "006-zh-names": {
    // The Chinese edition's words for two ledger fields (sources.publisher_zh,
    // assumptions.description_zh); empty in rows recorded before, where the English is shown.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("sources").addColumn("publisher_zh", "text").execute();
      await db.schema.alterTable("assumptions").addColumn("description_zh", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("assumptions").dropColumn("description_zh").execute();
      await db.schema.alterTable("sources").dropColumn("publisher_zh").execute();
    },
  },
  "007-source-title-zh": {
    // The Chinese words of a title we supplied (sources.title_zh); empty in rows recorded before,
    // where the English is shown.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("sources").addColumn("title_zh", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("sources").dropColumn("title_zh").execute();
    },
  },
  "008-printed-precision": {
    // How finely each figure was printed (observations.printed_precision); empty in rows recorded before.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("observations").addColumn("printed_precision", "double precision").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("observations").dropColumn("printed_precision").execute();
    },
  },
  "009-service-jobs": {
    // The service's scheduled jobs (src/service): each run recorded; a lease per job so no job
    // overlaps itself, even across `liuzhi serve` and `liuzhi worker` on one database; and the
    // per-account secrets of the reviewers' Atom feed (only their SHA-256 stored).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("job_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("job", "text", (c) => c.notNull())
        .addColumn("attempt", "integer", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("summary", "text")
        .addColumn("filed_json", "text")
        .addColumn("host", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("job_runs_job").on("job_runs").columns(["job", "started_at"]).execute();
      await db.schema
        .createTable("job_leases")
        .addColumn("job", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("feed_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull().references("users.name"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["feed_tokens", "job_leases", "job_runs"]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
    },
  },
  "010-signed-audit": {
    // Sign-in counters for every name asked about (known or not, so a restart answers alike), the
    // browsers an account signed in from (they skip the name's delay), passkeys, and each audit
    // entry's Ed25519 signature by the server's key (not part of the entry's hash; see src/audit).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sign_in_throttle")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("last_ms", "double precision", (c) => c.notNull())
        .addColumn("next_ms", "double precision", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sign_in_devices")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("passkeys")
        .addColumn("credential_id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull().references("users.name"))
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("counter", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.alterTable("audit_log").addColumn("signature", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("audit_log").dropColumn("signature").execute();
      for (const table of ["passkeys", "sign_in_devices", "sign_in_throttle"]) {
        await sql`drop table ${sql.table(table)}`.execute(db);
      }
    },
  },
};

/**
 * Makes a table refuse UPDATE and DELETE at the database itself, so no code path (nor a careless
 * SQL console) can rewrite history; tampering then needs dropping the trigger, which `audit verify`
 * still catches through the hash chain.
 */
async function appendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function ${sql.raw(`${table}_append_only`)}() returns trigger language plpgsql as $$
      begin raise exception '${sql.raw(table)} is append-only'; end $$`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
      for each row execute function ${sql.raw(`${table}_append_only`)}()`.execute(db);
    return;
  }
  for (const event of ["update", "delete"]) {
    await sql`create trigger ${sql.raw(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
      begin select raise(abort, '${sql.raw(table)} is append-only'); end`.execute(db);
  }
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
