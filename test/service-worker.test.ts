/**
 * `liuzhi worker` beside `liuzhi serve`, both with the same schedule on one SQLite file, as two
 * processes: the job runs in either, never in both at once, and every run is recorded once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir, serverAddress } from "./helpers.ts";

const dir = makeTempDir();
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
  removeDir(dir);
});

interface Run {
  readonly job: string;
  readonly host: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly outcome: string;
}

describe("liuzhi worker beside liuzhi serve", () => {
  it(
    "shares the schedule: each run happens in one process only, and none overlaps another",
    async () => {
      const db = join(dir, "shared.sqlite");
      const init = await liuzhi(["init", "--db", db], { cwd: dir, env: cliEnv() });
      expect(init.status, init.stderr).toBe(0);
      const schedule = join(dir, "schedule.json");
      writeFileSync(
        schedule,
        JSON.stringify({ jobs: [{ kind: "backup", cron: "* * * * * *", dir: "backups", keep: 3 }] }),
      );
      const serve = spawn(
        process.execPath,
        [BIN, "serve", "--port", "0", "--no-dashboard", "--db", db, "--schedule", schedule],
        { cwd: dir, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] },
      );
      children.push(serve);
      await serverAddress(serve);
      const worker = spawn(process.execPath, [BIN, "worker", "--db", db, "--schedule", schedule], {
        cwd: dir,
        env: cliEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(worker);
      let workerOut = "";
      worker.stdout?.on("data", (chunk: Buffer) => {
        workerOut += chunk.toString("utf8");
      });
      worker.stderr?.on("data", (chunk: Buffer) => {
        workerOut += chunk.toString("utf8");
      });

      const list = async (): Promise<Run[]> => {
        const jobs = await liuzhi(["jobs", "--db", db, "--format", "json", "--limit", "500"], {
          cwd: dir,
          env: cliEnv(),
        });
        expect(jobs.status, jobs.stderr).toBe(0);
        return (JSON.parse(jobs.stdout) as { runs: Run[] }).runs;
      };
      // Until both processes have run the job (each a run at a time: it takes a good part of a second).
      const deadline = Date.now() + 90_000;
      let runs = await list();
      while (new Set(runs.filter((r) => r.outcome === "succeeded").map((r) => r.host)).size < 2) {
        if (Date.now() > deadline) throw new Error(`only one process ran the job:\n${workerOut}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        runs = await list();
      }
      const stopped = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGTERM");
      expect(await stopped).toBe(0);
      runs = (await list()).filter((r) => r.finishedAt !== null);
      const spans = runs
        .map((r) => ({ start: Date.parse(r.startedAt), end: Date.parse(r.finishedAt!) }))
        .sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      expect(runs.every((r) => r.outcome === "succeeded")).toBe(true);
    },
    4 * E2E_TIMEOUT,
  );
});
