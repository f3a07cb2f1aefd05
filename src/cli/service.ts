import { getChange } from "../review/index.ts";
import {
  createNotifier,
  readSchedule,
  type Schedule,
  ScheduleError,
  type Scheduler,
  startScheduler,
} from "../service/index.ts";
import type { DatabaseTarget, LedgerDb } from "../store/index.ts";
import { type CommandIo, type OptionSpec, type ParsedArgs, UsageError } from "./command.ts";
import { jobActions } from "./job-actions.ts";

export const scheduleOption: Record<"schedule", OptionSpec> = {
  schedule: {
    type: "string",
    valueName: "FILE",
    help: "run the scheduled jobs this JSON file lists (see deploy/schedule.example.json; $LIUZHI_SCHEDULE)",
  },
};

/** The schedule the command's --schedule or $LIUZHI_SCHEDULE names, checked (null when none). */
export function scheduleOf(args: ParsedArgs, io: CommandIo): Schedule | null {
  const file = (args.values.schedule as string | undefined) ?? io.env.LIUZHI_SCHEDULE;
  if (file === undefined || file === "") return null;
  try {
    return readSchedule(file);
  } catch (error) {
    if (error instanceof ScheduleError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Starts the schedule's timers in this process (`liuzhi serve`, `liuzhi worker`): each job runs the
 * CLI's command against the same database; drafts it files and runs that fail for good are told to
 * the people the schedule names.
 */
export async function startService(input: {
  readonly db: LedgerDb;
  readonly target: DatabaseTarget;
  readonly schedule: Schedule;
  readonly store: string;
  readonly io: CommandIo;
}): Promise<Scheduler> {
  const { db, schedule, io } = input;
  // Loaded here, not at the top: main.ts lists every command, this one among them.
  const { main } = await import("./main.ts");
  const log = (line: string) => io.err(`${new Date().toISOString()} ${line}\n`);
  const notifier = createNotifier(schedule.notify, log);
  const scheduler = startScheduler({
    db,
    schedule,
    action: jobActions({ db, target: input.target, env: io.env, store: input.store, run: main }),
    log,
    onFinished: async (job, outcome, final) => {
      const filed = outcome.filed ?? [];
      if (filed.length > 0) {
        const drafts = [];
        for (const id of filed) {
          const change = await getChange(db, id);
          if (change?.status === "draft") drafts.push({ id, reason: change.reason });
        }
        await notifier.draftsArrived(drafts);
      }
      if (outcome.deadlines) await notifier.deadlinesNear(outcome.deadlines);
      if (!outcome.ok && final) await notifier.jobFailed(job.name, outcome.summary);
    },
  });
  log(`scheduled ${schedule.jobs.map((j) => `${j.name} (${j.cron})`).join(", ")} from ${schedule.file}`);
  return scheduler;
}
