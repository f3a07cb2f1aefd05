/**
 * The API's contract, as a generated client reads it: requests are generated from /api/openapi.json
 * itself and sent to `liuzhi serve` running as a process. Every schema-valid request is answered
 * (never 400, never 5xx); every request with one invalid value is a 400 naming that parameter; a
 * method a route does not have is a 405 with `Allow`. And for every method, `liuzhi <command>
 * --format json` prints exactly the body the API serves for the same parameters.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHODS, type Param } from "../src/methods/index.ts";
import { SECURITY_HEADER_NAMES } from "../src/server/openapi-headers.ts";
import { BIN, cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir, serverAddress } from "./helpers.ts";

interface Schema {
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly enum?: ReadonlyArray<string>;
  readonly pattern?: string;
  readonly format?: string;
}
interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema: Schema;
  readonly style?: string;
  readonly explode?: boolean;
}
interface Operation {
  readonly operationId?: string;
  readonly security?: ReadonlyArray<unknown>;
  readonly parameters?: ReadonlyArray<Parameter>;
  readonly responses?: Readonly<Record<string, { readonly headers?: Readonly<Record<string, unknown>> }>>;
}
interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

let dir: string;
let db: string;
let server: ChildProcess;
let base: string;
let doc: Document;
/** The end of the ledger's earliest yearly category 3+4 figure: a cut before it leaves the Monte Carlo nothing. */
let firstYearlyBaseEnd: string;

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "contract.sqlite");
  // As deployed behind a reverse proxy: each generated request comes from its own client address
  // (X-Forwarded-For), so the per-address limit on computed answers (429) does not hide the contract.
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db, "--trust-proxy"], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await serverAddress(server);
  doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as Document;
  const bases = (await (
    await fetch(`${base}/api/observations?measure=punished_cat3_4&jurisdiction=CN`)
  ).json()) as Array<{
    period_end: string;
  }>;
  firstYearlyBaseEnd = bases.map((o) => o.period_end).sort()[0]!;
}, E2E_TIMEOUT);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

let client = 0;
/** A request from a fresh client address (10.x.y.z), as the proxy would forward it. */
const fetch = (url: string, init: RequestInit = {}) => {
  client += 1;
  const address = `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
  return globalThis.fetch(url, { ...init, headers: { ...init.headers, "X-Forwarded-For": address } });
};

const operations = () => Object.entries(doc.paths).map(([path, item]) => [path, item.get!] as const);

/** A number the schema allows, written as a client would (JavaScript's shortest form, exponents included). */
function validNumber(s: Schema): fc.Arbitrary<number> {
  if (s.type === "integer") return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 2 ** 31 });
  return fc.double({
    min: s.exclusiveMinimum ?? s.minimum ?? -1e9,
    max: s.exclusiveMaximum ?? s.maximum ?? 1e9,
    minExcluded: s.exclusiveMinimum !== undefined,
    maxExcluded: s.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** A value the schema allows, in its query-string form. */
function validValue(p: Parameter): fc.Arbitrary<string> {
  const s = p.schema;
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case "boolean":
      return fc.constantFrom("true", "false");
    case "integer":
    case "number":
      return validNumber(s).map(String);
    case "array": {
      const items = { minLength: s.minItems ?? 0, maxLength: s.maxItems ?? 5 };
      const list = s.uniqueItems
        ? fc.uniqueArray(validNumber(s.items!), items)
        : fc.array(validNumber(s.items!), items);
      // style form, explode false: one parameter, values separated by commas.
      expect([p.style, p.explode]).toEqual(["form", false]);
      return list.map((values) => values.map(String).join(","));
    }
    case "string":
      if (s.format === "date") return realDate;
      return fc.stringMatching(new RegExp(s.pattern!));
    default:
      throw new Error(`no generator for ${p.name}: ${JSON.stringify(s)}`);
  }
}

/** A day the calendar has, written YYYY-MM-DD. */
const realDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Dates written right that the calendar does not have: the API must refuse them. */
const IMPOSSIBLE_DATES = [
  "2024-02-30",
  "2024-13-45",
  "0000-00-00",
  "2023-02-29",
  "2024-04-31",
  "2024-00-10",
  "2024-06-00",
];

/** Headers every HTTP answer may carry whatever the API declares (transport), and the security headers the document's description names. */
const TRANSPORT = ["content-type", "content-length", "date", "connection", "keep-alive", "transfer-encoding"];

/** The answer's status is declared for the operation, and every header it carries is declared for that status. */
function expectDeclared(op: Operation, response: Response, url: string): void {
  const declared = op.responses?.[String(response.status)];
  expect(declared, `${url}: status ${response.status} is not declared`).toBeDefined();
  const names = Object.keys(declared?.headers ?? {}).map((n) => n.toLowerCase());
  const security = SECURITY_HEADER_NAMES.map((n) => n.toLowerCase());
  for (const [name] of response.headers) {
    if (TRANSPORT.includes(name) || security.includes(name)) continue;
    expect(names, `${url}: header ${name} on a ${response.status} is not declared`).toContain(name);
  }
}

/** A number the schema refuses: just outside a bound, or not a number of its type at all. */
function invalidNumber(s: Schema): fc.Arbitrary<string> {
  const outside: string[] = ["", "abc", "NaN", "Infinity", "0x10", "1,"];
  if (s.minimum !== undefined) outside.push(String(s.minimum - (s.type === "integer" ? 1 : 0.5)));
  if (s.exclusiveMinimum !== undefined) outside.push(String(s.exclusiveMinimum), String(s.exclusiveMinimum - 1));
  if (s.maximum !== undefined) outside.push(String(s.maximum + (s.type === "integer" ? 1 : 0.5)));
  if (s.exclusiveMaximum !== undefined) outside.push(String(s.exclusiveMaximum));
  if (s.type === "integer") outside.push("1.5", "1e3", "-1");
  return fc.constantFrom(...outside);
}

/** A value the schema refuses, in its query-string form. */
function invalidValue(p: Parameter): fc.Arbitrary<string> {
  const s = p.schema;
  if (s.enum) return fc.string().filter((v) => !s.enum!.includes(v));
  switch (s.type) {
    case "boolean":
      return fc.constantFrom("", "1", "0", "yes", "TRUE");
    case "integer":
    case "number":
      return invalidNumber(s);
    case "array": {
      const item = validNumber(s.items!).map(String);
      const choices = [
        // one item out of range, the others fine
        fc.tuple(fc.array(item, { maxLength: 1 }), invalidNumber(s.items!)).map(([ok, bad]) => [...ok, bad].join(",")),
      ];
      if (s.minItems !== undefined && s.minItems > 1) choices.push(item);
      if (s.maxItems !== undefined)
        choices.push(fc.array(item, { minLength: s.maxItems + 1, maxLength: s.maxItems + 2 }).map((v) => v.join(",")));
      if (s.uniqueItems) choices.push(item.map((v) => `${v},${v}`));
      return fc.oneof(...choices);
    }
    case "string": {
      const unlike = fc.string().filter((v) => !new RegExp(s.pattern!).test(v));
      return s.format === "date" ? fc.oneof(unlike, fc.constantFrom(...IMPOSSIBLE_DATES)) : unlike;
    }
    default:
      throw new Error(`no generator for ${p.name}: ${JSON.stringify(s)}`);
  }
}

const query = (entries: ReadonlyArray<readonly [string, string]>) =>
  entries.length === 0 ? "" : `?${new URLSearchParams(entries as Array<[string, string]>).toString()}`;

describe("the OpenAPI document", { timeout: E2E_TIMEOUT }, () => {
  it("names every operation and marks every public route as needing no credentials", () => {
    const ids = operations().map(([, op]) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, op] of operations()) expect(op.security, path).toEqual([]);
    // Numbers are documented as numbers, with their ranges: no query parameter is a bare string.
    for (const [path, op] of operations()) {
      for (const p of op.parameters ?? []) {
        const s = p.schema;
        expect(s.type === "string" ? (s.enum ?? s.pattern) : s.type, `${path} ${p.name}`).toBeDefined();
      }
    }
  });
});

describe("requests generated from the OpenAPI document", { timeout: 10 * E2E_TIMEOUT }, () => {
  it("answers every schema-valid request (no 400, no 5xx)", async () => {
    for (const [path, op] of operations()) {
      const params = op.parameters ?? [];
      const request = fc.tuple(
        ...params.map((p) =>
          fc.option(
            validValue(p).map((v) => [p.name, v] as const),
            { nil: undefined },
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(request, async (chosen) => {
          const given = chosen.filter((e) => e !== undefined);
          const url = `${base}/api${path}${query(given)}`;
          const response = await fetch(url);
          const body = await response.text();
          const through = given.find(([name]) => name === "through")?.[1];
          if (response.status === 422) {
            // Only a cut before the ledger's first yearly base leaves a method nothing to compute from.
            expect(through !== undefined && through < firstYearlyBaseEnd, `${url}: ${body}`).toBe(true);
            expect(JSON.parse(body).error.message, url).toMatch(/the ledger has no/);
            expectDeclared(op, response, url);
            return;
          }
          expect(response.status, `${url}: ${body}`).toBe(200);
          expectDeclared(op, response, url);
          // Revalidation: the same request with the answer's ETag is a declared 304.
          const again = await fetch(url, { headers: { "If-None-Match": response.headers.get("etag")! } });
          expect(again.status, url).toBe(304);
          expectDeclared(op, again, url);
        }),
        { numRuns: params.length === 0 ? 3 : 30 },
      );
    }
  });

  it("answers a request with one invalid value with a 400 naming that parameter", async () => {
    for (const [path, op] of operations()) {
      const params = op.parameters ?? [];
      if (params.length === 0) continue;
      const request = fc.oneof(...params.map((p) => invalidValue(p).map((v) => [p.name, v] as const)));
      await fc.assert(
        fc.asyncProperty(request, async ([name, value]) => {
          const url = `${base}/api${path}${query([[name, value]])}`;
          const response = await fetch(url);
          const body = (await response.json()) as { error: { status: number; message: string } };
          expect(response.status, `${url}: ${JSON.stringify(body)}`).toBe(400);
          expect(body.error.message, url).toContain(`'${name}'`);
          expectDeclared(op, response, url);
        }),
        { numRuns: 40 },
      );
    }
  });

  it("answers an undocumented parameter, or a documented one given twice, with a 400 naming it", async () => {
    for (const [path, op] of operations()) {
      const unknown = await fetch(`${base}/api${path}?nonsense=1`);
      expect(unknown.status, path).toBe(400);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain("'nonsense'");
      const first = op.parameters?.[0];
      if (!first) continue;
      const example = (op.parameters as ReadonlyArray<Parameter & { example: unknown }>)[0]!.example;
      const text = Array.isArray(example) ? example.join(",") : String(example);
      const twice = await fetch(
        `${base}/api${path}${query([
          [first.name, text],
          [first.name, text],
        ])}`,
      );
      expect(twice.status, path).toBe(400);
      expect(((await twice.json()) as { error: { message: string } }).error.message).toContain(`'${first.name}'`);
    }
  });

  it("answers a method a route does not have with 405 and the ones it does in Allow", async () => {
    for (const path of [...Object.keys(doc.paths), "/openapi.json"]) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const response = await fetch(`${base}/api${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        if (doc.paths[path]) expectDeclared(doc.paths[path]!.get!, response, `${method} ${path}`);
        expect(response.headers.get("allow"), `${method} ${path}`).toBe("GET, HEAD");
        expect(((await response.json()) as { error: { status: number } }).error.status).toBe(405);
      }
    }
  });
});

describe("the December 2024 submission, through the API", { timeout: E2E_TIMEOUT }, () => {
  it("reproduces its 92,300–184,600 with through=2024-09-30, and refuses dates the calendar does not have", async () => {
    const answer = await fetch(`${base}/api/estimates?through=2024-09-30`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      manifest: { options: { through?: string } };
      rows: Array<{ kind: string; cat3_4_10pct: number; cat3_4_20pct: number }>;
    };
    expect(body.manifest.options.through).toBe("2024-09-30");
    const total = body.rows.find((r) => r.kind === "total")!;
    expect([total.cat3_4_10pct, total.cat3_4_20pct]).toEqual([92_300, 184_600]);
    for (const bad of ["2024-02-30", "2024-13-45"]) {
      for (const path of [`/estimates?through=${bad}`, `/observations?from=${bad}`, `/observations?to=${bad}`]) {
        const refused = await fetch(`${base}/api${path}`);
        expect(refused.status, path).toBe(400);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(bad);
      }
    }
  });
});

describe("the CLI and the API agree", { timeout: 10 * E2E_TIMEOUT }, () => {
  for (const method of METHODS) {
    it(`liuzhi ${method.command} --format json is ${method.path}, at the defaults and with every parameter set`, async () => {
      const examples = Object.entries(method.params as Record<string, Param>).map(
        ([name, p]) => [name, p.example] as const,
      );
      for (const given of examples.length > 0 ? [[], examples] : [[]]) {
        const cli = await liuzhi(
          [method.command, "--format", "json", "--db", db, ...given.flatMap(([name, value]) => [`--${name}`, value])],
          { cwd: dir },
        );
        expect(cli.status, cli.stderr).toBe(0);
        const response = await fetch(`${base}/api${method.path}${query(given)}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual(JSON.parse(cli.stdout));
      }
    });
  }
});
