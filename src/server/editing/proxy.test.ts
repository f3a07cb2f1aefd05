import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, openFixture, PASSWORD } from "../../../test/support/editing-fixture.ts";
import { editingRoutes } from "./index.ts";

let fixture: Fixture;
beforeAll(async () => {
  fixture = await openFixture();
}, 60_000);
afterAll(async () => fixture?.close());

const signIn = (app: Hono, headers: Record<string, string>) =>
  app.request("http://127.0.0.1:8080/api/edit/session", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ name: "rosa", password: PASSWORD }),
  });

describe("behind a reverse proxy", () => {
  it("accepts the configured public origin, and still refuses any other", async () => {
    const plain = editingRoutes({ db: fixture.db, secureCookies: true });
    const proxied = editingRoutes({ db: fixture.db, secureCookies: true, publicOrigin: "https://liuzhi.example.org" });
    const origin = { Origin: "https://liuzhi.example.org" };
    expect((await signIn(plain, origin)).status).toBe(403);
    expect((await signIn(proxied, origin)).status).toBe(200);
    expect((await signIn(proxied, { Origin: "https://evil.example" })).status).toBe(403);
  });

  // 26 sign-ins, each a real scrypt check: give a loaded machine time.
  it("limits sign-ins per client address from X-Forwarded-For only when told to trust the proxy", {
    timeout: 180_000,
  }, async () => {
    const trusting = editingRoutes({ db: fixture.db, secureCookies: true, trustProxy: true });
    const attempt = (forwardedFor: string) =>
      trusting.request("http://127.0.0.1:8080/api/edit/session", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor },
        body: JSON.stringify({ name: `nobody-${forwardedFor}`, password: "x" }),
      });
    // One address exhausts its own allowance; another address behind the same proxy is unaffected.
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await attempt("spoofed, 203.0.113.7")).status;
    expect(last).toBe(429);
    expect((await attempt("198.51.100.9")).status).not.toBe(429);
  });
});
