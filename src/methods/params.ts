/**
 * Method parameters, declared once (as tables are with `defineTable`): name, type, range, default,
 * help and one spelling. The CLI's options and --help, the API's query validation and OpenAPI
 * document, the dashboard's URL state and the reports' defaults are all read from these
 * declarations, and every value goes through `parseParam`, so a wrong value fails one way:
 * `InvalidOption`, naming the parameter and what it allows.
 */
import { isIsoDate } from "../core/index.ts";

/**
 * The ledger (cut at `through`, where given) lacks a figure the method needs: not a wrong option but
 * nothing to compute from. The API answers 422 with this message; the CLI prints it.
 */
export class MissingData extends Error {
  override name = "MissingData";
}

/** A value a parameter does not allow. `field` is the parameter's one spelling; `allowed` says what it takes. */
export class InvalidOption extends Error {
  override name = "InvalidOption";
  constructor(
    readonly field: string,
    readonly allowed: string,
    readonly value?: string,
  ) {
    super(`invalid ${field}${value === undefined ? "" : ` '${value}'`}: ${allowed}`);
  }
}

/** Bounds of a number: `min`/`max` included unless marked exclusive. */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

interface Common {
  /** One line for --help and the OpenAPI description. */
  readonly help: string;
  /** A value as written in a URL or on the command line, for the OpenAPI document and --help. */
  readonly example: string;
  /** How the default reads where it depends on the ledger ("the ledger's range, 0.1,0.2"). */
  readonly defaultText?: string;
}

export type Param =
  | (Common & { readonly kind: "integer"; readonly bounds: Bounds; readonly default: number })
  | (Common & { readonly kind: "number"; readonly bounds: Bounds; readonly default?: number })
  | (Common & { readonly kind: "numbers"; readonly bounds: Bounds })
  | (Common & { readonly kind: "range"; readonly bounds: Bounds; readonly unit?: string })
  | (Common & { readonly kind: "choice"; readonly values: ReadonlyArray<string>; readonly default?: string })
  | (Common & { readonly kind: "boolean"; readonly default: boolean })
  | (Common & {
      readonly kind: "text";
      readonly pattern: RegExp;
      readonly expected: string;
      readonly format?: "date";
    });

export type Params = Readonly<Record<string, Param>>;

type ValueOf<P extends Param> = P extends { kind: "integer" | "number" }
  ? number
  : P extends { kind: "numbers" }
    ? ReadonlyArray<number>
    : P extends { kind: "range" }
      ? readonly [number, number]
      : P extends { kind: "choice"; values: ReadonlyArray<infer V> }
        ? V
        : P extends { kind: "boolean" }
          ? boolean
          : string;

/** The parsed values of a set of parameters: those with a fixed default always hold a value. */
export type Values<Ps extends Params> = {
  readonly [K in keyof Ps]: Ps[K] extends { default: unknown } ? ValueOf<Ps[K]> : ValueOf<Ps[K]> | undefined;
};

/** Declares a set of parameters, keeping their literal types (the choice values, the defaults). */
export const defineParams = <const Ps extends Params>(params: Ps): Ps => params;

// The number syntax of JSON (and of URLs a generated client writes): digits, optional fraction and exponent.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;

const show = (n: number) => String(n);

/** "a number in (0, 1]", "a whole number from 1 to 1000000". */
export function describeBounds(b: Bounds, what = "a number"): string {
  if (b.min === -Infinity && b.max === Infinity) return what;
  if (b.max === Infinity) return `${what} ${b.minExclusive ? ">" : "≥"} ${show(b.min)}`;
  if (!b.minExclusive && !b.maxExclusive && what !== "a number") return `${what} from ${show(b.min)} to ${show(b.max)}`;
  return `${what} in ${b.minExclusive ? "(" : "["}${show(b.min)}, ${show(b.max)}${b.maxExclusive ? ")" : "]"}`;
}

const within = (n: number, b: Bounds) =>
  Number.isFinite(n) && (b.minExclusive ? n > b.min : n >= b.min) && (b.maxExclusive ? n < b.max : n <= b.max);

/** What a parameter allows, as a phrase: the second half of every error message about it. */
export function allowedText(p: Param): string {
  switch (p.kind) {
    case "integer":
      return `expected ${describeBounds(p.bounds, "a whole number")}`;
    case "number":
      return `expected ${describeBounds(p.bounds)}`;
    case "numbers":
      return `expected numbers, each ${describeBounds(p.bounds)} and given once, separated by commas (e.g. ${p.example})`;
    case "range":
      return `expected LOW,HIGH: two numbers, each ${describeBounds(p.bounds)}${p.unit ? ` (${p.unit})` : ""}`;
    case "choice":
      return `expected one of ${p.values.join(", ")}`;
    case "boolean":
      return "expected true or false";
    case "text":
      return `expected ${p.expected}`;
  }
}

function parseNumber(field: string, p: Param & { bounds: Bounds }, raw: string, part = raw): number {
  const n = Number(part);
  if (!NUMBER.test(part.trim()) || !within(n, p.bounds)) throw new InvalidOption(field, allowedText(p), raw);
  return n;
}

/** "10pct" for 0.1, "12.5pct" for 0.125: a ratio's name, from its shortest decimal form (so distinct ratios get distinct names). */
export function percentLabel(ratio: number): string {
  const [mantissa = "0", exponent = "0"] = String(Math.abs(ratio)).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  // The decimal point moves right by two (× 100) plus the exponent.
  const point = whole.length + Number(exponent) + 2;
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const fracPart = padded.slice(at).replace(/0+$/, "");
  return `${ratio < 0 ? "-" : ""}${intPart}${fracPart ? `.${fracPart}` : ""}pct`;
}

/** Parses one parameter's raw text (as in a URL or on the command line), or throws InvalidOption naming it. */
export function parseParam<P extends Param>(field: string, p: P, raw: string): ValueOf<P>;
export function parseParam(field: string, p: Param, raw: string): unknown {
  switch (p.kind) {
    case "integer": {
      const n = Number(raw);
      if (!INTEGER.test(raw) || !Number.isSafeInteger(n) || !within(n, p.bounds))
        throw new InvalidOption(field, allowedText(p), raw);
      return n;
    }
    case "number":
      return parseNumber(field, p, raw);
    case "numbers": {
      const values = raw.split(",").map((part) => parseNumber(field, p, raw, part));
      const labels = values.map(percentLabel);
      const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
      // Two equal ratios would make two columns of one name, and one would vanish from JSON.
      if (repeated)
        throw new InvalidOption(field, `${allowedText(p)}; ${repeated.replace("pct", "%")} is given twice`, raw);
      return values;
    }
    case "range": {
      const parts = raw.split(",");
      if (parts.length !== 2) throw new InvalidOption(field, allowedText(p), raw);
      const [a, b] = parts.map((part) => parseNumber(field, p, raw, part)) as [number, number];
      // A range is its two ends, in either order.
      return a <= b ? [a, b] : [b, a];
    }
    case "choice":
      if (!p.values.includes(raw)) throw new InvalidOption(field, allowedText(p), raw);
      return raw;
    case "boolean":
      if (raw !== "true" && raw !== "false") throw new InvalidOption(field, allowedText(p), raw);
      return raw === "true";
    case "text":
      // A date must also be one the calendar has: 2024-02-30 and 2024-13-45 are refused.
      if (!p.pattern.test(raw) || (p.format === "date" && !isIsoDate(raw)))
        throw new InvalidOption(field, allowedText(p), raw);
      return raw;
  }
}

/** The text form of a value (the inverse of parseParam): for URLs, examples and cache keys. */
export function formatParam(p: Param, value: unknown): string {
  if (p.kind === "numbers" || p.kind === "range") return (value as ReadonlyArray<number>).join(",");
  return String(value);
}

/** The default as --help and the OpenAPI description state it. */
export function defaultText(p: Param): string | undefined {
  if (p.defaultText) return p.defaultText;
  return "default" in p && p.default !== undefined ? String(p.default) : undefined;
}

/**
 * Parses every parameter from raw text by name; absent ones take their default (or stay undefined
 * where the default comes from the ledger). Unknown names and repeated ones are InvalidOption too.
 */
export function parseParams<Ps extends Params>(
  params: Ps,
  raw: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>,
): Values<Ps> {
  const unknown = Object.keys(raw).filter((name) => !(name in params) && raw[name] !== undefined);
  if (unknown.length > 0) {
    const known = Object.keys(params);
    throw new InvalidOption(
      unknown[0]!,
      known.length > 0
        ? `no such parameter (this one takes ${known.join(", ")})`
        : "no such parameter (this one takes none)",
    );
  }
  const values: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(params)) {
    const given = raw[name];
    if (Array.isArray(given) && given.length > 1) throw new InvalidOption(name, "give it once");
    const text = Array.isArray(given) ? given[0] : (given as string | undefined);
    values[name] = text === undefined ? ("default" in p ? p.default : undefined) : parseParam(name, p, text);
  }
  return values as Values<Ps>;
}

/** The JSON Schema of a parameter's value (numbers as numbers, lists as arrays), for OpenAPI. */
export function paramSchema(p: Param): Record<string, unknown> {
  const number = (b: Bounds, type = "number") => ({
    type,
    ...(b.min === -Infinity ? {} : b.minExclusive ? { exclusiveMinimum: b.min } : { minimum: b.min }),
    ...(b.max === Infinity ? {} : b.maxExclusive ? { exclusiveMaximum: b.max } : { maximum: b.max }),
  });
  const withDefault = (schema: Record<string, unknown>) =>
    "default" in p && p.default !== undefined ? { ...schema, default: p.default } : schema;
  switch (p.kind) {
    case "integer":
      return withDefault(number(p.bounds, "integer"));
    case "number":
      return withDefault(number(p.bounds));
    case "numbers":
      return { type: "array", items: number(p.bounds), minItems: 1, uniqueItems: true };
    case "range":
      return { type: "array", items: number(p.bounds), minItems: 2, maxItems: 2 };
    case "choice":
      return withDefault({ type: "string", enum: [...p.values] });
    case "boolean":
      return withDefault({ type: "boolean" });
    case "text":
      return { type: "string", pattern: p.pattern.source, ...(p.format ? { format: p.format } : {}) };
  }
}
