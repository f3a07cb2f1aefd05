import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { latestCapture } from "../capture/index.ts";
import { deadlineList, LOCKED_MESSAGE, loadCaseKey, readCases } from "../cases/index.ts";
import { readLedger, SHIPPED_DATA_DIR } from "../ledger/index.ts";
import type { JobAction, JobOutcome, JobSpec } from "../service/index.ts";
import type { DatabaseTarget, LedgerDb } from "../store/index.ts";
import type { CommandIo } from "./command.ts";

/** Runs `liuzhi ARGV` in this process and keeps what it printed. */
type RunCli = (argv: ReadonlyArray<string>, io: CommandIo) => Promise<number>;

interface Printed {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** The last lines a command printed to standard error: what a failed run's record says. */
const tail = (text: string, lines = 6) => text.trimEnd().split("\n").slice(-lines).join("\n");

const BACKUP_NAME = /^liuzhi-backup-\d{8}T\d{9}Z(?:-\d+)?\.json$/;

/**
 * What each kind of scheduled job does: the CLI's own command, run in this process against the
 * server's database (so a scheduled run is exactly what a person would type), its output kept.
 */
export function jobActions(options: {
  readonly db: LedgerDb;
  readonly target: DatabaseTarget;
  readonly env: NodeJS.ProcessEnv;
  readonly store: string;
  readonly run: RunCli;
}): JobAction {
  const cli = async (job: JobSpec, argv: ReadonlyArray<string>): Promise<Printed> => {
    let out = "";
    let err = "";
    const env: NodeJS.ProcessEnv = { ...options.env, LIUZHI_ACTOR: `service:${job.name}` };
    delete env.DATABASE_URL;
    delete env.LIUZHI_DB;
    if (options.target.kind === "postgres") env.DATABASE_URL = options.target.url;
    else env.LIUZHI_DB = options.target.file;
    const status = await options.run(argv, {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      env,
    });
    return { status, out, err };
  };

  const watch = async (job: Extract<JobSpec, { kind: "watch" }>): Promise<JobOutcome> => {
    const printed = await cli(job, [
      "watch",
      "--list",
      job.list ?? `${SHIPPED_DATA_DIR}watch-list.csv`,
      "--store",
      job.store ?? options.store,
      "--format",
      "json",
      ...(job.delayMs === undefined ? [] : ["--delay", String(job.delayMs)]),
      ...(job.allowPrivateAddresses ? ["--allow-private-addresses"] : []),
    ]);
    let report: { visits: Array<{ outcome: string }>; filed: Array<{ change_id: string }>; failed: unknown[] };
    try {
      report = JSON.parse(printed.out);
    } catch {
      return { ok: false, summary: tail(printed.err) || `liuzhi watch exited with ${printed.status}` };
    }
    const visited = report.visits.filter((v) => v.outcome !== "not-due").length;
    return {
      ok: printed.status === 0,
      summary: `${visited} page(s) visited, ${report.filed.length} draft(s) filed, ${report.failed.length} failure(s)${printed.status === 0 ? "" : `\n${tail(printed.err)}`}`,
      filed: report.filed.map((f) => f.change_id),
    };
  };

  const sourcesCheck = async (job: Extract<JobSpec, { kind: "sources-check" }>): Promise<JobOutcome> => {
    const store = job.store ?? options.store;
    const common = [
      "--store",
      store,
      "--format",
      "json",
      ...(job.allowPrivateAddresses ? ["--allow-private-addresses"] : []),
    ];
    // Sources approved since the last run, never captured: preserved first, then checked with the rest.
    const ledger = await readLedger(options.db);
    const fresh = ledger.sources.filter((s) => s.url && latestCapture(store, s.id) === null).map((s) => s.id);
    let captured = "";
    if (fresh.length > 0) {
      const capture = await cli(job, ["sources", "capture", ...fresh.flatMap((id) => ["--id", id]), ...common]);
      if (capture.status > 1) return { ok: false, summary: tail(capture.err) };
      const run = JSON.parse(capture.out) as {
        captured: unknown[];
        failed: Array<{ source_id: string; error: string }>;
      };
      captured = `${run.captured.length} new source(s) captured${run.failed.length ? ` (${run.failed.map((f) => `${f.source_id}: ${f.error}`).join("; ")})` : ""}; `;
    }
    const printed = await cli(job, ["sources", "check", ...common]);
    // Status 1 says some source needs a person's attention: the run itself worked.
    if (printed.status > 1) return { ok: false, summary: tail(printed.err) };
    const reports = JSON.parse(printed.out) as unknown[];
    return {
      ok: true,
      summary: `${captured}${reports.length} source(s) checked${printed.status === 1 ? `; some need attention:\n${tail(printed.err)}` : ""}`,
    };
  };

  const backup = async (job: Extract<JobSpec, { kind: "backup" }>): Promise<JobOutcome> => {
    mkdirSync(job.dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[-:.]/g, "");
    let name = `liuzhi-backup-${stamp}.json`;
    for (let n = 1; readdirSync(job.dir).includes(name); n += 1) name = `liuzhi-backup-${stamp}-${n}.json`;
    const file = join(job.dir, name);
    const partial = `${file}.partial`;
    const written = await cli(job, ["backup", "--out", partial]);
    if (written.status !== 0) {
      rmSync(partial, { force: true });
      return { ok: false, summary: tail(written.err) };
    }
    // Verified by restoring it into a scratch database: only a backup that restores is kept.
    const scratch = mkdtempSync(join(tmpdir(), "liuzhi-restore-check-"));
    try {
      const restored = await cli(job, ["restore", partial, "--db", join(scratch, "check.sqlite")]);
      if (restored.status !== 0) {
        rmSync(partial, { force: true });
        return { ok: false, summary: `the backup did not restore:\n${tail(restored.err || restored.out)}` };
      }
      renameSync(partial, file);
      const all = readdirSync(job.dir)
        .filter((f) => BACKUP_NAME.test(f))
        .sort();
      const removed = all.slice(0, Math.max(0, all.length - job.keep));
      for (const old of removed) rmSync(join(job.dir, old), { force: true });
      return {
        ok: true,
        summary: `${written.out.trim().replace(/\.partial:/, ":")}\nRestored into a scratch database: ${restored.out.trim().split("\n").at(-1)}\nKept ${all.length - removed.length}, removed ${removed.length}.`,
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  const auditHead = async (job: Extract<JobSpec, { kind: "audit-head" }>): Promise<JobOutcome> => {
    const printed = await cli(job, ["audit", "head"]);
    if (printed.status !== 0) return { ok: false, summary: tail(printed.err) };
    mkdirSync(dirname(job.file), { recursive: true });
    // Written aside and renamed: a mirror never reads half a file.
    writeFileSync(`${job.file}.partial`, printed.out);
    renameSync(`${job.file}.partial`, job.file);
    return { ok: true, summary: `Published to ${job.file}: ${printed.out.split("\n")[0]}` };
  };

  const auditTimestamp = async (job: Extract<JobSpec, { kind: "audit-timestamp" }>): Promise<JobOutcome> => {
    const printed = await cli(job, [
      "audit",
      "timestamp",
      "--tsa",
      job.tsa,
      ...(job.tsaCa ? ["--tsa-ca", job.tsaCa] : []),
    ]);
    return { ok: printed.status === 0, summary: tail(printed.status === 0 ? printed.out : printed.err) };
  };

  const caseDeadlines = async (job: Extract<JobSpec, { kind: "case-deadlines" }>): Promise<JobOutcome> => {
    const key = loadCaseKey(options.env);
    if (!key) return { ok: false, summary: LOCKED_MESSAGE };
    // Read as the service itself: every case read is in the audit log under this job's name.
    const cases = await readCases({ db: options.db, key, actor: `service:${job.name}` }, "scheduled deadline watch", {
      status: "open",
    });
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + job.withinDays * 86_400_000).toISOString().slice(0, 10);
    const list = deadlineList(cases, today);
    const beyondLimit = list.filter(
      (s) => s.flags.includes("beyond-legal-maximum") || s.flags.includes("term-passed-no-extension"),
    ).length;
    const urgentWindow = list.filter((s) => s.flags.includes("wgeid-urgent-window")).length;
    const termEndingSoon = list.filter(
      (s) => s.ended_on === null && s.term_ends !== null && s.term_ends >= today && s.term_ends <= soon,
    ).length;
    return {
      ok: true,
      summary: `${list.length} open case(s): ${beyondLimit} past a legal limit, ${urgentWindow} in the WGEID urgent window, ${termEndingSoon} with a term ending within ${job.withinDays} days`,
      deadlines: { beyondLimit, urgentWindow, termEndingSoon, withinDays: job.withinDays },
    };
  };

  return async (job) => {
    switch (job.kind) {
      case "case-deadlines":
        return caseDeadlines(job);
      case "watch":
        return watch(job);
      case "sources-check":
        return sourcesCheck(job);
      case "backup":
        return backup(job);
      case "audit-head":
        return auditHead(job);
      case "audit-timestamp":
        return auditTimestamp(job);
    }
  };
}
