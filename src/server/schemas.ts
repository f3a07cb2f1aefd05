/**
 * What the public API documents and checks beyond the methods' own parameters (declared in
 * src/methods): the observation filters, and the response shapes for the OpenAPI document. Every
 * query value goes through the same parser as the CLI's options (`parseParams`).
 */
import { z } from "@hono/zod-openapi";
import { MEASURES } from "../core/index.ts";
import { defineParams } from "../methods/index.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of /api/observations. */
export const OBSERVATION_PARAMS = defineParams({
  jurisdiction: {
    kind: "text",
    pattern: /^CN(-[A-Z]{2}(-[0-9]{6})?)?$/,
    expected: "CN or an ISO 3166-2:CN code such as CN-YN",
    help: "Only this territory (CN or a province's ISO 3166-2:CN code).",
    example: "CN-YN",
  },
  measure: { kind: "choice", values: MEASURES, help: "Only this measure.", example: "liuzhi_placements" },
  from: {
    kind: "text",
    pattern: DATE,
    format: "date",
    expected: "a date YYYY-MM-DD that the calendar has",
    help: "Only figures whose period ends on or after this date.",
    example: "2018-03-01",
  },
  to: {
    kind: "text",
    pattern: DATE,
    format: "date",
    expected: "a date YYYY-MM-DD that the calendar has",
    help: "Only figures whose period starts on or before this date.",
    example: "2024-12-31",
  },
});

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
