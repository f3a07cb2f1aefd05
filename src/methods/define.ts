/**
 * A method as the rest of the software sees it, declared once: its parameters, how it runs on a
 * ledger, the JSON body of its result, the rows of its table, and what its run manifest records.
 * The CLI command, the API route and its OpenAPI operation, the dashboard's URL state and the
 * reports' defaults are derived from this declaration (see README.md).
 */
import type { Ledger } from "../core/index.ts";
import { type RunManifest, runManifest } from "./manifest.ts";
import type { Params, Values } from "./params.ts";

export type Cell = string | number | null;

/** Rows under named columns: what `--format table` prints and `--format csv` writes. */
export interface Table {
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>;
}

export interface MethodDefinition<Ps extends Params = Params, R = unknown> {
  /** The method's name in its run manifest ("ratio"). */
  readonly name: string;
  /** The CLI command (`liuzhi estimate`). */
  readonly command: string;
  /** The API route under /api ("/estimates"). */
  readonly path: string;
  /** One line: the CLI's command list and the OpenAPI summary. */
  readonly summary: string;
  readonly description?: string;
  readonly examples?: ReadonlyArray<string>;
  readonly params: Ps;
  run(ledger: Ledger, values: Values<Ps>): R;
  /** The options and seed the manifest records, so the run can be repeated. */
  manifest(values: Values<Ps>, result: R): { readonly options?: Record<string, unknown>; readonly seed?: number };
  /** The JSON body after the manifest: the same for `--format json` and the API. */
  body(result: R): object;
  /** The result as one table (csv and the terminal). */
  table(result: R): Table;
  /** For the terminal only: lines before the table, and further tables after it. */
  readonly text?: {
    readonly before?: (result: R, values: Values<Ps>) => string;
    readonly after?: (result: R) => ReadonlyArray<{ readonly title: string; readonly table: Table }>;
  };
}

/** Any method, its parameter and result types forgotten: what the catalogue holds. */
// biome-ignore lint/suspicious/noExplicitAny: the catalogue holds methods of different parameter and result types.
export type AnyMethod = MethodDefinition<any, any>;

/** Declares a method, checking its functions against its parameters. */
export const defineMethod = <const Ps extends Params, R>(
  definition: MethodDefinition<Ps, R>,
): MethodDefinition<Ps, R> => definition;

/** Where a run happens: the software version and the hash of the ledger it read. */
export interface RunContext {
  readonly version: string;
  readonly ledgerSha256: string;
}

/** The one run manifest of a method's run. */
export function methodManifest<Ps extends Params, R>(
  method: MethodDefinition<Ps, R>,
  values: Values<Ps>,
  result: R,
  context: RunContext,
): RunManifest {
  const { options, seed } = method.manifest(values, result);
  return runManifest({ ...context, method: method.name, options: options ?? {}, seed: seed ?? null });
}

/** Runs a method and returns its JSON result: the manifest first, then the body (the CLI's --format json, the API's answer). */
export function methodResult<Ps extends Params, R>(
  method: MethodDefinition<Ps, R>,
  ledger: Ledger,
  values: Values<Ps>,
  context: RunContext,
): { readonly manifest: RunManifest } & Record<string, unknown> {
  const result = method.run(ledger, values);
  return { manifest: methodManifest(method, values, result, context), ...method.body(result) };
}

/** A table's rows as records by column name (for CSV). */
export function tableRecords(table: Table): Array<Record<string, Cell>> {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? null])));
}
