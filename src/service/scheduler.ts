import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Cron } from "croner";
import type { LedgerDb } from "../store/index.ts";
import type { JobSpec, Schedule } from "./config.ts";
import { acquireLease, finishRun, releaseLease, startRun } from "./runs.ts";

/** What one run of a job did: whether it worked, a line or a few for people, what it filed. */
export interface JobOutcome {
  readonly ok: boolean;
  readonly summary: string;
  /** Change ids of the drafts it filed (the monitor). */
  readonly filed?: ReadonlyArray<string>;
  /** The case register's deadline watch: how many open cases need attention (counts only). */
  readonly deadlines?: DeadlineCounts;
}

export interface DeadlineCounts {
  readonly beyondLimit: number;
  readonly urgentWindow: number;
  readonly termEndingSoon: number;
  readonly withinDays: number;
}

/** Runs one job once (the CLI's commands, in `src/cli/job-actions.ts`). */
export type JobAction = (job: JobSpec) => Promise<JobOutcome>;

export interface SchedulerOptions {
  readonly db: LedgerDb;
  readonly schedule: Schedule;
  readonly action: JobAction;
  /** After every attempt; `final` when no retry follows (success, or the last retry failed). */
  readonly onFinished?: (job: JobSpec, outcome: JobOutcome, final: boolean) => Promise<void>;
  readonly log?: (line: string) => void;
  readonly clock?: () => Date;
}

export interface Scheduler {
  /** Runs a job now (with its retries), unless it is already running; resolves when it is done. */
  trigger(name: string): Promise<void>;
  /** Stops the timers and waits for the runs under way to end (retry waits are cut short). */
  stop(): Promise<void>;
}

/**
 * Starts one croner timer per job. A job never overlaps itself: a tick while it runs (or waits to
 * retry) is skipped in this process, and a lease row in the database keeps a second process (a
 * `liuzhi worker` beside `liuzhi serve`) from starting it too. Each attempt is recorded; a failed
 * one is retried after `backoffSeconds`, doubling each time, `retries` times.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, schedule, action } = options;
  const log = options.log ?? (() => {});
  const clock = options.clock ?? (() => new Date());
  const host = `${hostname()}:${process.pid}`;
  const busy = new Map<string, Promise<void>>();
  let stopping = false;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const sleep = (ms: number) =>
    Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), stopped]);

  const attempt = async (job: JobSpec, n: number): Promise<JobOutcome | null> => {
    const holder = `${host}:${randomUUID()}`;
    const now = clock();
    const until = new Date(now.getTime() + schedule.leaseMinutes * 60_000);
    if (!(await acquireLease(db, job.name, holder, until, now))) {
      log(`job ${job.name}: another process is running it; skipped`);
      return null;
    }
    try {
      const id = await startRun(db, { job: job.name, attempt: n, host, now });
      let outcome: JobOutcome;
      try {
        outcome = await action(job);
      } catch (error) {
        outcome = { ok: false, summary: (error as Error).message };
      }
      await finishRun(db, id, {
        outcome: outcome.ok ? "succeeded" : "failed",
        summary: outcome.summary,
        filed: outcome.filed ?? [],
        now: clock(),
      });
      return outcome;
    } finally {
      await releaseLease(db, job.name, holder);
    }
  };

  const runWithRetries = async (job: JobSpec) => {
    for (let n = 1; n <= schedule.retries + 1 && !stopping; n += 1) {
      const outcome = await attempt(job, n);
      if (outcome === null) return;
      const final = outcome.ok || n === schedule.retries + 1;
      log(`job ${job.name}: attempt ${n} ${outcome.ok ? "succeeded" : "failed"}: ${outcome.summary.split("\n")[0]}`);
      try {
        await options.onFinished?.(job, outcome, final);
      } catch (error) {
        log(`job ${job.name}: notifying failed: ${(error as Error).message}`);
      }
      if (final) return;
      await sleep(schedule.backoffSeconds * 1000 * 2 ** (n - 1));
    }
  };

  const trigger = (name: string): Promise<void> => {
    const job = schedule.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job named '${name}' in ${schedule.file}`));
    const running = busy.get(name);
    if (running || stopping) return running ?? Promise.resolve();
    const run = runWithRetries(job)
      .catch((error: unknown) => log(`job ${name}: ${(error as Error).message}`))
      .finally(() => busy.delete(name));
    busy.set(name, run);
    return run;
  };

  const timers = schedule.jobs.map(
    (job) =>
      new Cron(job.cron, { ...(schedule.timezone ? { timezone: schedule.timezone } : {}) }, () => {
        void trigger(job.name);
      }),
  );

  return {
    trigger,
    async stop() {
      stopping = true;
      for (const timer of timers) timer.stop();
      wake();
      await Promise.all(busy.values());
    },
  };
}
