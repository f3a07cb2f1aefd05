import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../../test/support/fixture-server.ts";
import { nonPublicKind } from "./address-kinds.ts";
import { defaultPolicy, type FetchPolicy, fetchWithPolicy, HostGate } from "./fetch-with-policy.ts";

describe("nonPublicKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00:ec2::254", "unique-local"],
    ["fc12:3456::1", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    // IPv6 forms that reach an IPv4 address are judged by that address.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::a00:1", "private"],
    ["2002:c0a8:101::1", "private"],
  ])("%s is %s", (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "192.169.0.1",
    "202.108.22.5",
    "2400:cb00::1",
    "::ffff:8.8.8.8",
    "2002:808:808::1",
  ])("%s is public", (address) => {
    expect(nonPublicKind(address)).toBeNull();
  });
});

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const policy = (overrides: Partial<FetchPolicy> = {}) =>
  defaultPolicy({ timeoutMs: 500, retries: 2, backoffMs: 10, gate: new HostGate(0), ...overrides });

describe("capture refuses non-public destinations by default", () => {
  it("refuses a loopback address given in the URL, naming it, without connecting or retrying", async () => {
    const url = server.url("/utf8");
    const result = await fetchWithPolicy(url, policy());
    expect(result.failure).toEqual({
      kind: "private-address",
      message: `refused to fetch ${url}: 127.0.0.1, a loopback address (private addresses are fetched only with --allow-private-addresses)`,
    });
    expect(result.attempts).toBe(1);
    expect(server.hits.get("/utf8")).toBeUndefined();
  });

  it("refuses a name that resolves to a private address, after DNS", async () => {
    const port = new URL(server.url("/")).port;
    const lookup = ((_host: string, _opts: unknown, cb: (e: null, a: unknown) => void) =>
      cb(null, [{ address: "127.0.0.1", family: 4 }])) as never;
    const url = `http://sources.example.org:${port}/utf8`;
    const result = await fetchWithPolicy(url, policy({ lookup }));
    expect(result.failure?.kind).toBe("private-address");
    expect(result.failure?.message).toContain(
      `refused to fetch ${url}: sources.example.org resolves to 127.0.0.1, a loopback address`,
    );
    expect(server.hits.get("/utf8")).toBeUndefined();
  });

  it("refuses IPv6 loopback and IPv4-mapped forms in the URL", async () => {
    for (const host of ["[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"]) {
      const result = await fetchWithPolicy(`http://${host}:9/`, policy());
      expect(result.failure?.kind, host).toBe("private-address");
    }
  });

  it("fetches the same loopback page with allowPrivateAddresses (--allow-private-addresses)", async () => {
    const result = await fetchWithPolicy(server.url("/utf8"), policy({ allowPrivateAddresses: true }));
    expect(result.failure).toBeNull();
    expect(result.exchanges[0]?.response.status).toBe(200);
  });

  it("refuses a redirect to anything but http and https, even when private addresses are allowed", async () => {
    const result = await fetchWithPolicy(server.url("/to-file"), policy({ allowPrivateAddresses: true }));
    expect(result.exchanges.map((e) => e.response.status)).toEqual([302]);
    expect(result.failure).toEqual({
      kind: "unsupported-url",
      message: "refused to fetch file:///etc/passwd: only http and https URLs are fetched",
    });
  });
});
