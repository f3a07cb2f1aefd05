import type { Transaction } from "kysely";
import type { LedgerDatabase, LedgerDb } from "./index.ts";

/**
 * Tables in a backup, in the order they are restored (references first). Sessions are not kept.
 * Cases hold only ciphertext and non-identifying columns, so a backup holds no plaintext name.
 */
export const BACKUP_TABLES = [
  "sources",
  "jurisdictions",
  "observations",
  "assumptions",
  "users",
  "passkeys",
  "changes",
  "cases",
  "case_exports",
  "audit_log",
] as const satisfies ReadonlyArray<keyof LedgerDatabase>;

export interface Backup {
  readonly format: "liuzhi-backup";
  readonly version: 1;
  readonly tables: { readonly [K in (typeof BACKUP_TABLES)[number]]: ReadonlyArray<LedgerDatabase[K]> };
  readonly auditHead: { readonly seq: number; readonly hash: string };
}

const ORDER: Record<(typeof BACKUP_TABLES)[number], string> = {
  sources: "id",
  jurisdictions: "code",
  observations: "id",
  assumptions: "id",
  users: "name",
  passkeys: "credential_id",
  changes: "id",
  cases: "id",
  case_exports: "id",
  audit_log: "seq",
};

/** Every table's rows, read in one transaction so the backup is one consistent moment. */
export async function dumpDatabase(db: LedgerDb): Promise<Backup> {
  return db.transaction().execute(async (trx) => {
    const tables = {} as Record<string, unknown[]>;
    for (const table of BACKUP_TABLES) {
      tables[table] = await trx
        .selectFrom(table)
        .selectAll()
        .orderBy(ORDER[table] as never)
        .execute();
    }
    const head = await trx
      .selectFrom("audit_head")
      .select(["seq", "hash"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return { format: "liuzhi-backup", version: 1, tables: tables as unknown as Backup["tables"], auditHead: head };
  });
}

export class RestoreError extends Error {
  override name = "RestoreError";
}

/** Checks the shape of a parsed backup file, naming what is wrong. */
export function parseBackup(value: unknown): Backup {
  const v = value as Partial<Backup> | null;
  if (v?.format !== "liuzhi-backup") throw new RestoreError("not a Liuzhi Monitor backup (format field missing)");
  if (v.version !== 1) throw new RestoreError(`unsupported backup version ${String(v.version)} (expected 1)`);
  for (const table of BACKUP_TABLES) {
    // Backups made before passkeys existed have none: an empty table, not a broken file.
    if (table === "passkeys" && v.tables && !("passkeys" in v.tables)) {
      (v.tables as Record<string, unknown>).passkeys = [];
    }
    if (!Array.isArray(v.tables?.[table])) throw new RestoreError(`the backup has no '${table}' table`);
  }
  if (typeof v.auditHead?.seq !== "number" || typeof v.auditHead.hash !== "string") {
    throw new RestoreError("the backup has no audit head");
  }
  return v as Backup;
}

/**
 * Loads a backup into an empty database, in one transaction: all of it or nothing. `finish` runs
 * inside that transaction last (to record the restore in the audit log); if it throws, nothing stays.
 */
export async function restoreDatabase(
  db: LedgerDb,
  backup: Backup,
  finish?: (trx: Transaction<LedgerDatabase>) => Promise<void>,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    for (const table of BACKUP_TABLES) {
      const { count } = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      if (Number(count) > 0)
        throw new RestoreError(`the target database is not empty (${table} has rows): restore into a new one`);
    }
    const counts: Record<string, number> = {};
    for (const table of BACKUP_TABLES) {
      const rows = backup.tables[table] as ReadonlyArray<Record<string, unknown>>;
      for (let i = 0; i < rows.length; i += 100) {
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + 100) as never)
          .execute();
      }
      counts[table] = rows.length;
    }
    await trx.updateTable("audit_head").set(backup.auditHead).where("id", "=", 1).execute();
    await finish?.(trx);
    return counts;
  });
}
