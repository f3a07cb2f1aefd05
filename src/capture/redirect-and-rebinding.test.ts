/**
 * The address policy's wiring: every redirect hop is checked, and the address checked is the one
 * connected to. On a test machine every server is on loopback, so here the classifier is told that
 * one chosen loopback address counts as public (the classification itself is tested on its own in
 * address-policy.test.ts); everything else is the real fetch over real sockets.
 */
import type { LookupFunction } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FixtureServer, startFixtureServer } from "../../test/support/fixture-server.ts";
import { defaultPolicy, fetchWithPolicy, HostGate } from "./fetch-with-policy.ts";

const countsAsPublic = new Set<string>();
vi.mock("./address-kinds.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./address-kinds.ts")>();
  return {
    ...actual,
    nonPublicKind: (address: string) => (countsAsPublic.has(address) ? null : actual.nonPublicKind(address)),
  };
});

let server: FixtureServer;
let port: string;
beforeAll(async () => {
  server = await startFixtureServer();
  port = new URL(server.url("/")).port;
});
afterAll(() => server.close());
beforeEach(() => countsAsPublic.clear());

/** A resolver answering from a table, counting its calls; a list of answers is used in turn. */
function resolver(table: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup = ((host: string, _options: unknown, callback: (e: Error | null, a: unknown) => void) => {
    calls.push(host);
    const answers = table[host];
    const address = answers?.[Math.min(calls.filter((h) => h === host).length, answers.length) - 1];
    if (!address) return callback(Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" }), null);
    return callback(null, [{ address, family: 4 }]);
  }) as unknown as LookupFunction;
  return { lookup, calls };
}

const policy = (lookup: LookupFunction) =>
  defaultPolicy({ timeoutMs: 1_000, retries: 0, backoffMs: 10, gate: new HostGate(0), lookup });

describe("redirect hops and DNS rebinding", () => {
  it("checks every redirect hop: a public page redirecting to an internal name is refused at that hop", async () => {
    countsAsPublic.add("127.0.0.1"); // the fixture server plays a public site
    const { lookup } = resolver({ "internal.test": ["127.0.0.2"] });
    const result = await fetchWithPolicy(server.url("/to-internal"), policy(lookup));
    expect(result.exchanges.map((e) => [new URL(e.url).pathname, e.response.status])).toEqual([["/to-internal", 302]]);
    expect(result.failure).toEqual({
      kind: "private-address",
      message: `refused to fetch http://internal.test:${port}/utf8: internal.test resolves to 127.0.0.2, a loopback address (private addresses are fetched only with --allow-private-addresses)`,
    });
  });

  it("connects to the address it checked: a name that re-resolves to an internal address is never reached", async () => {
    // 127.0.0.3 plays the public address the name first resolves to (nothing listens there); every later
    // answer is the internal server. Resolving once to check and again to connect would reach it.
    countsAsPublic.add("127.0.0.3");
    const { lookup, calls } = resolver({ "rebind.test": ["127.0.0.3", "127.0.0.1"] });
    const before = server.hits.get("/utf8") ?? 0;
    const result = await fetchWithPolicy(`http://rebind.test:${port}/utf8`, policy(lookup));
    expect(result.failure?.kind, result.failure?.message).toBe("refused");
    expect(calls).toEqual(["rebind.test"]);
    expect(server.hits.get("/utf8") ?? 0).toBe(before);
  });
});
