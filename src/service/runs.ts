import { randomUUID } from "node:crypto";
import type { JobRunRow, LedgerDb } from "../store/index.ts";

/** The outcomes a run can have; `running` until it ends. */
export type RunOutcome = "running" | "succeeded" | "failed";

/**
 * Takes the job's lease for `holder` until `until`, unless another holder has it and it has not
 * expired. The primary key on `job` makes this atomic across processes sharing the database.
 */
export async function acquireLease(db: LedgerDb, job: string, holder: string, until: Date, now: Date) {
  await db.deleteFrom("job_leases").where("job", "=", job).where("expires_at", "<", now.toISOString()).execute();
  await db
    .insertInto("job_leases")
    .values({ job, holder, expires_at: until.toISOString() })
    .onConflict((oc) => oc.column("job").doNothing())
    .execute();
  const row = await db.selectFrom("job_leases").select("holder").where("job", "=", job).executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(db: LedgerDb, job: string, holder: string): Promise<void> {
  await db.deleteFrom("job_leases").where("job", "=", job).where("holder", "=", holder).execute();
}

export async function startRun(
  db: LedgerDb,
  input: { job: string; attempt: number; host: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("job_runs")
    .values({
      id,
      job: input.job,
      attempt: input.attempt,
      started_at: input.now.toISOString(),
      finished_at: null,
      outcome: "running",
      summary: null,
      filed_json: null,
      host: input.host,
    })
    .execute();
  return id;
}

export async function finishRun(
  db: LedgerDb,
  id: string,
  input: { outcome: "succeeded" | "failed"; summary: string; filed: ReadonlyArray<string>; now: Date },
): Promise<void> {
  await db
    .updateTable("job_runs")
    .set({
      finished_at: input.now.toISOString(),
      outcome: input.outcome,
      summary: input.summary.slice(0, 4000),
      filed_json: input.filed.length ? JSON.stringify(input.filed) : null,
    })
    .where("id", "=", id)
    .execute();
}

export interface JobRun {
  readonly id: string;
  readonly job: string;
  readonly attempt: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly outcome: RunOutcome;
  readonly summary: string | null;
  readonly filed: ReadonlyArray<string>;
  readonly host: string;
}

const toRun = (row: JobRunRow): JobRun => ({
  id: row.id,
  job: row.job,
  attempt: Number(row.attempt),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  outcome: row.outcome as RunOutcome,
  summary: row.summary,
  filed: row.filed_json ? (JSON.parse(row.filed_json) as string[]) : [],
  host: row.host,
});

/** The latest runs, newest first (of one job, or of all). */
export async function recentRuns(db: LedgerDb, options: { job?: string; limit?: number } = {}): Promise<JobRun[]> {
  let query = db.selectFrom("job_runs").selectAll();
  if (options.job) query = query.where("job", "=", options.job);
  const rows = await query
    .orderBy("started_at", "desc")
    .orderBy("attempt", "desc")
    .limit(options.limit ?? 50)
    .execute();
  return rows.map(toRun);
}

/** Each job's latest finished run: what `/readyz` and the admin page judge a job by. */
export async function lastFinishedRuns(db: LedgerDb): Promise<Map<string, JobRun>> {
  const rows = await db
    .selectFrom("job_runs")
    .selectAll()
    .where("outcome", "!=", "running")
    .orderBy("finished_at", "desc")
    .limit(500)
    .execute();
  const last = new Map<string, JobRun>();
  for (const row of rows) if (!last.has(row.job)) last.set(row.job, toRun(row));
  return last;
}
