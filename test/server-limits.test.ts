/**
 * `liuzhi serve` as a process, attacked the way an outside review did: a flood of maximum-size Monte
 * Carlo requests must not freeze the light pages, each caller is limited, and a request Node refuses
 * for its size says what it is.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cliEnv, makeTempDir, removeDir, serverAddress } from "./helpers.ts";

/** The public API's cap on draws, as the README and the OpenAPI document state it. */
const MAX_DRAWS = 200_000;
const PER_ADDRESS = 10;

let dir: string;
let server: ChildProcess;
let base: string;

beforeAll(async () => {
  dir = makeTempDir();
  // --no-dashboard spares a bundle build; the API, the editing pages and the server around them are the production ones.
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--no-dashboard", "--db", join(dir, "s.sqlite")], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await serverAddress(server, 120_000);
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly ms: number;
}

/**
 * One GET, from `localAddress` if given (any 127.x.y.z is this machine's loopback: the server sees
 * a different client for each). Resolves with status 0 when no answer came within `timeoutMs`.
 */
function get(
  path: string,
  options: {
    localAddress?: string;
    agent?: Agent;
    headers?: Record<string, string>;
    timeoutMs?: number;
    sent?: () => void;
  } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      headers: options.headers,
      ...(options.agent ? { agent: options.agent } : { agent: false }),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 0, headers: {}, body: "", ms: performance.now() - started });
    }, options.timeoutMs ?? 120_000);
    req.on("finish", () => options.sent?.());
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        const ms = performance.now() - started;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), ms });
      });
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

describe("liuzhi serve under a flood of heavy requests", () => {
  it("keeps answering the ledger and the sign-in page within 500 ms while 40 maximum-size Monte Carlo requests are in flight, and ends every one of them", async () => {
    const light = new Agent({ keepAlive: true, maxSockets: 1 });
    // Warm: the first answers are computed and cached, as on any server that has been up a minute.
    expect((await get("/api/observations", { agent: light })).status).toBe(200);
    expect((await get("/edit/login", { agent: light })).status).toBe(200);
    expect((await get("/api/uncertainty?draws=1000&seed=1")).status).toBe(200);

    // Forty callers, each from its own address, so that the per-address limit cannot be what saves the server.
    let sent = 0;
    let allSent: () => void = () => {};
    const everySent = new Promise<void>((resolve) => {
      allSent = resolve;
    });
    let pending = 40;
    const heavy = Array.from({ length: 40 }, (_, i) =>
      // Half of them spell the route with a percent-encoded letter: the limits hold for every spelling.
      get(`/api/${i % 2 === 0 ? "uncertainty" : "%75ncertainty"}?draws=${MAX_DRAWS}&seed=${1000 + i}`, {
        localAddress: `127.0.1.${i + 1}`,
        sent: () => {
          sent += 1;
          if (sent === 40) allSent();
        },
      }).finally(() => {
        pending -= 1;
      }),
    );
    await everySent;

    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await get(i % 2 === 0 ? "/api/observations" : "/edit/login", { agent: light });
      expect(answer.status).toBe(200);
      times.push(answer.ms);
    }
    const stillInFlight = pending;
    const heavyAnswers = await Promise.all(heavy);
    light.destroy();

    expect(p95(times), `light request times (ms): ${times.map(Math.round).join(", ")}`).toBeLessThanOrEqual(500);
    // The light requests were measured while heavy ones were still being worked on, not after.
    expect(stillInFlight).toBeGreaterThan(0);
    const statuses = heavyAnswers.map((a) => a.status);
    expect(
      statuses.filter((s) => ![200, 429, 503].includes(s)),
      `statuses: ${statuses.join(" ")}`,
    ).toEqual([]);
    // Some were computed (the pool works) and the rest were told when to come back.
    const computed = heavyAnswers.filter((a) => a.status === 200);
    expect(computed.length).toBeGreaterThan(0);
    for (const a of heavyAnswers.filter((x) => x.status !== 200)) {
      expect(Number(a.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(a.body).error.status).toBe(a.status);
    }
    const result = JSON.parse(computed[0]!.body);
    expect(result.manifest.options.draws).toBe(MAX_DRAWS);
  }, 240_000);

  it("limits computed answers per client address (429 with Retry-After); answers already computed stay free", async () => {
    const address = "127.0.2.1";
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS; i++) {
      statuses.push((await get(`/api/uncertainty?draws=1000&seed=${5000 + i}`, { localAddress: address })).status);
    }
    expect(statuses).toEqual(Array(PER_ADDRESS).fill(200));
    const refused = await get("/api/uncertainty?draws=1000&seed=6000", { localAddress: address });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body).error).toMatchObject({ status: 429, message: expect.stringMatching(/address/) });
    // Another caller is not affected, and an answer already computed is served to this one.
    expect((await get("/api/uncertainty?draws=1000&seed=6000", { localAddress: "127.0.2.2" })).status).toBe(200);
    expect((await get("/api/uncertainty?draws=1000&seed=5000", { localAddress: address })).status).toBe(200);
  }, 120_000);

  it("charges every spelling of a computing route alike, and never charges a refused query", async () => {
    const address = "127.0.2.9";
    // Ten refused queries first: a 400 costs nothing.
    for (let i = 0; i < PER_ADDRESS; i++) {
      expect((await get(`/api/%75ncertainty?draws=abc${i}`, { localAddress: address })).status).toBe(400);
    }
    const spellings = [
      (i: number) => `/api/%75ncertainty?draws=1000&seed=${7000 + i}`,
      (i: number) => `/api/%75%6E%63ertainty?draws=1000&seed=${7000 + i}`,
      (i: number) => `/api/%65stimates?ratios=0.1,0.${i + 1}1`,
      (i: number) => `/api/estimat%65s?ratios=0.2,0.${i + 1}2`,
      (i: number) => `/api/uncertainty?draws=1000&seed=${7000 + i}&base=cat4`,
    ];
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 5; i++) {
      statuses.push((await get(spellings[i % spellings.length]!(i), { localAddress: address })).status);
    }
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(200), ...Array(5).fill(429)]);
  }, 120_000);

  it("refuses more draws than the public cap, naming the parameter and the cap", async () => {
    const answer = await get(`/api/uncertainty?draws=${MAX_DRAWS + 1}`, { localAddress: "127.0.3.1" });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toContain(`draws': expected a whole number from 1 to ${MAX_DRAWS}`);
  }, 60_000);

  it("documents the limits in the OpenAPI document", async () => {
    const doc = JSON.parse((await get("/api/openapi.json")).body);
    expect(doc.info.description).toContain(`at most ${MAX_DRAWS} Monte Carlo draws`);
    expect(doc.info.description).toContain(`at most ${PER_ADDRESS} computed answers per client address`);
    for (const status of ["429", "503"]) {
      expect(doc.paths["/uncertainty"].get.responses[status].headers["Retry-After"]).toBeDefined();
    }
  });
});

describe("requests Node refuses before the app", () => {
  it("answers headers too large with a 431 that says 431 and what was too large", async () => {
    for (const path of ["/api/observations", "/edit/login"]) {
      const answer = await get(path, { headers: { "X-Padding": "a".repeat(20_000) } });
      expect(answer.status).toBe(431);
      const body = JSON.parse(answer.body);
      expect(body.error.status).toBe(431);
      expect(body.error.message).toMatch(/header fields are too large/);
      expect(body.error.message).not.toMatch(/body/);
    }
  });

  it("answers a body too large with a 413 that says 413", async () => {
    const answer = await fetch(`${base}/api/edit/login`, { method: "POST", body: "a".repeat(300_000) });
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { error: { status: number } }).error.status).toBe(413);
  });
});
