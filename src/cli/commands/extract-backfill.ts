import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readLedger } from "../../ledger/index.ts";
import { runBackfill } from "../../monitor/index.ts";
import { captureStoreDir } from "../capture-store.ts";
import { type CommandIo, type ParsedArgs, UsageError } from "../command.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";
import { printReport } from "./watch.ts";

/** The release files a backfill reads: a folder's (and its subfolders') .html/.htm/.txt, or a glob's matches. */
const RELEASE_FILE = /\.(?:x?html?|txt)$/i;

/** True when `input` names a folder or a glob (*, ?) rather than one file or an address. */
export function isBatch(input: string): boolean {
  if (/^https?:\/\//i.test(input)) return false;
  if (/[*?]/.test(basename(input))) return true;
  return existsSync(input) && statSync(input).isDirectory();
}

function walk(dir: string, out: string[], depth: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 8) walk(path, out, depth + 1);
    else if (entry.isFile() && RELEASE_FILE.test(entry.name)) out.push(path);
  }
}

/** The files of a folder or a glob on file names (`saved/2024-*.html`); a glob's folder part is literal. */
export function batchFiles(input: string): string[] {
  const name = basename(input);
  if (!/[*?]/.test(name)) {
    const out: string[] = [];
    walk(input, out, 0);
    return out;
  }
  const dir = dirname(input);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`cannot read the folder '${dir}' of '${input}'`);
  const escaped = name
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  const pattern = new RegExp(`^${escaped}$`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** `liuzhi extract DIR|GLOB`: files the drafts of a folder of saved releases, as `liuzhi watch` would. */
export async function backfill(
  args: ParsedArgs,
  io: CommandIo,
  input: string,
  format: "table" | "json",
  jurisdiction: string | undefined,
): Promise<number> {
  if (args.values.published !== undefined)
    throw new UsageError("--published applies to one page: a folder's pages each give their own date");
  const files = batchFiles(input);
  if (files.length === 0) throw new UsageError(`no .html, .htm or .txt file in '${input}'`);
  const store = captureStoreDir(args, io);
  const report = await withLedger(args, io, async (db) => {
    const ledger = await readLedger(db);
    if (jurisdiction !== undefined && !ledger.jurisdictions.some((j) => j.code === jurisdiction))
      throw new UsageError(`invalid --jurisdiction '${jurisdiction}': not in this ledger's jurisdictions`);
    return runBackfill(db, files, ledger.jurisdictions, {
      store,
      now: new Date(),
      software: `liuzhi-monitor/${VERSION}`,
      jurisdiction,
      onProgress: (line) => io.err(`${line}\n`),
    });
  });
  printReport(report, format, io);
  const conflicts = report.filed.filter((f) => f.conflict).length;
  io.err(
    `Read ${files.length} saved file(s); filed ${report.filed.length} draft(s) for review (${conflicts} conflict(s)); ${report.skipped.length} figure(s) already in the ledger or proposed; ${report.failed.length} failure(s).\n`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
