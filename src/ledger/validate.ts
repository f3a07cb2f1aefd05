import { issue, LEDGER_TABLES, type Ledger, type LedgerTableName, type RowIssue } from "../core/index.ts";

/** A problem found in an input file: where (file, row, column) and what. */
export interface InputIssue extends RowIssue {
  readonly file: string;
}

/** Rows read from one file for one table, before validation. */
export interface TableInput {
  readonly table: LedgerTableName;
  readonly file: string;
  readonly header: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<unknown>;
}

export type LedgerAdditions = { -readonly [K in keyof Ledger]: Array<Ledger[K][number]> };

export const emptyAdditions = (): LedgerAdditions => ({
  sources: [],
  jurisdictions: [],
  observations: [],
  assumptions: [],
});

/**
 * Checks rows to be added to a ledger: each row against its table's schema, then across rows
 * (duplicate ids, within the input and against the ledger) and across tables (every reference
 * names an existing or incoming row). Pure: returns the typed additions or every issue found.
 */
export function validateAdditions(
  existing: Ledger,
  inputs: ReadonlyArray<TableInput>,
): { additions: LedgerAdditions; issues: InputIssue[] } {
  const additions = emptyAdditions();
  const issues: InputIssue[] = [];
  // Where each key was first seen: null for the ledger, else the row and file of this input.
  const seen = new Map<LedgerTableName, Map<string, { row: number; file: string } | null>>();
  const accepted: Array<{ table: LedgerTableName; file: string; row: number; value: Record<string, unknown> }> = [];

  for (const table of LEDGER_TABLES) {
    const keys = new Map<string, { row: number; file: string } | null>();
    for (const row of existing[table.name]) keys.set(String((row as Record<string, unknown>)[table.primaryKey]), null);
    seen.set(table.name, keys);
  }

  for (const table of LEDGER_TABLES) {
    for (const input of inputs.filter((i) => i.table === table.name)) {
      const missing = table.columns.filter((c) => !input.header.includes(c));
      const unknown = input.header.filter((c) => !(table.columns as ReadonlyArray<string>).includes(c));
      for (const c of missing) issues.push({ file: input.file, row: 0, column: c, ...issue("missingColumn") });
      for (const c of unknown)
        issues.push({ file: input.file, row: 0, column: c, ...issue("notAColumn", { table: table.name }) });
      if (missing.length > 0 || unknown.length > 0) continue;

      const keys = seen.get(table.name)!;
      input.rows.forEach((raw, index) => {
        const rowNumber = index + 1;
        const parsed = table.parse(raw, rowNumber);
        if (!parsed.ok) {
          for (const issue of parsed.issues) issues.push({ file: input.file, ...issue });
          return;
        }
        const key = String((parsed.value as Record<string, unknown>)[table.primaryKey]);
        const earlier = keys.get(key);
        if (earlier !== undefined) {
          issues.push({
            file: input.file,
            row: rowNumber,
            column: table.primaryKey,
            ...issue("duplicateKey", {
              column: table.primaryKey,
              key,
              row: earlier?.row ?? null,
              file: earlier?.file ?? null,
            }),
          });
          return;
        }
        keys.set(key, { row: rowNumber, file: input.file });
        accepted.push({ table: table.name, file: input.file, row: rowNumber, value: parsed.value });
        (additions[table.name] as unknown[]).push(parsed.value);
      });
    }
  }

  const has = (table: LedgerTableName, key: string) => seen.get(table)?.has(key) ?? false;
  for (const { table, file, row, value } of accepted) {
    for (const fk of LEDGER_TABLES.find((t) => t.name === table)?.foreignKeys ?? []) {
      const target = fk.reference.resource as LedgerTableName;
      const ref = value[fk.fields];
      if (ref === null || ref === undefined || has(target, String(ref))) continue;
      issues.push({
        file,
        row,
        column: fk.fields,
        ...issue("unknownReference", { table: target, key: String(ref) }),
      });
    }
  }
  return { additions, issues };
}
