/** The team's service: scheduled jobs and their runs, and telling people what needs them. */
export {
  JOB_KINDS,
  type JobKind,
  type JobSpec,
  type NotifyConfig,
  nextRun,
  parseSchedule,
  readSchedule,
  type Schedule,
  ScheduleError,
} from "./config.ts";
export { createFeedToken, feedTokenUser } from "./feed-tokens.ts";
export { createNotifier, type DraftNotice, type Notifier, webhookSignature } from "./notify.ts";
export { type JobRun, lastFinishedRuns, type RunOutcome, recentRuns } from "./runs.ts";
export { type DeadlineCounts, type JobAction, type JobOutcome, type Scheduler, startScheduler } from "./scheduler.ts";
