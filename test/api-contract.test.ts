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
}
interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

let dir: string;
let db: string;
let server: ChildProcess;
let base: string;
let doc: Document;

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "contract.sqlite");
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await serverAddress(server);
  doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as Document;
}, E2E_TIMEOUT);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

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
      return fc.stringMatching(new RegExp(s.pattern!));
    default:
      throw new Error(`no generator for ${p.name}: ${JSON.stringify(s)}`);
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
    case "string":
      return fc.string().filter((v) => !new RegExp(s.pattern!).test(v));
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
          const url = `${base}/api${path}${query(chosen.filter((e) => e !== undefined))}`;
          const response = await fetch(url);
          const body = await response.text();
          expect(response.status, `${url}: ${body}`).toBe(200);
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
        expect(response.headers.get("allow"), `${method} ${path}`).toBe("GET, HEAD");
        expect(((await response.json()) as { error: { status: number } }).error.status).toBe(405);
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
