/**
 * /healthz and /readyz as a supervisor sees them: `liuzhi serve` on a throwaway PostgreSQL cluster
 * is ready; a scheduled job that keeps failing (a time-stamping authority that does not answer)
 * is retried, recorded, reported by webhook and makes it unready, naming the job; stopping the database makes it
 * unready naming the database, while /healthz still says the process is up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir, serverAddress } from "./helpers.ts";
import { type Postgres, startPostgres } from "./support/postgres.ts";

let dir: string;
let pg: Postgres | undefined;
let url: string;
let serve: ChildProcess;
let base: string;
let log = "";
let hookServer: Server;
const hooks: Array<{ event: string; body: { job?: string; summary?: string } }> = [];

const get = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  dir = makeTempDir();
  pg = await startPostgres();
  url = await pg.createDatabase("liuzhi_health");
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      hooks.push({ event: String(req.headers["x-liuzhi-event"]), body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
  const init = await liuzhi(["init"], { cwd: dir, env: cliEnv({ DATABASE_URL: url }) });
  expect(init.status, init.stderr).toBe(0);
  writeFileSync(
    join(dir, "schedule.json"),
    JSON.stringify({
      retries: 1,
      backoffSeconds: 0.5,
      // Nothing listens on port 9 of loopback: every attempt fails.
      jobs: [{ name: "stamp", kind: "audit-timestamp", cron: "*/2 * * * * *", tsa: "http://127.0.0.1:9/tsr" }],
      notify: {
        webhooks: [
          {
            url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/`,
            secret: "sixteen characters or more",
          },
        ],
      },
    }),
  );
  serve = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--no-dashboard", "--schedule", join(dir, "schedule.json")],
    { cwd: dir, env: cliEnv({ DATABASE_URL: url }), stdio: ["ignore", "pipe", "pipe"] },
  );
  base = await serverAddress(serve, 120_000, (text) => {
    log += text;
  });
}, 4 * E2E_TIMEOUT);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once("exit", resolve));
    serve.kill("SIGTERM");
    await exited;
  }
  try {
    pg?.stop();
  } catch {
    // stopped by the test already
  }
  await new Promise<void>((resolve) => (hookServer ? hookServer.close(() => resolve()) : resolve()));
  removeDir(dir);
}, E2E_TIMEOUT);

describe("health and readiness", () => {
  it(
    "is unready while a scheduled job's last run failed, naming it, after its retry",
    async () => {
      const unready = await until("a failed run", async () => {
        const answer = await get("/readyz");
        return answer.status === 503 ? answer : null;
      });
      expect(unready.body.status).toBe("unready");
      expect((unready.body.problems as string[]).join("\n")).toMatch(/^job stamp: its last run failed at /m);
      expect(unready.body.checks).toMatchObject({ database: "ok", migrations: "current" });

      const jobs = await until("the retry recorded", async () => {
        const listed = await liuzhi(["jobs", "--format", "json"], { cwd: dir, env: cliEnv({ DATABASE_URL: url }) });
        const runs = (JSON.parse(listed.stdout) as { runs: Array<{ job: string; attempt: number; outcome: string }> })
          .runs;
        return runs.some((r) => r.attempt === 2 && r.outcome === "failed") ? runs : null;
      });
      expect(jobs.every((r) => r.job === "stamp" && r.outcome !== "succeeded")).toBe(true);
      // Reported once its retries are spent: a signed webhook names the job and what went wrong.
      const reported = await until(
        "the failure reported",
        async () => hooks.find((h) => h.event === "job-failed") ?? null,
      );
      expect(reported.body.job).toBe("stamp");
      expect(reported.body.summary).toMatch(/127\.0\.0\.1:9/);
    },
    4 * E2E_TIMEOUT,
  );

  it(
    "is unready when the database stops, while /healthz still answers",
    async () => {
      expect((await get("/healthz")).status).toBe(200);
      pg!.stop();
      pg = undefined;
      const down = await until("unready", async () => {
        const answer = await get("/readyz");
        return answer.status === 503 && (answer.body.problems as string[]).some((p) => p.startsWith("database"))
          ? answer
          : null;
      });
      expect(down.body.checks).toMatchObject({ database: "unreachable" });
      expect((down.body.problems as string[])[0]).toMatch(/^database unreachable: /);
      expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    },
    4 * E2E_TIMEOUT,
  );
});
