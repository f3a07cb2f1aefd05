import { z } from "zod";
import type { Field, FieldDescriptor } from "./fields.ts";
import { issue as coreIssue, type IssueDetail } from "./issues.ts";

/** A problem with one value of one row: what every validator in the project reports. */
export interface RowIssue {
  /** 1-based data row number (the header is row 0), or null for a problem with the whole input. */
  readonly row: number | null;
  readonly column: string | null;
  /** In English, as the CLI and the API say it. */
  readonly message: string;
  /** Its code and parameters (src/core/issues.ts), for a page to say it in its own language. */
  readonly detail?: IssueDetail;
}

export interface ForeignKey {
  readonly fields: string;
  readonly reference: { readonly resource: string; readonly fields: string };
}

type Fields = Record<string, Field<unknown>>;
type RecordOf<F extends Fields> = { readonly [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export interface TableDefinition<F extends Fields, N extends string = string> {
  readonly name: N;
  readonly title: string;
  readonly description: string;
  readonly fields: F;
  readonly primaryKey: keyof F & string;
  readonly foreignKeys?: ReadonlyArray<ForeignKey>;
  /** Rules across the fields of one row (end not before start, …); messages name their column. */
  readonly check?: (
    row: RecordOf<F>,
  ) => ReadonlyArray<{ column: keyof F & string; message: string; detail?: IssueDetail }>;
}

export interface Table<F extends Fields, N extends string = string> extends TableDefinition<F, N> {
  readonly columns: ReadonlyArray<keyof F & string>;
  readonly schema: z.ZodType<RecordOf<F>>;
  readonly tableSchema: {
    readonly fields: ReadonlyArray<FieldDescriptor>;
    readonly primaryKey: string;
    readonly foreignKeys?: ReadonlyArray<ForeignKey>;
    readonly missingValues: ReadonlyArray<string>;
  };
  /** Validates one row (CSV text or typed JSON); `row` is its number for messages. */
  parse(input: unknown, row: number | null): { ok: true; value: RecordOf<F> } | { ok: false; issues: RowIssue[] };
}

export type RowOf<T> = T extends Table<infer F, string> ? RecordOf<F> : never;

/** Declares a table once: its zod schema, its columns and its Table Schema all come from here. */
export function defineTable<F extends Fields, const N extends string>(definition: TableDefinition<F, N>): Table<F, N> {
  const shape = Object.fromEntries(Object.entries(definition.fields).map(([k, f]) => [k, f.zod]));
  const base = z.object(shape).strict() as unknown as z.ZodType<RecordOf<F>>;
  const check = definition.check;
  const schema = check
    ? base.superRefine((row, ctx) => {
        for (const problem of check(row))
          ctx.addIssue({
            code: "custom",
            path: [problem.column],
            message: problem.message,
            ...(problem.detail ? { params: { detail: problem.detail } } : {}),
          });
      })
    : base;
  const columns = Object.keys(definition.fields) as Array<keyof F & string>;
  return {
    ...definition,
    columns,
    schema,
    tableSchema: {
      fields: columns.map((name) => ({ name, ...definition.fields[name]!.descriptor })),
      primaryKey: definition.primaryKey,
      ...(definition.foreignKeys ? { foreignKeys: definition.foreignKeys } : {}),
      missingValues: [""],
    },
    parse(input, row) {
      const result = schema.safeParse(input);
      if (result.success) return { ok: true, value: result.data };
      return {
        ok: false,
        issues: result.error.issues.map((issue): RowIssue => {
          const column = issue.path.length > 0 ? String(issue.path[0]) : null;
          if (issue.code === "unrecognized_keys")
            return { row, column, ...coreIssue("unknownColumns", { columns: issue.keys }) };
          const detail = issue.code === "custom" ? (issue.params?.detail as IssueDetail | undefined) : undefined;
          return { row, column, message: issue.message, ...(detail ? { detail } : {}) };
        }),
      };
    },
  };
}

/** "row 3, column value: must be …" — the one way issues are written for people. */
export function formatIssue(issue: RowIssue, file?: string): string {
  const where = [file, issue.row === null ? null : `row ${issue.row}`, issue.column ? `column ${issue.column}` : null]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${issue.message}` : issue.message;
}
