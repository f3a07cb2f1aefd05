import { createHash } from "node:crypto";
import {
  appendAudit,
  type Clock,
  checkAccountsAgainstLog,
  checkCasesAgainstLog,
  checkLedgerAgainstLog,
  checkPasskeysAgainstLog,
  systemClock,
  verifyChain,
} from "../audit/index.ts";
import { formatIssue, LEDGER_TABLES, type Ledger } from "../core/index.ts";
import { type Backup, type LedgerDb, RestoreError, restoreDatabase } from "../store/index.ts";
import { validateAdditions } from "./validate.ts";

/**
 * Restores a backup only if it proves itself: its audit chain verifies up to its head, its ledger
 * rows pass the import's validation, and each row (ledger, account, case) equals what the log last recorded for it. Then
 * it loads everything in one transaction and appends a `restore` entry naming the backup's head
 * and the SHA-256 of the file, so the restore itself is on the record.
 */
export async function restoreBackup(
  db: LedgerDb,
  backup: Backup,
  options: { actor: string; fileSha256: string; clock?: Clock },
): Promise<Record<string, number>> {
  checkBackup(backup);
  return restoreDatabase(db, backup, async (trx) => {
    await appendAudit(
      trx,
      [
        {
          actor: options.actor,
          action: "restore",
          entity: "database",
          after: { backupHead: backup.auditHead, backupSha256: options.fileSha256 },
        },
      ],
      options.clock ?? systemClock,
    );
  });
}

/** Throws a RestoreError naming what is wrong unless the backup's chain, ledger and log agree. */
export function checkBackup(backup: Backup): void {
  const chain = verifyChain(backup.tables.audit_log, backup.auditHead);
  if (!chain.ok) throw new RestoreError(`the backup's audit log is broken at entry ${chain.seq}: ${chain.problem}`);
  const inputs = LEDGER_TABLES.map((t) => ({
    table: t.name,
    file: `backup:${t.name}`,
    header: t.columns,
    rows: backup.tables[t.name] as ReadonlyArray<unknown>,
  }));
  const empty = { sources: [], jurisdictions: [], observations: [], assumptions: [] };
  const { issues } = validateAdditions(empty, inputs);
  if (issues.length > 0) {
    throw new RestoreError(
      `the backup's ledger is not valid:\n${issues
        .slice(0, 20)
        .map((i) => `  ${formatIssue(i, i.file)}`)
        .join("\n")}`,
    );
  }
  const ledger = Object.fromEntries(LEDGER_TABLES.map((t) => [t.name, backup.tables[t.name]])) as unknown as Ledger;
  const log = backup.tables.audit_log;
  const mismatches = [
    ...checkLedgerAgainstLog(ledger, log),
    ...checkAccountsAgainstLog(backup.tables.users, log),
    ...checkPasskeysAgainstLog(backup.tables.passkeys, log),
    ...checkCasesAgainstLog(backup.tables.cases, log),
  ];
  if (mismatches.length > 0) {
    throw new RestoreError(
      `the backup disagrees with its own audit log:\n${mismatches
        .slice(0, 20)
        .map((m) => `  ${m.table} ${m.id} ${m.problem}`)
        .join("\n")}`,
    );
  }
}

export const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
