/**
 * Guessing against `liuzhi serve` as a process (behind a trusted proxy, so each request can come
 * from its own address): the address limit counts an IPv6 /64 as one address; a name's failures
 * bring growing delays, never a lock that a stranger can put on the admin; a browser the admin
 * signed in from before still gets in at once; and a real name and an unknown one get the same
 * answers, before and after a restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, E2E_TIMEOUT, makeTempDir, removeDir, serverAddress } from "./helpers.ts";
import { PASSWORD, type ServedEditing, serveWithAccounts } from "./support/editing-server.ts";

let dir: string;
let served: ServedEditing;
let base: string;
let second: ChildProcess | undefined;

beforeAll(async () => {
  dir = makeTempDir();
  served = await serveWithAccounts(dir, { admin: "admin", ed: "editor" }, { LIUZHI_TRUST_PROXY: "1" });
  base = served.base;
}, E2E_TIMEOUT);
afterAll(async () => {
  await served?.stop();
  if (second && second.exitCode === null) {
    const exited = new Promise((resolve) => second!.once("exit", resolve));
    second.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

interface Answer {
  readonly status: number;
  readonly message: string;
  readonly retryAfter: string | null;
  readonly cookies: string[];
}

let n = 0;
/** A sign-in through the JSON API from `address` (the proxy's X-Forwarded-For), with optional cookies. */
async function signIn(at: string, name: string, password: string, address: string, cookie?: string): Promise<Answer> {
  n += 1;
  const response = await fetch(`${at}/api/edit/session`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": address,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ name, password }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return {
    status: response.status,
    message: body.error?.message ?? "signed in",
    retryAfter: response.headers.get("retry-after"),
    cookies: response.headers.getSetCookie().map((c) => c.split(";")[0]!),
  };
}

/** A fresh address in its own /64 for each call, so the address limit never interferes. */
const stranger = () => `2001:db8:${(n + 1).toString(16)}:${(n % 7).toString(16)}::${n}`;

describe("sign-in limits against liuzhi serve", () => {
  it(
    "counts 40 addresses of one IPv6 /64 as one: the 21st attempt gets 429, another /64 does not",
    async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 40; i++) {
        statuses.push(
          (await signIn(base, `guess${i}`, "wrong password!", `2001:db8:aaaa:1::${i.toString(16)}`)).status,
        );
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array(20).fill(429));
      // Spelt differently, the same /64 is still the same address.
      expect((await signIn(base, "guess", "wrong password!", "2001:0db8:aaaa:0001:0:0:0:99")).status).toBe(429);
      expect((await signIn(base, "guess", "wrong password!", "2001:db8:aaaa:2::1")).status).toBe(401);
    },
    E2E_TIMEOUT,
  );

  it(
    "a stranger's guesses delay the admin's name and an unknown name alike, never locking out the admin's browser; the same after a restart",
    async () => {
      // The admin signs in once from their own browser: it is remembered (lz_device).
      const first = await signIn(base, "admin", PASSWORD, stranger());
      expect(first.status).toBe(200);
      const device = first.cookies.find((c) => c.startsWith("lz_device="));
      expect(device).toBeDefined();

      // A stranger guesses at the admin's name and at a name that does not exist, from many addresses.
      const real: Answer[] = [];
      const unknown: Answer[] = [];
      for (let i = 0; i < 7; i++) {
        real.push(await signIn(base, "admin", `guess number ${i}`, stranger()));
        unknown.push(await signIn(base, "no-such-admin", `guess number ${i}`, stranger()));
      }
      const shape = (a: Answer) => [a.status, a.message, a.retryAfter === null ? null : "set"];
      expect(real.map(shape)).toEqual(unknown.map(shape));
      expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect(real.at(-1)!.message).toMatch(/too many failed sign-ins for this name: try again in \d+ second/);
      expect(Number(real.at(-1)!.retryAfter)).toBeGreaterThan(0);

      // While the delay runs, the right password from a new browser waits too (no lock: a delay)…
      expect((await signIn(base, "admin", PASSWORD, stranger())).status).toBe(429);
      // …but the admin's own browser gets in at once.
      const own = await signIn(base, "admin", PASSWORD, stranger(), device);
      expect(own.status).toBe(200);

      // A restart: the counts are in the database, for known and unknown names alike.
      await served.stop();
      second = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", served.db, "--no-dashboard"], {
        cwd: dir,
        env: served.env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const again = await serverAddress(second);
      const afterReal = await signIn(again, "admin", "yet another guess", stranger());
      const afterUnknown = await signIn(again, "no-such-admin", "yet another guess", stranger());
      expect(afterReal.status).not.toBe(423);
      expect(shape(afterReal)).toEqual(shape(afterUnknown));
      expect((await signIn(again, "admin", PASSWORD, stranger(), device)).status).toBe(200);
    },
    3 * E2E_TIMEOUT,
  );
});
