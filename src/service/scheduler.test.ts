/**
 * The scheduler on a real SQLite file: a job never overlaps itself, even when two schedulers (as
 * `liuzhi serve` and `liuzhi worker` would) share the database; a failed run is retried with
 * back-off, each attempt recorded; a schedule with a mistake is refused naming the field.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir, removeDir } from "../../test/helpers.ts";
import { type LedgerDb, openDatabase } from "../store/index.ts";
import { parseSchedule, ScheduleError } from "./config.ts";
import { recentRuns } from "./runs.ts";
import { startScheduler } from "./scheduler.ts";

let dir: string | undefined;
const handles: LedgerDb[] = [];
afterEach(async () => {
  for (const db of handles.splice(0)) await db.destroy();
  removeDir(dir);
});

async function open(file: string): Promise<LedgerDb> {
  const { db } = await openDatabase({ kind: "sqlite", file }, async () => {});
  handles.push(db);
  return db;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the scheduler", () => {
  it("never runs a job twice at once, across two processes' schedulers on one database", async () => {
    dir = makeTempDir();
    const file = join(dir, "jobs.sqlite");
    const [a, b] = [await open(file), await open(file)];
    const schedule = parseSchedule(
      { retries: 0, jobs: [{ kind: "audit-head", cron: "* * * * * *", file: "head.txt" }] },
      join(dir, "schedule.json"),
    );
    const spans: Array<{ who: string; start: number; end: number }> = [];
    const action = (who: string) => async () => {
      const start = Date.now();
      await sleep(1_500); // longer than the one-second schedule
      spans.push({ who, start, end: Date.now() });
      return { ok: true, summary: `ran in ${who}` };
    };
    const first = startScheduler({ db: a, schedule, action: action("serve") });
    const second = startScheduler({ db: b, schedule, action: action("worker") });
    await sleep(6_000);
    await Promise.all([first.stop(), second.stop()]);

    expect(spans.length).toBeGreaterThanOrEqual(2);
    const sorted = [...spans].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    const runs = await recentRuns(a, { job: "audit-head" });
    expect(runs.length).toBe(spans.length);
    expect(runs.every((r) => r.outcome === "succeeded" && r.finishedAt !== null)).toBe(true);
  }, 30_000);

  it("retries a failed run with back-off, records every attempt, and reports only the last as final", async () => {
    dir = makeTempDir();
    const db = await open(join(dir, "jobs.sqlite"));
    const schedule = parseSchedule(
      {
        retries: 2,
        backoffSeconds: 0.2,
        // A cron that does not fire during the test: the run is triggered by hand.
        jobs: [{ name: "nightly-backup", kind: "backup", cron: "0 0 1 1 *", dir: "b", keep: 3 }],
      },
      join(dir, "schedule.json"),
    );
    let calls = 0;
    const finals: boolean[] = [];
    const scheduler = startScheduler({
      db,
      schedule,
      action: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`disk full (${calls})`);
        return { ok: true, summary: "written" };
      },
      onFinished: async (_job, _outcome, final) => {
        finals.push(final);
      },
    });
    await scheduler.trigger("nightly-backup");
    await scheduler.stop();
    const runs = (await recentRuns(db, { job: "nightly-backup" })).reverse();
    expect(runs.map((r) => [r.attempt, r.outcome, r.summary])).toEqual([
      [1, "failed", "disk full (1)"],
      [2, "failed", "disk full (2)"],
      [3, "succeeded", "written"],
    ]);
    expect(finals).toEqual([false, false, true]);
    // The job is free again: its lease was released.
    expect(await db.selectFrom("job_leases").selectAll().execute()).toEqual([]);
  }, 30_000);

  it("refuses a schedule with a mistake, naming the field and what is wrong", () => {
    const bad = (value: unknown) => () => parseSchedule(value, "/etc/liuzhi/schedule.json");
    expect(bad({ jobs: [{ kind: "watch", cron: "every hour" }] })).toThrow(/jobs\.0\.cron: not a cron expression/);
    expect(bad({ jobs: [{ kind: "backup", cron: "0 3 * * *", dir: "b" }] })).toThrow(/jobs\.0\.keep/);
    expect(bad({ jobs: [{ kind: "reboot", cron: "0 3 * * *" }] })).toThrow(ScheduleError);
    expect(bad({ jobs: [{ kind: "watch", cron: "0 * * * *", lst: "x.csv" }] })).toThrow(/lst/);
    expect(
      bad({
        jobs: [
          { kind: "watch", cron: "0 * * * *" },
          { kind: "watch", cron: "30 * * * *" },
        ],
      }),
    ).toThrow(/'watch' is used twice/);
    const ok = parseSchedule(
      { jobs: [{ kind: "backup", cron: "15 3 * * *", dir: "backups", keep: 14 }] },
      "/etc/liuzhi/schedule.json",
    );
    expect(ok.jobs[0]).toMatchObject({ name: "backup", dir: "/etc/liuzhi/backups" });
  });
});
