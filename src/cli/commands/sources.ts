import { existsSync } from "node:fs";
import {
  type CaptureRun,
  captureSources,
  checkSources,
  defaultPolicy,
  type FetchPolicy,
  formatBytes,
  HostGate,
  type SourceCheck,
  type VerifyReport,
  verifyStore,
} from "../../capture/index.ts";
import type { Ledger } from "../../core/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { proposeCapturedTitles, type TitleProposal } from "../../monitor/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import {
  type Command,
  type CommandIo,
  dbOption,
  formatOption,
  formatSpec,
  type ParsedArgs,
  UsageError,
} from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";

const FORMATS = ["table", "json"] as const;
const SUBCOMMANDS = ["capture", "check", "verify"] as const;
type Format = (typeof FORMATS)[number];

/** A whole-number option, checked: its name and what was wrong are in the error. */
function integerOption(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || Number(raw) < min) {
    throw new UsageError(`invalid --${name} '${String(raw)}': expected a whole number of at least ${min}`);
  }
  return Number(raw);
}

function policyFrom(args: ParsedArgs): FetchPolicy {
  const delay = integerOption(args, "delay", 1_000, 0);
  return defaultPolicy({
    timeoutMs: integerOption(args, "timeout", 30_000, 1),
    retries: integerOption(args, "retries", 2, 0),
    // Back-off starts at the politeness delay (at least 250 ms) and doubles: a busy server gets more room each time.
    backoffMs: Math.max(250, delay),
    gate: new HostGate(delay),
    userAgent: `liuzhi-monitor/${VERSION} (source preservation)`,
    allowPrivateAddresses: args.values["allow-private-addresses"] === true,
  });
}

/** The sources the --id options name (all when none); an unknown id is a usage error naming it. */
function selectSources(ledger: Ledger, args: ParsedArgs) {
  const ids = (args.values.id as string[] | undefined) ?? [];
  const unknown = ids.filter((id) => !ledger.sources.some((s) => s.id === id));
  if (unknown.length > 0) throw new UsageError(`unknown source id(s): ${unknown.join(", ")}`);
  return ids.length === 0 ? ledger.sources : ledger.sources.filter((s) => ids.includes(s.id));
}

const short = (sha: string | null | undefined) => (sha ? sha.slice(0, 16) : null);

function printCapture(
  run: CaptureRun,
  titles: ReadonlyArray<TitleProposal>,
  format: Format,
  store: string,
  io: CommandIo,
): number {
  const notOk = run.captured.filter((c) => c.status < 200 || c.status >= 300);
  if (format === "json") io.out(`${JSON.stringify({ store, ...run, titles }, null, 2)}\n`);
  else {
    const rows = [
      ...run.captured.map((c) => [
        c.source_id,
        `${c.status} ${c.status_text}`.trimEnd(),
        formatBytes(c.payload.bytes),
        short(c.warc.sha256),
        c.captured_at,
      ]),
      ...run.failed.map((f) => [f.source_id, `failed: ${f.error}`, null, null, null]),
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    io.out(formatTextTable(["source", "status", "size", "warc sha256", "captured at"], rows));
  }
  // Stored as fetched, but without a text extraction (a decompression bomb, a body that does not decode).
  const refused = run.captured.filter((c) => c.text_refused);
  for (const c of refused) io.err(`${c.source_id}: ${c.text_refused}\n`);
  for (const t of titles) {
    io.err(
      t.change_id !== null
        ? // Quoted as JSON: a page's title reaches the terminal with nothing it could execute.
          `${t.source_id}: its page's title proposed for review (change ${t.change_id}): ${JSON.stringify(t.title)}\n`
        : `${t.source_id}: its page's title was not proposed: ${t.refused}\n`,
    );
  }
  io.err(
    `Captured ${run.captured.length} source(s) into ${store}; ${run.failed.length} failed, ${notOk.length} answered with an error status, ${refused.length} without a text extraction, ${run.skipped.length} without a URL.\n`,
  );
  return run.failed.length + notOk.length + refused.length > 0 ? 1 : 0;
}

function printCheck(reports: ReadonlyArray<SourceCheck>, format: Format, io: CommandIo): number {
  const attention = reports.filter((r) => r.attention.length > 0);
  if (format === "json") io.out(`${JSON.stringify(reports, null, 2)}\n`);
  else {
    io.out(
      formatTextTable(
        ["source", "reachable", "changed", "figures found", "needs attention"],
        reports.map((r) => [
          r.source_id,
          r.url === null
            ? "no URL"
            : r.status !== null
              ? `${r.status} ${r.status_text}`.trimEnd()
              : (r.failure?.kind ?? "no"),
          r.changed === null ? "-" : r.changed ? "changed" : "same",
          r.figures === null ? "-" : `${r.figures.filter((f) => f.found).length}/${r.figures.length}`,
          r.attention.join("; "),
        ]),
      ),
    );
  }
  io.err(`Checked ${reports.length} source(s): ${attention.length} need attention.\n`);
  return attention.length > 0 ? 1 : 0;
}

function printVerify(report: VerifyReport, format: Format, store: string, io: CommandIo): number {
  if (format === "json") io.out(`${JSON.stringify({ store, ...report }, null, 2)}\n`);
  else if (report.problems.length > 0) {
    io.out(
      formatTextTable(
        ["file", "problem"],
        report.problems.map((p) => [p.file, p.problem]),
      ),
    );
  }
  io.err(
    report.problems.length === 0
      ? `Verified ${report.captures} capture(s), ${report.files} file(s) in ${store}: every hash matches.\n`
      : `Verified ${report.captures} capture(s) in ${store}: ${report.problems.length} problem(s).\n`,
  );
  return report.problems.length > 0 ? 1 : 0;
}

export const sourcesCommand: Command = {
  name: "sources",
  summary: "Preserve the cited pages: capture them as WARC evidence, check them, verify the store",
  positionals: "capture|check|verify",
  description:
    "capture fetches each source URL and stores the exact bytes, headers, redirect chain and time as a WARC/1.1 file named by its SHA-256, with a readable text extraction (GBK/GB2312 pages decoded); a capture never overwrites an earlier one. check visits each source and reports whether it answers, whether it changed since its last capture, and whether each observation's quote (or value) still appears; exit status 1 when any source needs attention. verify re-hashes every stored file and names any that no longer matches; exit status 1 if any.",
  options: {
    ...dbOption,
    id: {
      type: "string",
      multiple: true,
      valueName: "ID",
      help: "only this source (repeatable; default every source)",
    },
    ...formatSpec(FORMATS, "table"),
    ...storeOption,
    concurrency: { type: "string", valueName: "N", help: "requests in parallel (default 4)" },
    timeout: { type: "string", valueName: "MS", help: "time-out per request in milliseconds (default 30000)" },
    delay: { type: "string", valueName: "MS", help: "pause between two requests to the same host (default 1000)" },
    retries: { type: "string", valueName: "N", help: "retries after a network failure, time-out or 5xx (default 2)" },
    "allow-private-addresses": {
      type: "boolean",
      help: "also fetch loopback, private, link-local and unique-local addresses (refused by default, after DNS and on every redirect)",
    },
  },
  examples: [
    "liuzhi sources capture",
    "liuzhi sources capture --id ccdi-20190108-186564",
    "liuzhi sources check --format json > check.json",
    "liuzhi sources verify",
  ],
  async run(args, io) {
    const [sub, ...extra] = args.positionals;
    if (sub === undefined || !(SUBCOMMANDS as ReadonlyArray<string>).includes(sub)) {
      throw new UsageError(`expected a subcommand (${SUBCOMMANDS.join(", ")}), got ${sub ? `'${sub}'` : "none"}`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
    const format = formatOption(args, FORMATS, "table");
    const store = captureStoreDir(args, io);
    if (sub === "verify") {
      if (args.values.id !== undefined) throw new UsageError("verify checks the whole store; --id does not apply");
      if (!existsSync(store)) {
        io.err(`No capture store at ${store}: nothing to verify.\n`);
        return 0;
      }
      return printVerify(verifyStore(store), format, store, io);
    }
    const policy = policyFrom(args);
    const concurrency = integerOption(args, "concurrency", 4, 1);
    const ledger = await withLedger(args, io, readLedger);
    const sources = selectSources(ledger, args);
    const onProgress = (line: string) => io.err(`${line}\n`);
    if (sub === "capture") {
      const run = await captureSources(sources, {
        store,
        policy,
        concurrency,
        onProgress,
        software: `liuzhi-monitor/${VERSION}`,
      });
      // A page whose title the ledger lacks (or supplied) has its own title proposed for review.
      const titles = await withLedger(args, io, (db) => proposeCapturedTitles(db, store, run.captured));
      return printCapture(run, titles, format, store, io);
    }
    const reports = await checkSources(sources, ledger.observations, { store, policy, concurrency, onProgress });
    return printCheck(reports, format, io);
  },
};
