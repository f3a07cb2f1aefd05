import { Hono } from "hono";
import { readAuditHead } from "../audit/index.ts";
import { lastFinishedRuns, type Schedule } from "../service/index.ts";
import { type Kysely, type LedgerDb, pendingMigrations } from "../store/index.ts";

/** How long /readyz waits for the database before calling it unreachable. */
const DATABASE_WAIT_MS = 3_000;

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * For a process supervisor or a load balancer: `/healthz` says the process answers; `/readyz` says
 * it can serve — the database answers, its migrations are current, and no scheduled job's last run
 * failed (503 naming each problem otherwise). Never cached.
 */
export function healthRoutes(db: LedgerDb | undefined, schedule: Schedule | undefined): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }, 200, { "Cache-Control": "no-store" }));
  app.get("/readyz", async (c) => {
    c.header("Cache-Control", "no-store");
    const problems: string[] = [];
    const checks: Record<string, string> = {};
    if (db) {
      try {
        await within(readAuditHead(db), DATABASE_WAIT_MS, "the database");
        checks.database = "ok";
        const pending = await within(pendingMigrations(db as Kysely<unknown>), DATABASE_WAIT_MS, "the database");
        checks.migrations = pending.length === 0 ? "current" : `pending: ${pending.join(", ")}`;
        if (pending.length > 0) problems.push(`migrations not run: ${pending.join(", ")} (run liuzhi migrate)`);
        if (schedule) {
          const last = await within(lastFinishedRuns(db), DATABASE_WAIT_MS, "the database");
          for (const job of schedule.jobs) {
            const run = last.get(job.name);
            checks[`job:${job.name}`] = run ? `${run.outcome} at ${run.finishedAt}` : "not run yet";
            if (run?.outcome === "failed") {
              // What it said stays for admins (/edit/jobs, liuzhi jobs): it may name paths and addresses.
              problems.push(`job ${job.name}: its last run failed at ${run.finishedAt} (see liuzhi jobs)`);
            }
          }
        }
      } catch (error) {
        checks.database = "unreachable";
        problems.push(`database unreachable: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) return c.json({ status: "unready", problems, checks }, 503);
    return c.json({ status: "ready", checks });
  });
  return app;
}
