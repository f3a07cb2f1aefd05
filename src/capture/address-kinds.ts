import { BlockList, isIP } from "node:net";

/**
 * The address ranges capture refuses, by kind: loopback, private, link-local, unique-local and the
 * other ranges that are not the public internet (address-policy.ts applies them).
 */

const RANGES: ReadonlyArray<readonly [kind: string, network: string, prefix: number]> = [
  ["unspecified", "0.0.0.0", 8],
  ["private", "10.0.0.0", 8],
  ["shared (carrier-grade NAT)", "100.64.0.0", 10],
  ["loopback", "127.0.0.0", 8],
  ["link-local", "169.254.0.0", 16],
  ["private", "172.16.0.0", 12],
  ["reserved", "192.0.0.0", 24],
  ["private", "192.168.0.0", 16],
  ["benchmarking", "198.18.0.0", 15],
  ["multicast", "224.0.0.0", 4],
  ["reserved", "240.0.0.0", 4],
  ["unspecified", "::", 128],
  ["loopback", "::1", 128],
  ["unique-local", "fc00::", 7],
  ["link-local", "fe80::", 10],
  ["site-local", "fec0::", 10],
  ["multicast", "ff00::", 8],
];

const LISTS = RANGES.map(([kind, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, network.includes(":") ? "ipv6" : "ipv4");
  return { kind, list, type: network.includes(":") ? ("ipv6" as const) : ("ipv4" as const) };
});

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((g) => Number.parseInt(g, 16));
}

/** The IPv4 address an IPv6 one carries (IPv4-mapped, NAT64, 6to4), which is what it reaches. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4
  return null;
}

/** The kind of non-public address `address` is ("loopback", "private", …), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const family = isIP(address.replace(/%.*$/, ""));
  if (family === 0) throw new TypeError(`not an IP address: '${address}'`);
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== null) return nonPublicKind(inner);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  const bare = address.replace(/%.*$/, "");
  return LISTS.find((l) => l.type === type && l.list.check(bare, type))?.kind ?? null;
}
