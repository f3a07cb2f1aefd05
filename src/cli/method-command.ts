/**
 * A method's command, derived from its declaration in src/methods: the options, --help and
 * validation come from its parameters; the output is its table (default), CSV or the JSON the API
 * also serves. Adding a method to the catalogue adds its command.
 */
import { formatCsv } from "../core/index.ts";
import { ledgerSha256, readLedger } from "../ledger/index.ts";
import {
  type AnyMethod,
  defaultText,
  methodManifest,
  type Param,
  parseParams,
  type Table,
  tableRecords,
} from "../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec, type OptionSpec, type ParsedArgs } from "./command.ts";
import { formatTextTable } from "./text-table.ts";
import { VERSION } from "./version.ts";
import { withLedger } from "./with-ledger.ts";

export const METHOD_FORMATS = ["table", "csv", "json"] as const;

function valueName(p: Param): string {
  switch (p.kind) {
    case "integer":
      return "N";
    case "number":
      return "X";
    case "numbers":
      return "X1,X2,…";
    case "range":
      return "LOW,HIGH";
    case "choice":
      return p.values.join("|");
    case "boolean":
      return "true|false";
    case "text":
      return "TEXT";
  }
}

/** A parameter as a command-line option: the same name, its help with the default. */
export function paramOption(p: Param): OptionSpec {
  const fallback = defaultText(p);
  return { type: "string", valueName: valueName(p), help: fallback ? `${p.help} (default ${fallback})` : p.help };
}

/** The parameters' raw values from parsed arguments (everything but --db, --format and --help). */
function paramValues(method: AnyMethod, args: ParsedArgs): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(method.params).map((name) => [name, args.values[name] as string | undefined]));
}

const text = (table: Table) => formatTextTable(table.columns, table.rows);

/** The method's JSON output: the run manifest first, then its body. */
export function methodJson(method: AnyMethod, manifest: object, result: unknown): string {
  return `${JSON.stringify({ manifest, ...method.body(result) }, null, 2)}\n`;
}

export function methodCommand(method: AnyMethod): Command {
  return {
    name: method.command,
    summary: method.summary,
    ...(method.description ? { description: method.description } : {}),
    ...(method.examples ? { examples: method.examples } : {}),
    options: {
      ...dbOption,
      ...formatSpec(METHOD_FORMATS, "table"),
      ...Object.fromEntries(
        Object.entries(method.params as Record<string, Param>).map(([n, p]) => [n, paramOption(p)]),
      ),
    },
    async run(args, io) {
      const format = formatOption(args, METHOD_FORMATS, "table");
      // Parameters are checked before the database is opened: a wrong value changes nothing.
      const values = parseParams(method.params, paramValues(method, args));
      // The hash is the whole ledger's (what was read); `through` cuts it inside the run, and the manifest says where.
      const ledger = await withLedger(args, io, readLedger);
      const result = method.run(ledger, values);
      if (format === "json") {
        const manifest = methodManifest(method, values, result, {
          version: VERSION,
          ledgerSha256: ledgerSha256(ledger),
        });
        io.out(methodJson(method, manifest, result));
      } else if (format === "csv") {
        const table = method.table(result);
        io.out(formatCsv(table.columns, tableRecords(table)));
      } else {
        io.out(method.text?.before?.(result, values) ?? "");
        io.out(text(method.table(result)));
        for (const extra of method.text?.after?.(result) ?? []) io.out(`\n${extra.title}\n${text(extra.table)}`);
      }
      return 0;
    },
  };
}
