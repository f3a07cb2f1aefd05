import { resolve } from "node:path";
import { defaultPolicy, HostGate } from "../../capture/index.ts";
import { readLedger, SHIPPED_DATA_DIR } from "../../ledger/index.ts";
import { readWatchList, runWatch, type WatchReport } from "../../monitor/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, type CommandIo, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";
import { privateAddressOption, privateAddressPolicy } from "./monitor-options.ts";

const FORMATS = ["table", "json"] as const;

export function printReport(report: WatchReport, format: "table" | "json", io: CommandIo): void {
  if (format === "json") {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (report.visits.length > 0) {
    io.out(
      formatTextTable(
        ["watch", "page", "outcome", "detail"],
        report.visits.map((v) => [v.watch_id, v.url, v.outcome, v.detail]),
      ),
    );
  } else {
    io.out("No page visited.\n");
  }
  // Each failure with its reason: the summary's count alone says nothing a user can act on.
  if (report.failed.length > 0) {
    io.out(`\nFailures (${report.failed.length}):\n`);
    for (const f of report.failed) io.out(`  ${f.url}\n    ${f.error.replaceAll("\n", "\n    ")}\n`);
  }
  if (report.filed.length > 0) {
    io.out("\nDrafts filed for review:\n");
    io.out(
      formatTextTable(
        ["change", "action", "id", "printed", "value", "confidence", "conflict"],
        report.filed.map((f) => [
          f.change_id,
          `${f.action} ${f.table === "sources" ? "source" : "observation"}`,
          f.id,
          f.printed,
          f.value === null ? null : String(f.value),
          f.confidence === null ? null : String(f.confidence),
          f.conflict ? `CONFLICT with ${f.conflict.with} ${f.conflict.id} (${f.conflict.value})` : null,
        ]),
      ),
    );
  }
}

export const watchCommand: Command = {
  name: "watch",
  summary: "Visit the watch list and file the figures of new or changed official releases as drafts for review",
  description:
    "Reads data/watch-list.csv (or --list FILE), visits each entry that is due (every_days since its last capture; --all for every entry now) through the capture machinery (polite, WARC, SHA-256, GBK/GB2312), follows a listing page's links to release pages on the same site, and for each page new or changed since its last capture files a draft observation for each figure it can read, with the sentence, its locator, the capture's hash and date and a confidence with its reason. A new page is filed as a draft source too. Nothing is published: a reviewer approves, corrects or rejects each draft (liuzhi review, or /edit). A figure the ledger already holds is not filed; one that differs from the ledger's for the same cell is filed as a correction flagged CONFLICT; nothing is filed twice.",
  options: {
    ...dbOption,
    list: { type: "string", valueName: "FILE", help: "the watch list (default data/watch-list.csv)" },
    ...storeOption,
    all: { type: "boolean", help: "visit every entry now, whatever its schedule" },
    ...formatSpec(FORMATS, "table"),
    delay: { type: "string", valueName: "MS", help: "pause between two requests to the same host (default 1000)" },
    timeout: { type: "string", valueName: "MS", help: "time-out per request in milliseconds (default 30000)" },
    ...privateAddressOption,
  },
  examples: ["liuzhi watch", "liuzhi watch --all --format json", "liuzhi review list --status draft"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const number = (name: string, fallback: number, min: number) => {
      const raw = args.values[name];
      if (raw === undefined) return fallback;
      if (typeof raw !== "string" || !/^\d+$/.test(raw) || Number(raw) < min)
        throw new UsageError(`invalid --${name} '${String(raw)}': expected a whole number of at least ${min}`);
      return Number(raw);
    };
    const delay = number("delay", 1_000, 0);
    const policy = privateAddressPolicy(
      defaultPolicy({
        timeoutMs: number("timeout", 30_000, 1),
        retries: 1,
        backoffMs: Math.max(250, delay),
        gate: new HostGate(delay),
        userAgent: `liuzhi-monitor/${VERSION} (watch)`,
      }),
      args,
    );
    const listPath = resolve((args.values.list as string | undefined) ?? `${SHIPPED_DATA_DIR}watch-list.csv`);
    const store = captureStoreDir(args, io);
    const report = await withLedger(args, io, async (db) => {
      const ledger = await readLedger(db);
      const { entries, problems } = readWatchList(listPath, new Set(ledger.jurisdictions.map((j) => j.code)));
      if (problems.length > 0) throw new UsageError(`the watch list is not valid:\n  ${problems.join("\n  ")}`);
      return runWatch(db, entries, ledger.jurisdictions, {
        store,
        policy,
        all: args.values.all === true,
        now: new Date(),
        software: `liuzhi-monitor/${VERSION}`,
        onProgress: (line) => io.err(`${line}\n`),
      });
    });
    printReport(report, format, io);
    const conflicts = report.filed.filter((f) => f.conflict).length;
    io.err(
      `Filed ${report.filed.length} draft(s) for review (${conflicts} conflict(s)); ${report.skipped.length} figure(s) already in the ledger or proposed; ${report.failed.length} failure(s).\n`,
    );
    return report.failed.length > 0 ? 1 : 0;
  },
};
