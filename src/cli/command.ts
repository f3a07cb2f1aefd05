import type { ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & {
  /** One line for --help; the value's name in angle brackets where it takes one. */
  readonly help: string;
  readonly valueName?: string;
};

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: ReadonlyArray<string>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments as shown in usage, e.g. "FILE..." */
  readonly positionals?: string;
  readonly description?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples?: ReadonlyArray<string>;
  /** Returns the exit status: 0 success, 1 the work found problems, 2 bad usage. */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

/** A wrong flag or value: reported with the command's usage line, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const dbOption: Record<"db", OptionSpec> = {
  db: {
    type: "string",
    valueName: "FILE",
    help: "SQLite ledger file (default $LIUZHI_DB, else var/liuzhi.sqlite; created from the data package when missing)",
  },
};

/** Reads a --format value, checked against the formats the command offers. */
export function formatOption<const F extends string>(args: ParsedArgs, formats: ReadonlyArray<F>, fallback: F): F {
  const value = args.values.format ?? fallback;
  if (typeof value !== "string" || !(formats as ReadonlyArray<string>).includes(value)) {
    throw new UsageError(`invalid --format '${String(value)}': expected one of ${formats.join(", ")}`);
  }
  return value as F;
}

export function formatSpec(formats: ReadonlyArray<string>, fallback: string): Record<"format", OptionSpec> {
  return {
    format: { type: "string", valueName: formats.join("|"), help: `output format (default ${fallback})` },
  };
}
