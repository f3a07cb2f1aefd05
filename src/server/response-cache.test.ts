import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observationRow } from "../../test/support/rows.ts";
import { formatCsv, observations } from "../core/index.ts";
import { importIntoLedger, openLedger, readLedger } from "../ledger/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { createServerApp, type ServerApp } from "./app.ts";
import { publicResponseCache } from "./response-cache.ts";

let dir: string;
let db: LedgerDb;
let serverApp: ServerApp;
let server: Server;
let base: string;
let viaCache = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "liuzhi-cache-"));
  ({ db } = await openLedger({ kind: "sqlite", file: join(dir, "ledger.sqlite") }));
  serverApp = createServerApp({ ledger: await readLedger(db), version: "test", db, secureCookies: false });
  const cached = publicResponseCache(serverApp);
  const listener = getRequestListener(serverApp.app.fetch);
  server = createServer((req, res) => {
    void cached(req, res).then((answered) => {
      if (answered) viaCache += 1;
      else void listener(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  server?.close();
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const headersOf = (r: Response) =>
  Object.fromEntries([...r.headers].filter(([k]) => !["date", "connection", "keep-alive"].includes(k)));

describe("public response cache", () => {
  it("answers exactly as the app does: same bytes, same headers (security headers included)", async () => {
    const direct = await serverApp.app.request("/api/estimates?ratios=0.1,0.3", {
      headers: { "Accept-Encoding": "identity" },
    });
    const first = await fetch(`${base}/api/estimates?ratios=0.1,0.3`);
    const second = await fetch(`${base}/api/estimates?ratios=0.1,0.3`);
    const body = await direct.text();
    expect(await first.text()).toBe(body);
    expect(await second.text()).toBe(body);
    expect(second.headers.get("content-security-policy")).toBe(direct.headers.get("content-security-policy"));
    expect(headersOf(second)).toMatchObject({
      etag: direct.headers.get("etag"),
      "cache-control": "public, no-cache",
    });
    expect(viaCache).toBeGreaterThanOrEqual(2);
  });

  it("passes errors on as the app made them, and leaves conditional requests and team editing to the app", async () => {
    const before = viaCache;
    const direct = await serverApp.app.request("/api/estimates?ratios=7");
    const refused = await fetch(`${base}/api/estimates?ratios=7`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe(await direct.text());
    expect(refused.headers.get("cache-control")).toBeNull();
    const etag = (await fetch(`${base}/api/sources`)).headers.get("etag")!;
    expect((await fetch(`${base}/api/sources`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await fetch(`${base}/api/edit/session`)).status).toBe(401);
    // The 400 (answered once, by the app, through the cache's handler) and the unconditional /api/sources.
    expect(viaCache - before).toBe(2);
  });

  it("empties when the record moves on: an import appears within the refresh interval", async () => {
    const count = async () => ((await (await fetch(`${base}/api/observations`)).json()) as unknown[]).length;
    const before = await count();
    const file = join(dir, "observations.csv");
    writeFileSync(file, formatCsv(observations.columns, [observationRow("cache-test-row")]));
    expect((await importIntoLedger(db, [file], { dryRun: false })).written).toBe(true);
    let after = before;
    for (let i = 0; i < 20 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 300));
      after = await count();
    }
    expect(after).toBe(before + 1);
  }, 30_000);
});
