import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
