import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../../test/support/fixture-server.ts";
import {
  classifyError,
  defaultPolicy,
  type FetchPolicy,
  fetchWithPolicy,
  HostGate,
  mapBounded,
} from "./fetch-with-policy.ts";

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

// The fixture server is on loopback, which is refused unless allowed (address-policy tests cover that).
const policy = (overrides: Partial<FetchPolicy> = {}) =>
  defaultPolicy({
    timeoutMs: 300,
    retries: 2,
    backoffMs: 10,
    gate: new HostGate(0),
    allowPrivateAddresses: true,
    ...overrides,
  });

describe("fetchWithPolicy", () => {
  it("follows 301 → 302 → 200 and records every hop", async () => {
    const result = await fetchWithPolicy(server.url("/r1"), policy());
    expect(result.failure).toBeNull();
    expect(result.exchanges.map((e) => [new URL(e.url).pathname, e.response.status])).toEqual([
      ["/r1", 301],
      ["/r2", 302],
      ["/r3", 200],
    ]);
    expect(result.exchanges[2]!.response.body.toString()).toContain("777");
  });

  it("gives up on a redirect loop", async () => {
    const result = await fetchWithPolicy(server.url("/loop"), policy({ maxRedirects: 3 }));
    expect(result.failure?.kind).toBe("too-many-redirects");
    expect(result.exchanges).toHaveLength(4);
  });

  it("retries 5xx with back-off until it answers, counting every request", async () => {
    const result = await fetchWithPolicy(server.url("/flaky"), policy());
    expect(result.exchanges.at(-1)?.response.status).toBe(200);
    expect(result.attempts).toBe(3);
    expect(server.hits.get("/flaky")).toBe(3);
  });

  it("returns a 404 as an answer, without retrying it", async () => {
    const result = await fetchWithPolicy(server.url("/nothing-here"), policy());
    expect(result.failure).toBeNull();
    expect(result.exchanges[0]?.response.status).toBe(404);
    expect(result.attempts).toBe(1);
  });

  it("abandons a page that hangs past the time-out, after its retries", async () => {
    const started = Date.now();
    const result = await fetchWithPolicy(server.url("/hang"), policy({ retries: 1 }));
    expect(result.failure?.kind).toBe("timeout");
    expect(result.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("names a DNS failure and does not retry it", async () => {
    const lookup = ((_host: string, _opts: unknown, cb: (e: Error) => void) =>
      cb(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" }))) as never;
    const result = await fetchWithPolicy("http://nowhere.invalid/", policy({ lookup }));
    expect(result.failure?.kind).toBe("dns");
    expect(result.attempts).toBe(1);
    expect(classifyError(Object.assign(new Error("x"), { code: "ECONNREFUSED" })).kind).toBe("refused");
  });

  it("keeps bodies as bytes and refuses one above the size limit", async () => {
    const pdf = await fetchWithPolicy(server.url("/big.pdf"), policy());
    expect(pdf.exchanges[0]!.response.body.subarray(0, 5).toString()).toBe("%PDF-");
    const small = await fetchWithPolicy(server.url("/big.pdf"), policy({ maxBytes: 1000 }));
    expect(small.failure?.kind).toBe("too-large");
  });
});

describe("politeness and parallelism", () => {
  it("spaces requests to one host by the delay", async () => {
    const gate = new HostGate(100);
    const started = Date.now();
    await Promise.all([gate.turn("a"), gate.turn("a"), gate.turn("a"), gate.turn("b")]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("runs at most `limit` at once and keeps the order", async () => {
    let running = 0;
    let most = 0;
    const out = await mapBounded([5, 4, 3, 2, 1], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n * 5));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 40, 30, 20, 10]);
    expect(most).toBe(2);
  });
});
