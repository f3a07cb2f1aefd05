import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Cron } from "croner";
import { z } from "zod";

/**
 * The team's schedule: one JSON file (`liuzhi serve --schedule FILE`, `$LIUZHI_SCHEDULE`) naming each
 * recurring job, when it runs (a cron expression, seconds optional) and where it writes; how failed
 * runs are retried; whom to tell when drafts arrive. Paths are read relative to the file.
 */

export const JOB_KINDS = [
  "watch",
  "sources-check",
  "backup",
  "audit-head",
  "audit-timestamp",
  "case-deadlines",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const cron = z.string().superRefine((pattern, ctx) => {
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `not a cron expression: ${(error as Error).message}` });
  }
});
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected lower-case letters, digits and hyphens");
const common = { name: name.optional(), cron };

const jobSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...common,
    kind: z.literal("watch"),
    list: z.string().optional(),
    store: z.string().optional(),
    delayMs: z.number().int().min(0).optional(),
    allowPrivateAddresses: z.boolean().optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal("sources-check"),
    store: z.string().optional(),
    allowPrivateAddresses: z.boolean().optional(),
  }),
  z.strictObject({ ...common, kind: z.literal("backup"), dir: z.string(), keep: z.number().int().min(1).max(10_000) }),
  z.strictObject({ ...common, kind: z.literal("audit-head"), file: z.string() }),
  z.strictObject({ ...common, kind: z.literal("audit-timestamp"), tsa: z.url(), tsaCa: z.string().optional() }),
  // Open cases past a legal limit, in the WGEID urgent window, or whose term ends within `withinDays`.
  z.strictObject({
    ...common,
    kind: z.literal("case-deadlines"),
    withinDays: z.number().int().min(1).max(366).default(14),
  }),
]);

const scheduleSchema = z.strictObject({
  timezone: z.string().optional(),
  /** Attempts after the first when a run fails. */
  retries: z.number().int().min(0).max(10).default(2),
  /** The wait before the first retry; each further retry waits twice as long. */
  backoffSeconds: z.number().min(0).max(86_400).default(60),
  /** How long a run may hold its job before another process may take it over. */
  leaseMinutes: z.number().min(1).max(10_080).default(120),
  jobs: z.array(jobSchema).min(1),
  notify: z
    .strictObject({
      /** The origin people open (https://…): links in e-mails and webhooks. */
      origin: z.url().optional(),
      email: z
        .strictObject({ smtp: z.url(), from: z.string().min(3), to: z.array(z.string().min(3)).min(1) })
        .optional(),
      webhooks: z
        .array(z.strictObject({ url: z.url(), secret: z.string().min(16, "at least 16 characters") }))
        .optional(),
      /** Who hears of the case register's deadlines (counts only, never a case): e-mail addresses. */
      caseHolders: z.array(z.string().min(3)).min(1).optional(),
      /** The wait before a webhook's first retry (it is tried 4 times, each wait twice the last). */
      webhookBackoffMs: z.number().int().min(0).max(600_000).default(2_000),
    })
    .optional(),
});

export type JobSpec = z.infer<typeof jobSchema> & { readonly name: string };
export type NotifyConfig = NonNullable<z.infer<typeof scheduleSchema>["notify"]>;
export type Schedule = Omit<z.infer<typeof scheduleSchema>, "jobs"> & {
  readonly jobs: ReadonlyArray<JobSpec>;
  /** The file it was read from. */
  readonly file: string;
};

export class ScheduleError extends Error {
  override name = "ScheduleError";
}

const PATH_FIELDS = ["list", "store", "dir", "file", "tsaCa"] as const;

/** Parses a schedule, naming the file, the field and what is wrong; paths resolved against `base`. */
export function parseSchedule(value: unknown, file: string): Schedule {
  const result = scheduleSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
    throw new ScheduleError(`${file}: not a valid schedule:\n  ${lines.join("\n  ")}`);
  }
  const base = dirname(resolve(file));
  const jobs = result.data.jobs.map((job) => {
    const out: Record<string, unknown> = { ...job, name: job.name ?? job.kind };
    for (const field of PATH_FIELDS) {
      if (typeof out[field] === "string") out[field] = resolve(base, out[field] as string);
    }
    return out as JobSpec;
  });
  const seen = new Set<string>();
  for (const [i, job] of jobs.entries()) {
    if (seen.has(job.name)) {
      throw new ScheduleError(`${file}: jobs.${i}.name: '${job.name}' is used twice (give each job its own name)`);
    }
    seen.add(job.name);
  }
  return { ...result.data, jobs, file: resolve(file) };
}

export function readSchedule(file: string): Schedule {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ScheduleError(`cannot read the schedule ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScheduleError(`${file}: not JSON: ${(error as Error).message}`);
  }
  return parseSchedule(value, file);
}

/** When a job next runs after `from` (null if never). */
export function nextRun(job: JobSpec, timezone: string | undefined, from = new Date()): Date | null {
  const c = new Cron(job.cron, { paused: true, ...(timezone ? { timezone } : {}) });
  const next = c.nextRun(from);
  c.stop();
  return next;
}
