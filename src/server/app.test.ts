/** The public API through Hono's app.request: every route, its cache headers, its errors, its OpenAPI document. */
import { describe, expect, it } from "vitest";
import { shippedLedger } from "../../test/support/shipped-ledger.ts";
import { ledgerSha256 } from "../ledger/index.ts";
import { monteCarlo, officialFloor, rates, ratioTable } from "../methods/index.ts";
import { createApp } from "./app.ts";

const ledger = shippedLedger();
const app = createApp({ ledger, version: "0.0.0-test" });
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const json = async (path: string) => {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, unknown> & { manifest: { method: string; ledgerSha256: string } };
};

const METHOD_ROUTES = ["estimates", "floor", "extrapolations", "rates", "triangulate", "uncertainty?draws=1000"];
const TABLE_ROUTES = ["observations", "sources", "jurisdictions", "assumptions"];

describe("public API", () => {
  it("lists its routes and serves an OpenAPI 3.1 document naming every route and query parameter", async () => {
    const index = await json("/api");
    expect(index.routes).toEqual(expect.arrayContaining(["/api/estimates", "/api/uncertainty", "/api/observations"]));
    const doc = (await json("/api/openapi.json")) as unknown as {
      openapi: string;
      paths: Record<string, { get: { parameters?: Array<{ name: string; in: string }> } }>;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const r of [...METHOD_ROUTES, ...TABLE_ROUTES]) expect(doc.paths, r).toHaveProperty(`/${r.split("?")[0]}`);
    const names = doc.paths["/uncertainty"]!.get.parameters!.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "draws",
        "seed",
        "ratio-range",
        "base",
        "durations",
        "annualization-spread",
        "annualize",
      ]),
    );
    expect(doc.paths["/estimates"]!.get.parameters!.map((p) => p.name)).toEqual(["ratios", "through"]);
  });

  it("answers every method route with the run manifest and the method's result", async () => {
    for (const route of METHOD_ROUTES) {
      const body = await json(`/api/${route}`);
      expect(body.manifest.ledgerSha256, route).toBe(ledgerSha256(ledger));
    }
    const estimates = (await json("/api/estimates")) as unknown as { rows: Array<Record<string, unknown>> };
    const adjusted = estimates.rows.find((r) => r.kind === "adjusted-total")!;
    // The current estimate (the ledger now holds January–September 2025 too): the library's own table.
    const current = ratioTable(ledger).rows.find((r) => r.kind === "adjusted-total")!;
    const cell = (column: string) => current.cells.find((c) => c.column === column)!.value;
    expect(adjusted.cat3_4_10pct).toBe(cell("cat3_4_10pct"));
    expect(adjusted.cat3_4_20pct).toBe(cell("cat3_4_20pct"));
    expect(adjusted.cat3_4_10pct).toBe(95_800 + 17_600);
    const floor = (await json("/api/floor")) as unknown as { asPublished: number; strict: number };
    expect(floor).toMatchObject({
      asPublished: officialFloor(ledger).asPublished,
      strict: officialFloor(ledger).strict,
    });
    const r = (await json("/api/rates")) as unknown as { years: unknown };
    expect(r.years).toEqual(JSON.parse(JSON.stringify(rates(ledger))));
  });

  it("takes the CLI's options: ratios for estimates, draws and seed and inputs for uncertainty", async () => {
    const body = (await json("/api/estimates?ratios=0.05,0.3")) as unknown as { rows: Array<Record<string, unknown>> };
    const expected = ratioTable(ledger, { ratios: [0.05, 0.3] });
    expect(body.rows.at(-1)!.cat3_4_30pct).toBe(
      expected.rows.at(-1)!.cells.find((c) => c.column === "cat3_4_30pct")!.value,
    );
    const u = (await json(
      "/api/uncertainty?draws=5000&seed=7&ratio-range=0.1,0.3&base=cat4&durations=40,60&annualize=false",
    )) as unknown as { adjustedCumulative: unknown; manifest: { seed: number } };
    const mc = monteCarlo(ledger, {
      draws: 5000,
      seed: 7,
      inputs: { ratio: [0.1, 0.3], base: "cat4", duration: [40, 60], annualize: false },
    });
    expect(u.adjustedCumulative).toEqual(mc.adjustedCumulative);
    expect(u.manifest.seed).toBe(7);
  });

  it("serves the ledger tables as arrays, with the ledger hash in a header, and filters observations", async () => {
    for (const route of TABLE_ROUTES) {
      const response = await get(`/api/${route}`);
      expect(response.headers.get("liuzhi-ledger-sha256"), route).toBe(ledgerSha256(ledger));
      expect(Array.isArray(await response.json()), route).toBe(true);
    }
    const yunnan = (await (
      await get("/api/observations?jurisdiction=CN-YN&measure=liuzhi_placements")
    ).json()) as Array<{
      id: string;
    }>;
    expect(yunnan.map((o) => o.id).sort()).toEqual(["appx1-08-cn-yn", "appx1-22-cn-yn"]);
    const in2023 = (await (await get("/api/observations?from=2023-01-01&to=2023-12-31")).json()) as unknown[];
    expect(in2023.length).toBeGreaterThan(0);
    expect(in2023.length).toBeLessThan(ledger.observations.length);
  });

  it.each([
    ["/api/estimates?ratios=0.1,abc", "ratios"],
    ["/api/estimates?ratios=1.5", "ratios"],
    ["/api/uncertainty?draws=0", "draws"],
    ["/api/uncertainty?draws=1000001", "draws"],
    ["/api/uncertainty?draws=12x", "draws"],
    ["/api/uncertainty?seed=-1", "seed"],
    ["/api/uncertainty?ratio-range=0.3", "ratio-range"],
    ["/api/estimates?ratios=0.1,0.1", "ratios"],
    ["/api/uncertainty?draws=5&draws=6", "draws"],
    ["/api/uncertainty?base=cat9", "base"],
    ["/api/uncertainty?durations=0,10", "durations"],
    ["/api/uncertainty?annualization-spread=1", "annualization-spread"],
    ["/api/uncertainty?annualize=maybe", "annualize"],
    ["/api/observations?jurisdiction=Yunnan", "jurisdiction"],
    ["/api/observations?measure=nope", "measure"],
    ["/api/observations?from=2023", "from"],
    ["/api/floor?ratios=0.1", "ratios"],
    ["/api/estimates?ratio=0.1", "ratio"],
  ])("answers %s with 400 naming '%s'", async (path, name) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(400);
    expect(body.error.message).toContain(`'${name}'`);
  });

  it("sets ETag and Cache-Control, answers If-None-Match with 304, and gzips when asked", async () => {
    for (const route of [...METHOD_ROUTES, ...TABLE_ROUTES, "openapi.json"]) {
      const first = await get(`/api/${route}`);
      const etag = first.headers.get("etag");
      expect(etag, route).toMatch(/^".+"$/);
      expect(first.headers.get("cache-control"), route).toBe("public, no-cache");
      const again = await get(`/api/${route}`, { "If-None-Match": etag! });
      expect(again.status, route).toBe(304);
      expect(await again.text()).toBe("");
    }
    const gz = await get("/api/estimates", { "Accept-Encoding": "gzip, br" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
  });

  it("sets the security headers on API and page responses", async () => {
    for (const path of ["/api/estimates", "/", "/api/nothing"]) {
      const response = await get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
    }
  });

  it("answers unknown routes with 404 in the one error shape", async () => {
    const response = await get("/api/nothing");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { status: 404, message: "no route for GET /api/nothing" } });
  });

  it("serves the dashboard's data file: the ledger and the CLI's default Monte Carlo", async () => {
    const data = (await json("/data/dashboard.json")) as unknown as {
      ledgerSha256: string;
      uncertainty: { result: { adjustedCumulative: unknown } };
    };
    expect(data.ledgerSha256).toBe(ledgerSha256(ledger));
    expect(data.uncertainty.result.adjustedCumulative).toEqual(
      monteCarlo(ledger, { draws: 100_000, seed: 1 }).adjustedCumulative,
    );
  });
});
