/**
 * The query parameters of the public API, declared once with zod: the same schemas validate every
 * request and generate the OpenAPI document. Values stay strings here (as they arrive in a URL);
 * `parse*` below turn a validated query into method options.
 */
import { z } from "@hono/zod-openapi";
import { MEASURES } from "../core/index.ts";
import { BASE_CHOICES, type UncertaintyInputs } from "../methods/index.ts";
import { PUBLIC_API_LIMITS } from "./heavy/index.ts";

/** The public API's cap; `liuzhi uncertainty` takes more. */
export const MAX_DRAWS = PUBLIC_API_LIMITS.maxDraws;
const NUMBER = /^\d*\.?\d+$/;

const param = <T extends z.ZodType>(schema: T, name: string, description: string, example: string) =>
  schema.optional().openapi({ param: { name, in: "query" }, description, example });

const pair = (s: string) => s.split(",").map(Number);

const ratios = z
  .string()
  .refine(
    (s) => s.split(",").every((p) => NUMBER.test(p) && Number(p) > 0 && Number(p) <= 1),
    "expected numbers in (0, 1] separated by commas, e.g. 0.1,0.2",
  );

const range = (what: string, ok: (low: number, high: number) => boolean) =>
  z
    .string()
    .refine(
      (s) => s.split(",").length === 2 && s.split(",").every((p) => NUMBER.test(p)) && ok(pair(s)[0]!, pair(s)[1]!),
      `expected LOW,HIGH: ${what}`,
    );

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .refine(
      (s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max,
      `expected a whole number from ${min} to ${max}`,
    );

export const EstimatesQuery = z.strictObject({
  ratios: param(
    ratios,
    "ratios",
    "Ratios in (0, 1], comma-separated (default the ledger's range, 0.1,0.2).",
    "0.1,0.2",
  ),
});

export const UncertaintyQuery = z.strictObject({
  draws: param(
    wholeNumber(1, MAX_DRAWS),
    "draws",
    `Number of draws (default 100000, at most ${MAX_DRAWS} here; \`liuzhi uncertainty\` takes more).`,
    "100000",
  ),
  seed: param(wholeNumber(0, 0xffffffff), "seed", "Random seed, a whole number (default 1).", "1"),
  "ratio-range": param(
    range("two numbers with 0 < LOW ≤ HIGH ≤ 1", (l, h) => l > 0 && l <= h && h <= 1),
    "ratio-range",
    "Ratio range (default the ledger's, 0.1,0.2).",
    "0.1,0.2",
  ),
  base: param(z.enum(BASE_CHOICES), "base", "Category base (default both).", "both"),
  durations: param(
    range("days with 0 < LOW ≤ HIGH", (l, h) => l > 0 && l <= h),
    "durations",
    "Average duration range in days (default the ledger's shortest and longest).",
    "42.5,78.7",
  ),
  "annualization-spread": param(
    z.string().refine((s) => NUMBER.test(s) && Number(s) < 1, "expected a number from 0 to below 1"),
    "annualization-spread",
    "± share on unreported months of a partial year (default 0.1).",
    "0.1",
  ),
  annualize: param(
    z.enum(["true", "false"]),
    "annualize",
    "Extend partial years to full years (default true).",
    "true",
  ),
});

export const ObservationsQuery = z.strictObject({
  jurisdiction: param(
    z.string().regex(/^CN(-[A-Z]{2})?$/, "expected CN or an ISO 3166-2:CN code such as CN-YN"),
    "jurisdiction",
    "Only this territory (CN or a province's ISO 3166-2:CN code).",
    "CN-YN",
  ),
  measure: param(z.enum(MEASURES), "measure", "Only this measure.", "liuzhi_placements"),
  from: param(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
    "from",
    "Only figures whose period ends on or after this date.",
    "2018-03-01",
  ),
  to: param(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
    "to",
    "Only figures whose period starts on or before this date.",
    "2024-12-31",
  ),
});

export const NoQuery = z.strictObject({});

export type EstimatesQuery = z.infer<typeof EstimatesQuery>;
export type UncertaintyQuery = z.infer<typeof UncertaintyQuery>;
export type ObservationsQuery = z.infer<typeof ObservationsQuery>;

export function parseRatios(q: EstimatesQuery): number[] | undefined {
  return q.ratios === undefined ? undefined : q.ratios.split(",").map(Number);
}

export function parseUncertainty(q: UncertaintyQuery): {
  draws: number;
  seed: number;
  inputs: Partial<UncertaintyInputs>;
} {
  const inputs: { -readonly [K in keyof UncertaintyInputs]?: UncertaintyInputs[K] } = {};
  const r = q["ratio-range"];
  if (r !== undefined) inputs.ratio = [pair(r)[0]!, pair(r)[1]!];
  const d = q.durations;
  if (d !== undefined) inputs.duration = [pair(d)[0]!, pair(d)[1]!];
  if (q.base !== undefined) inputs.base = q.base;
  if (q["annualization-spread"] !== undefined) inputs.annualizationSpread = Number(q["annualization-spread"]);
  if (q.annualize !== undefined) inputs.annualize = q.annualize === "true";
  return { draws: Number(q.draws ?? 100_000), seed: Number(q.seed ?? 1), inputs };
}

// Response shapes, for the OpenAPI document.
export const Manifest = z
  .object({
    software: z.object({ name: z.literal("liuzhi-monitor"), version: z.string() }),
    ledgerSha256: z.string(),
    method: z.string(),
    options: z.record(z.string(), z.unknown()),
    seed: z.number().nullable(),
  })
  .openapi("RunManifest", {
    description: "What reproduces the result: software version, ledger hash, method, options, seed.",
  });

export const MethodResult = z
  .looseObject({ manifest: Manifest })
  .openapi("MethodResult", { description: "A method's result, as `liuzhi <command> --format json` prints it." });

export const ErrorBody = z
  .object({ error: z.object({ status: z.number().int(), message: z.string() }) })
  .openapi("Error");

export const Rows = z.array(z.looseObject({})).openapi("Rows", { description: "Rows of a ledger table." });
