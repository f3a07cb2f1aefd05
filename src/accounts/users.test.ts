/**
 * No oracle for account names: an unknown name, a locked account, a disabled one and a wrong
 * password each cost one real scrypt derivation with the accounts' own parameters. Observed by
 * counting node:crypto's scrypt calls (the real function still runs), never by timing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Fixture, openFixture, PASSWORD } from "../../test/support/editing-fixture.ts";
import { setUserDisabled, signIn, THROTTLE } from "./index.ts";
import { DUMMY_HASH } from "./users.ts";

const calls: Array<{ n: number; saltBytes: number }> = [];
vi.mock("node:crypto", async (original) => {
  const real = await original<typeof import("node:crypto")>();
  const scrypt = (...args: Parameters<typeof real.scrypt>) => {
    const [, salt, , options] = args as unknown as [string, Buffer, number, { N: number }];
    calls.push({ n: options.N, saltBytes: salt.length });
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...real, default: { ...real, scrypt }, scrypt };
});

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
}, 60_000);
afterAll(async () => fx?.close());
beforeEach(() => {
  calls.length = 0;
});

/** One sign-in; returns its result and the scrypt derivations it ran. */
async function attempt(name: string, password: string) {
  calls.length = 0;
  const result = await signIn(fx.db, name, password);
  return { result, derivations: [...calls] };
}

const FULL_COST = { n: 32768, saltBytes: 16 };

describe("sign-in costs the same work whoever asks", () => {
  it("the stand-in hash is a real one, with the accounts' parameters", () => {
    const [scheme, n, r, p, salt, key] = DUMMY_HASH.split("$");
    expect([scheme, n, r, p]).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(key!, "base64")).toHaveLength(32);
  });

  it("a wrong password runs one full scrypt check", async () => {
    const { result, derivations } = await attempt("eddie", "not the password at all");
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(derivations).toEqual([FULL_COST]);
  });

  it("an unknown name runs one full scrypt check too", async () => {
    const { result, derivations } = await attempt("nobody-here", "not the password at all");
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(derivations).toEqual([FULL_COST]);
  });

  it("a name in its delay runs no check at all, known or not; a disabled account runs one full check", async () => {
    for (const name of ["emma", "nobody-else"]) {
      for (let i = 0; i < THROTTLE.free; i++) await signIn(fx.db, name, "wrong guess number x");
      const delayed = await attempt(name, PASSWORD);
      expect(delayed.result).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: THROTTLE.firstSeconds });
      expect(delayed.derivations).toEqual([]);
    }

    await setUserDisabled(fx.db, { name: "ravi", disabled: true, actor: "admin" });
    const disabled = await attempt("ravi", PASSWORD);
    expect(disabled.result).toEqual({ ok: false, reason: "invalid" });
    expect(disabled.derivations).toEqual([FULL_COST]);
  });

  it("the right password still signs in, with the same single check", async () => {
    const { result, derivations } = await attempt("rosa", PASSWORD);
    expect(result.ok).toBe(true);
    expect(derivations).toEqual([FULL_COST]);
  });
});
