import { describeTarget, openLedger } from "../../ledger/index.ts";
import { nextRun, recentRuns } from "../../service/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { scheduleOf, scheduleOption, startService } from "../service.ts";
import { formatTextTable } from "../text-table.ts";
import { targetOf, withLedger } from "../with-ledger.ts";

const FORMATS = ["table", "json"] as const;

export const jobsCommand: Command = {
  name: "jobs",
  summary: "List the scheduled jobs and their last runs, or run one now",
  positionals: "[run NAME]",
  description:
    "Without arguments: each job of the schedule (--schedule FILE or $LIUZHI_SCHEDULE) with its cron expression and next run, then the last runs recorded in the database (by liuzhi serve or liuzhi worker): start, end, outcome, attempt, what it did or why it failed, and the drafts it filed. `jobs run NAME` runs one job now, with its retries, as the schedule would.",
  options: {
    ...dbOption,
    ...scheduleOption,
    ...storeOption,
    ...formatSpec(FORMATS, "table"),
    limit: { type: "string", valueName: "N", help: "how many runs to list (default 20)" },
  },
  examples: ["liuzhi jobs --schedule deploy/schedule.example.json", "liuzhi jobs run backup --schedule schedule.json"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const schedule = scheduleOf(args, io);
    const [action, name, ...extra] = args.positionals;
    if (action !== undefined) {
      if (action !== "run" || name === undefined || extra.length > 0) {
        throw new UsageError(`expected 'jobs' or 'jobs run NAME', got 'jobs ${args.positionals.join(" ")}'`);
      }
      if (!schedule) throw new UsageError("jobs run needs the schedule: --schedule FILE or $LIUZHI_SCHEDULE");
      if (!schedule.jobs.some((j) => j.name === name)) {
        throw new UsageError(`no job named '${name}': the schedule has ${schedule.jobs.map((j) => j.name).join(", ")}`);
      }
      const target = targetOf(args, io);
      const { db } = await openLedger(target);
      try {
        const service = await startService({ db, target, schedule, store: captureStoreDir(args, io), io });
        await service.trigger(name);
        await service.stop();
        const [last] = await recentRuns(db, { job: name, limit: 1 });
        io.out(`${name}: ${last?.outcome ?? "not run"}${last?.summary ? `\n${last.summary}` : ""}\n`);
        return last?.outcome === "succeeded" ? 0 : 1;
      } finally {
        await db.destroy();
      }
    }
    const limitText = (args.values.limit as string | undefined) ?? "20";
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 10_000) {
      throw new UsageError(`invalid --limit '${limitText}': expected a whole number from 1 to 10000`);
    }
    const runs = await withLedger(args, io, (db) => recentRuns(db, { limit: Number(limitText) }));
    const jobs = (schedule?.jobs ?? []).map((job) => ({
      name: job.name,
      kind: job.kind,
      cron: job.cron,
      next: nextRun(job, schedule?.timezone)?.toISOString() ?? null,
    }));
    if (format === "json") {
      io.out(`${JSON.stringify({ schedule: schedule?.file ?? null, jobs, runs }, null, 2)}\n`);
      return 0;
    }
    if (schedule) {
      io.out(`Schedule ${schedule.file}:\n`);
      io.out(
        formatTextTable(
          ["job", "kind", "cron", "next run"],
          jobs.map((j) => [j.name, j.kind, j.cron, j.next]),
        ),
      );
    } else {
      io.err("No schedule given (--schedule FILE or $LIUZHI_SCHEDULE): listing the recorded runs only.\n");
    }
    io.out(`\nLast runs in ${describeTarget(targetOf(args, io))}:\n`);
    io.out(
      runs.length === 0
        ? "(none yet)\n"
        : formatTextTable(
            ["job", "attempt", "started", "finished", "outcome", "filed", "summary"],
            runs.map((r) => [
              r.job,
              String(r.attempt),
              r.startedAt,
              r.finishedAt,
              r.outcome,
              String(r.filed.length),
              (r.summary ?? "").split("\n")[0] ?? "",
            ]),
          ),
    );
    return 0;
  },
};

export const workerCommand: Command = {
  name: "worker",
  summary: "Run the scheduled jobs without serving HTTP, beside a liuzhi serve on the same database",
  description:
    "Runs the jobs of --schedule FILE (or $LIUZHI_SCHEDULE) until stopped (SIGINT, SIGTERM). A job never overlaps itself, also when liuzhi serve runs the same schedule: a lease in the database lets one process run it at a time.",
  options: { ...dbOption, ...scheduleOption, ...storeOption },
  examples: ["liuzhi worker --schedule /etc/liuzhi/schedule.json"],
  async run(args, io) {
    const schedule = scheduleOf(args, io);
    if (!schedule) throw new UsageError("worker needs the schedule: --schedule FILE or $LIUZHI_SCHEDULE");
    const target = targetOf(args, io);
    const { db } = await openLedger(target);
    const service = await startService({ db, target, schedule, store: captureStoreDir(args, io), io });
    io.out(`Liuzhi Monitor worker is running ${schedule.jobs.length} job(s) on ${describeTarget(target)}\n`);
    return new Promise<number>((resolve) => {
      const stop = () => void service.stop().then(() => db.destroy().then(() => resolve(0)));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
