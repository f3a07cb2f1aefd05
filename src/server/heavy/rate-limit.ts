/**
 * At most `limit` events per key in any window of `windowMs` (a sliding window, in memory). Keys are
 * client addresses; an IPv6 address counts by its /64, which one subscriber usually holds whole.
 */
export class AddressRateLimit {
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event; returns 0 when allowed, else the whole seconds until one more would be. */
  take(address: string): number {
    const key = addressKey(address);
    const now = this.now();
    const recent = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.#hits.set(key, recent);
    // Forget quiet addresses now and then, so that many callers cannot grow the map without end.
    if (this.#hits.size > 10_000) {
      for (const [k, times] of this.#hits) if (times.every((t) => t <= now - this.windowMs)) this.#hits.delete(k);
    }
    return 0;
  }
}

/** The rate-limit key of an address: IPv4 (also IPv4-mapped IPv6) as is, IPv6 by its first four groups. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
