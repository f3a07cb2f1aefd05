import { z } from "zod";
import { isIsoDate } from "./dates.ts";
import { issue, shown as show, zodIssue } from "./issues.ts";
import { formulaIssue, type TextKind, textIssue } from "./text-policy.ts";

/**
 * Field builders: each field is declared once and yields both its zod validator and its
 * Frictionless Table Schema descriptor, so the CSV, the database, the API and the data
 * package cannot drift apart. Validators accept CSV text (empty string means missing) and
 * typed JSON values alike, so the import and the API share one schema.
 */

export type TableSchemaType = "string" | "integer" | "number" | "date";

export interface FieldDescriptor {
  readonly name: string;
  readonly type: TableSchemaType;
  readonly format?: "uri";
  readonly description: string;
  readonly constraints?: {
    readonly required?: boolean;
    readonly enum?: ReadonlyArray<string>;
    readonly pattern?: string;
    readonly minimum?: number;
  };
}

export interface Field<T> {
  readonly zod: z.ZodType<T>;
  readonly descriptor: Omit<FieldDescriptor, "name">;
}

interface Options {
  readonly description: string;
}

const missing = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function requiredValue<T>(parse: (v: unknown, ctx: z.RefinementCtx) => T): z.ZodType<T> {
  return z.unknown().transform((v, ctx) => {
    if (missing(v)) {
      ctx.addIssue(zodIssue(issue("required")));
      return z.NEVER;
    }
    return parse(v, ctx);
  }) as unknown as z.ZodType<T>;
}

function optionalValue<T>(parse: (v: unknown, ctx: z.RefinementCtx) => T): z.ZodType<T | null> {
  // `.default(null)`: a JSON row may leave an optional key out altogether, which zod would otherwise refuse.
  return z
    .unknown()
    .transform((v, ctx) => (missing(v) ? null : parse(v, ctx)))
    .default(null) as unknown as z.ZodType<T | null>;
}

/**
 * Every text field holds text under the one text policy (text-policy.ts): within its length, and
 * without control, bidirectional or invisible characters. A required text is one line; an optional
 * one (notes, quotes, titles) may run over several lines.
 */
function asText(v: unknown, ctx: z.RefinementCtx, kind: TextKind = "line"): string {
  if (typeof v !== "string") {
    ctx.addIssue(zodIssue(issue("notText", { got: show(v) })));
    return z.NEVER;
  }
  const text = v.trim();
  const problem = textIssue(text, kind);
  if (problem) {
    ctx.addIssue(zodIssue(problem));
    return z.NEVER;
  }
  return text;
}

function asFreeText(v: unknown, ctx: z.RefinementCtx, kind: TextKind = "line"): string {
  const text = asText(v, ctx, kind);
  const formula = typeof text === "string" ? formulaIssue(text) : null;
  if (formula) {
    ctx.addIssue(zodIssue(formula));
    return z.NEVER;
  }
  return text;
}

/** The identifier pattern, which messages describe in words rather than as a pattern. */
const ID_PATTERN = "^[a-z0-9][a-z0-9-]*$";

function matching(pattern: string | undefined) {
  return (v: unknown, ctx: z.RefinementCtx): string => {
    const text = asFreeText(v, ctx);
    if (typeof text !== "string") return text;
    if (pattern !== undefined && !new RegExp(pattern).test(text)) {
      ctx.addIssue(
        zodIssue(
          pattern === ID_PATTERN ? issue("idPattern", { got: show(v) }) : issue("pattern", { pattern, got: show(v) }),
        ),
      );
      return z.NEVER;
    }
    return text;
  };
}

export const field = {
  text(options: Options & { readonly pattern?: string }): Field<string> {
    return {
      zod: requiredValue(matching(options.pattern)),
      descriptor: {
        type: "string",
        description: options.description,
        constraints: { required: true, ...(options.pattern ? { pattern: options.pattern } : {}) },
      },
    };
  },

  optionalText(options: Options): Field<string | null> {
    return {
      zod: optionalValue((v, ctx) => asFreeText(v, ctx, "multiline")),
      descriptor: { type: "string", description: options.description },
    };
  },

  oneOf<const V extends string>(values: ReadonlyArray<V>, options: Options): Field<V> {
    return {
      zod: requiredValue(memberOf(values)),
      descriptor: { type: "string", description: options.description, constraints: { required: true, enum: values } },
    };
  },

  optionalOneOf<const V extends string>(values: ReadonlyArray<V>, options: Options): Field<V | null> {
    return {
      zod: optionalValue(memberOf(values)),
      descriptor: { type: "string", description: options.description, constraints: { enum: values } },
    };
  },

  date(options: Options): Field<string> {
    return {
      zod: requiredValue(parseDate),
      descriptor: { type: "date", description: options.description, constraints: { required: true } },
    };
  },

  optionalDate(options: Options): Field<string | null> {
    return { zod: optionalValue(parseDate), descriptor: { type: "date", description: options.description } };
  },

  number(options: Options): Field<number> {
    return {
      zod: requiredValue(parseNonNegativeNumber),
      descriptor: { type: "number", description: options.description, constraints: { required: true, minimum: 0 } },
    };
  },

  optionalNumber(options: Options): Field<number | null> {
    return {
      zod: optionalValue(parseNonNegativeNumber),
      descriptor: { type: "number", description: options.description, constraints: { minimum: 0 } },
    };
  },

  url(options: Options): Field<string> {
    return {
      zod: requiredValue(parseUrl),
      descriptor: { type: "string", format: "uri", description: options.description, constraints: { required: true } },
    };
  },

  optionalUrl(options: Options): Field<string | null> {
    return {
      zod: optionalValue(parseUrl),
      descriptor: { type: "string", format: "uri", description: options.description },
    };
  },
};

function memberOf<V extends string>(values: ReadonlyArray<V>) {
  return (v: unknown, ctx: z.RefinementCtx): V => {
    const text = asText(v, ctx);
    if (typeof text !== "string") return text;
    if (!(values as ReadonlyArray<string>).includes(text)) {
      ctx.addIssue(zodIssue(issue("oneOf", { values, got: show(v) })));
      return z.NEVER;
    }
    return text as V;
  };
}

function parseDate(v: unknown, ctx: z.RefinementCtx): string {
  const text = asText(v, ctx);
  if (typeof text !== "string") return text;
  if (!isIsoDate(text)) {
    ctx.addIssue(zodIssue(issue("date", { got: show(v) })));
    return z.NEVER;
  }
  return text;
}

const DECIMAL = /^\d+(\.\d+)?$/;

function parseNonNegativeNumber(v: unknown, ctx: z.RefinementCtx): number {
  const n = typeof v === "number" ? v : typeof v === "string" && DECIMAL.test(v.trim()) ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue(zodIssue(issue("nonNegativeNumber", { got: show(v) })));
    return z.NEVER;
  }
  return n;
}

function parseUrl(v: unknown, ctx: z.RefinementCtx): string {
  const text = asText(v, ctx);
  if (typeof text !== "string") return text;
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
    ctx.addIssue(zodIssue(issue("httpUrl", { got: show(v) })));
    return z.NEVER;
  }
  return text;
}
