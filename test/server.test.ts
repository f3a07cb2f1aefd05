/** `liuzhi serve` as a process: it prints its address, serves the ledger as JSON with ETags, and 404s in JSON. */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCsv, observations as observationTable } from "../src/core/index.ts";
import {
  BIN,
  cliEnv,
  liuzhi,
  makeTempDir,
  type ObservationJson,
  readShippedCsv,
  removeDir,
  serverAddress,
} from "./helpers.ts";

let dir: string;
let server: ChildProcess;
let base: string;
let output = "";

const addressOf = (child: ChildProcess) =>
  serverAddress(child, 60_000, (text) => {
    output += text;
  });

beforeAll(async () => {
  dir = makeTempDir();
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", join(dir, "serve.sqlite")], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await addressOf(server);
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

describe("liuzhi serve", () => {
  it("listens on 127.0.0.1 on the port the system picked for --port 0", () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(base).port)).toBeGreaterThan(0);
  });

  it("GET /api/observations returns every observation with its source, as JSON", async () => {
    const response = await fetch(`${base}/api/observations`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const rows = (await response.json()) as ObservationJson[];
    const shipped = readShippedCsv("observations.csv").rows;
    expect(rows.map((o) => o.id).sort()).toEqual(shipped.map((o) => o.id).sort());
    for (const o of rows) expect(o.source?.id, o.id).toBe(o.source_id);
  });

  it("answers a repeated request carrying If-None-Match with 304 and no body", async () => {
    const first = await fetch(`${base}/api/observations`);
    const etag = first.headers.get("etag");
    await first.arrayBuffer();
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${base}/api/observations`, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const stale = await fetch(`${base}/api/observations`, { headers: { "If-None-Match": '"stale"' } });
    expect(stale.status).toBe(200);
    expect(((await stale.json()) as unknown[]).length).toBe(readShippedCsv("observations.csv").rows.length);
  });

  it("serves the sources with their Chinese titles intact", async () => {
    const response = await fetch(`${base}/api/sources`);
    expect(response.status).toBe(200);
    const sources = (await response.json()) as Array<{ title: string | null }>;
    expect(sources.length).toBe(readShippedCsv("sources.csv").rows.length);
    expect(sources.some((s) => s.title?.includes("2018年全国纪检监察机关处分62.1万人"))).toBe(true);
  });

  it("answers an unknown route with 404 and a JSON error", async () => {
    const response = await fetch(`${base}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(404);
    expect(body.error.message).toContain("/api/no-such-thing");
  });

  it("serves what the command line adds meanwhile, within seconds, without a restart", async () => {
    const file = join(dir, "observations-new.csv");
    const row = {
      id: "served-after-import",
      measure: "liuzhi_placements",
      jurisdiction: "CN-GX",
      period_start: "2025-01-01",
      period_end: "2025-01-31",
      period_label: "Jan 2025",
      value: 5,
      qualifier: "exact",
      unit: "people",
      scope: "all",
      derivation: "published",
      source_id: "sd-2024-12-12",
    };
    writeFileSync(file, formatCsv(observationTable.columns, [row]));
    const imported = await liuzhi(["import", file, "--db", join(dir, "serve.sqlite")], { cwd: dir });
    expect(imported.status).toBe(0);
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const list = (await (await fetch(`${base}/api/observations`)).json()) as ObservationJson[];
      found = list.some((o) => o.id === "served-after-import");
    }
    expect(found, output).toBe(true);
  }, 60_000);

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
