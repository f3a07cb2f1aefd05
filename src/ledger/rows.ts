import type { Transaction } from "kysely";
import type { Ledger } from "../core/index.ts";
import type { LedgerDatabase, LedgerDb } from "../store/index.ts";
import type { LedgerAdditions } from "./validate.ts";

/** Reads the whole ledger, each table ordered by its primary key (the data package's order). */
export async function readLedger(db: LedgerDb | Transaction<LedgerDatabase>): Promise<Ledger> {
  const [sources, jurisdictions, observations, assumptions] = await Promise.all([
    db.selectFrom("sources").selectAll().orderBy("id").execute(),
    db.selectFrom("jurisdictions").selectAll().orderBy("code").execute(),
    db.selectFrom("observations").selectAll().orderBy("id").execute(),
    db.selectFrom("assumptions").selectAll().orderBy("id").execute(),
  ]);
  return { sources, jurisdictions, observations, assumptions };
}

// SQLite caps the number of bound parameters per statement; 17 columns × 50 rows stays well under it.
const BATCH = 50;

function batches<T>(rows: ReadonlyArray<T>): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/** Inserts validated additions in dependency order, inside the caller's transaction. */
export async function insertAdditions(trx: Transaction<LedgerDatabase>, additions: LedgerAdditions): Promise<void> {
  for (const rows of batches(additions.sources)) await trx.insertInto("sources").values(rows).execute();
  for (const rows of batches(additions.jurisdictions)) await trx.insertInto("jurisdictions").values(rows).execute();
  for (const rows of batches(additions.observations)) await trx.insertInto("observations").values(rows).execute();
  for (const rows of batches(additions.assumptions)) await trx.insertInto("assumptions").values(rows).execute();
}
