import { afterAll, describe, expect, it } from "vitest";
import { shippedLedger } from "../../../test/support/shipped-ledger.ts";
import { createApp } from "../app.ts";
import { createHeavyWork, type HeavyWork } from "./heavy-work.ts";

const ledger = shippedLedger();
const inline = createApp({ ledger, version: "test" });
const works: HeavyWork[] = [];
const pooled = (options: Parameters<typeof createHeavyWork>[0]) => {
  const heavy = createHeavyWork(options);
  works.push(heavy);
  return createApp({ ledger, version: "test", heavy });
};
afterAll(() => Promise.all(works.map((w) => w.close())));

const headersOf = (r: Response) => Object.fromEntries([...r.headers].filter(([k]) => k !== "date"));

describe("heavy requests in the worker pool", () => {
  const app = pooled({ workers: 1, limits: { computationsPerAddress: 1000 } });

  it.each([
    ["/api/uncertainty?draws=5000&seed=7&ratio-range=0.1,0.3&base=cat4", {}],
    ["/api/uncertainty?seed=11", { "Accept-Encoding": "gzip" }],
    ["/api/estimates?ratios=0.05,0.1,0.3", {}],
    ["/api/uncertainty?draws=0", {}],
    ["/api/uncertainty?draws=12&bogus=1", {}],
  ])(
    "answers %s byte for byte as the event loop does",
    async (path, headers) => {
      const direct = await inline.request(path, { headers });
      const viaPool = await app.request(path, { headers });
      expect(viaPool.status).toBe(direct.status);
      expect(headersOf(viaPool)).toEqual(headersOf(direct));
      expect(Buffer.from(await viaPool.arrayBuffer())).toEqual(Buffer.from(await direct.arrayBuffer()));
    },
    60_000,
  );

  it("answers If-None-Match with 304 and HEAD without a body, as the event loop does", async () => {
    const first = await app.request("/api/uncertainty?draws=2000&seed=3");
    const etag = first.headers.get("ETag")!;
    const again = await app.request("/api/uncertainty?draws=2000&seed=3", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const head = await app.request("/api/uncertainty?draws=2000&seed=3", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  }, 60_000);

  it("computes identical requests once, answering both", async () => {
    const path = "/api/uncertainty?draws=3000&seed=21";
    const [a, b] = await Promise.all([app.request(path), app.request(path)]);
    expect(a.status).toBe(200);
    expect(await b.text()).toBe(await a.text());
  }, 60_000);

  it("leaves light routes to the event loop", async () => {
    const direct = await inline.request("/api/observations?jurisdiction=CN-YN");
    const viaApp = await app.request("/api/observations?jurisdiction=CN-YN");
    expect(await viaApp.text()).toBe(await direct.text());
  });
});

describe("past the limits", () => {
  it("answers 503 with Retry-After once the queue is full, and ends every request", async () => {
    const app = pooled({ workers: 1, limits: { queueLength: 1, computationsPerAddress: 1000 } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => app.request(`/api/uncertainty?draws=20000&seed=${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    // One running, one waiting; the others refused at once.
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 503)).toHaveLength(4);
    const refused = answers.find((a) => a.status === 503)!;
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      error: { status: 503, message: expect.stringMatching(/busy computing \(1 running, 1 waiting\)/) },
    });
  }, 60_000);

  it("answers 429 with Retry-After past the per-address limit", async () => {
    const app = pooled({ workers: 1, limits: { computationsPerAddress: 2 } });
    const statuses = [];
    for (let seed = 0; seed < 3; seed++)
      statuses.push((await app.request(`/api/uncertainty?draws=100&seed=${seed}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  }, 60_000);

  it("charges a percent-encoded path as the route it names, and a refused query not at all", async () => {
    const app = pooled({ workers: 1, limits: { computationsPerAddress: 2 } });
    for (let i = 0; i < 5; i++) expect((await app.request(`/api/%75ncertainty?draws=x${i}`)).status).toBe(400);
    const statuses = [];
    for (const path of [
      "/api/%75ncertainty?draws=100&seed=1",
      "/api/%65stimates?ratios=0.3",
      "/api/uncertainty?seed=9",
    ])
      statuses.push((await app.request(path)).status);
    expect(statuses).toEqual([200, 200, 429]);
    // Answers already computed are served to the same caller for free, however the path is spelled.
    expect((await app.request("/api/uncertainty?draws=100&seed=1")).status).toBe(200);
  }, 60_000);

  it("abandons a computation past its time with 503, replacing the worker, and answers the next one", async () => {
    const app = pooled({ workers: 1, limits: { timeoutSeconds: 0.001, computationsPerAddress: 1000 } });
    const answer = await app.request("/api/uncertainty?draws=200000&seed=1");
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/took longer than/);
    expect((await app.request("/api/uncertainty?draws=200000&seed=2")).status).toBe(503);
  }, 60_000);
});
