import { LEDGER_TABLES, type Ledger } from "../core/index.ts";
import { type AuditEntry, canonicalJson } from "./chain.ts";

/** The actions that set a ledger row's content: what the row must equal, as last recorded. */
const SETTING_ACTIONS = new Set(["import", "approve"]);

export interface LedgerMismatch {
  readonly table: string;
  readonly id: string;
  /** The entry that last recorded the row, or null when no entry ever did. */
  readonly seq: number | null;
  readonly problem: string;
}

/**
 * The row as an entry recorded before a later migration added a column would hold it: a column the
 * entry lacks is left out while it is still empty (null), so adding a column does not read as tampering.
 */
function asRecorded(row: Record<string, unknown>, afterJson: string): Record<string, unknown> {
  const recorded = JSON.parse(afterJson) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).filter(([key, value]) => key in recorded || value !== null));
}

/**
 * Replays the log: each ledger row must equal the content its last import or approval recorded,
 * and every row the log recorded must still be there. A figure changed directly in the database,
 * behind the log's back, is named here even though the chain itself is intact.
 */
export function checkLedgerAgainstLog(ledger: Ledger, entries: ReadonlyArray<AuditEntry>): LedgerMismatch[] {
  const last = new Map<string, AuditEntry>();
  for (const entry of entries) {
    if (SETTING_ACTIONS.has(entry.action) && entry.entity_id !== null && entry.after_json !== null) {
      last.set(`${entry.entity}\u0000${entry.entity_id}`, entry);
    }
  }
  const problems: LedgerMismatch[] = [];
  for (const table of LEDGER_TABLES) {
    const seen = new Set<string>();
    for (const row of ledger[table.name] as ReadonlyArray<Record<string, unknown>>) {
      const id = String(row[table.primaryKey]);
      seen.add(id);
      const entry = last.get(`${table.name}\u0000${id}`);
      if (!entry) {
        problems.push({
          table: table.name,
          id,
          seq: null,
          problem: "is in the ledger but was never recorded in the audit log",
        });
      } else if (canonicalJson(asRecorded(row, entry.after_json ?? "{}")) !== entry.after_json) {
        problems.push({
          table: table.name,
          id,
          seq: entry.seq,
          problem: `differs from its last recorded version (entry ${entry.seq}): it was changed outside the log`,
        });
      }
    }
    for (const [key, entry] of last) {
      const [entity, id] = key.split("\u0000") as [string, string];
      if (entity === table.name && !seen.has(id)) {
        problems.push({
          table: table.name,
          id,
          seq: entry.seq,
          problem: `was recorded (entry ${entry.seq}) but is missing from the ledger`,
        });
      }
    }
  }
  return problems;
}
