import { basename } from "node:path";
import { type AuditRecord, appendAudit, type Clock, systemClock } from "../audit/index.ts";
import { LEDGER_TABLES, type Ledger } from "../core/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { readImportFiles } from "./data-package.ts";
import { insertAdditions, readLedger } from "./rows.ts";
import { type InputIssue, type LedgerAdditions, type TableInput, validateAdditions } from "./validate.ts";

export interface ImportResult {
  /** Rows per table that were added, or that would be added on a dry run. */
  readonly counts: { readonly [K in keyof Ledger]: number };
  readonly issues: ReadonlyArray<InputIssue>;
  /** True when the database was written: no issues and not a dry run. */
  readonly written: boolean;
}

const countsOf = (a: LedgerAdditions) => ({
  sources: a.sources.length,
  jurisdictions: a.jurisdictions.length,
  observations: a.observations.length,
  assumptions: a.assumptions.length,
});

const AUDIT_SLICE = 1000;

/** One audit entry per added row: the row's history then starts with where it came from. */
export function importAuditRecords(additions: LedgerAdditions, actor: string, reason: string): AuditRecord[] {
  return LEDGER_TABLES.flatMap((table) =>
    (additions[table.name] as ReadonlyArray<Record<string, unknown>>).map((row) => ({
      actor,
      action: "import" as const,
      entity: table.name,
      entityId: String(row[table.primaryKey]),
      after: row,
      reason,
    })),
  );
}

/**
 * Validates table inputs against the ledger and adds them, with their audit entries, in one
 * transaction: any issue (or a dry run) writes nothing.
 */
export async function importInputs(
  db: LedgerDb,
  inputs: ReadonlyArray<TableInput>,
  readIssues: ReadonlyArray<InputIssue>,
  options: { dryRun: boolean; actor: string; reason: string; clock?: Clock },
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await readLedger(trx);
    const { additions, issues } = validateAdditions(existing, inputs);
    const all = [...readIssues, ...issues];
    const written = all.length === 0 && !options.dryRun;
    if (written) {
      await insertAdditions(trx, additions);
      // In slices: each entry carries its row's canonical JSON, and a large import's entries all at
      // once would take several times the memory of the rows themselves.
      const records = importAuditRecords(additions, options.actor, options.reason);
      for (let i = 0; i < records.length; i += AUDIT_SLICE) {
        await appendAudit(trx, records.slice(i, i + AUDIT_SLICE), options.clock ?? systemClock);
      }
    }
    return { counts: countsOf(additions), issues: all, written };
  });
}

/**
 * Imports CSV files or a data package into the ledger, all or nothing: the files are validated
 * against the ledger inside one transaction, and any issue (or a dry run) writes nothing.
 */
export async function importIntoLedger(
  db: LedgerDb,
  paths: ReadonlyArray<string>,
  options: { dryRun: boolean; actor?: string; clock?: Clock },
): Promise<ImportResult> {
  const read = readImportFiles(paths);
  return importInputs(db, read.inputs, read.issues, {
    dryRun: options.dryRun,
    actor: options.actor ?? "cli",
    reason: `import of ${paths.map((p) => basename(p)).join(", ")}`,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
