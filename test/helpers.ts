/** Shared helpers of the end-to-end tests: run the real CLI as a process, scratch folders, the shipped data. */
import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeUtf8, parseCsv } from "../src/core/index.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = join(ROOT, "bin", "liuzhi.js");
export const DATA_DIR = join(ROOT, "data");

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment the CLI runs in: the test's own, without a developer's choice of database. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["LIUZHI_DB", "DATABASE_URL"]) if (!(name in extra)) delete env[name];
  return env;
}

/**
 * Runs `node bin/liuzhi.js ARGS` as a process and resolves with its exit status and output (never
 * rejects on a non-zero exit). The working directory is `cwd`, a scratch folder by default, so a
 * command that fell back to the default var/ database would never touch the repository's.
 */
export function liuzhi(
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: options.env ?? cliEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh scratch folder under the OS temp dir; remove it with `removeDir`. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), "liuzhi-test-"));
}

/** A scratch folder with a SQLite ledger made by `liuzhi init` from the shipped data (the CLI as a process). */
export async function initLedgerDir(): Promise<{ dir: string; db: string }> {
  const dir = makeTempDir();
  const db = join(dir, "ledger.sqlite");
  const init = await liuzhi(["init", "--db", db], { cwd: dir });
  if (init.status !== 0) throw new Error(`liuzhi init failed: ${init.stderr}`);
  return { dir, db };
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** One CSV file of the shipped data package, parsed (header and rows of text). */
export function readShippedCsv(file: string) {
  return parseCsv(decodeUtf8(readFileSync(join(DATA_DIR, file))));
}

/** The observations as `liuzhi observations --format json` prints them. */
export interface ObservationJson {
  readonly id: string;
  readonly measure: string;
  readonly jurisdiction: string;
  readonly value: number;
  readonly source_id: string;
  readonly source: { readonly id: string; readonly title: string | null; readonly url: string | null } | null;
  readonly [column: string]: unknown;
}

/** Every observation in the ledger at `db`, read through the CLI. */
export async function observationsIn(db: string, cwd: string): Promise<ObservationJson[]> {
  const result = await liuzhi(["observations", "--format", "json", "--db", db], { cwd });
  if (result.status !== 0) throw new Error(`observations failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ObservationJson[];
}

/** Timeout for a test that spawns the CLI several times: generous, since a loaded CI machine runs test files side by side. */
export const E2E_TIMEOUT = 120_000;

/**
 * Resolves with the address `liuzhi serve` prints once it listens (rejects if it exits first or
 * prints none in time); `log` receives everything it writes, for messages on failure.
 */
export function serverAddress(
  child: ChildProcess,
  timeoutMs = 120_000,
  log: (text: string) => void = () => {},
): Promise<string> {
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output += text;
    log(text);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no address printed within ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      collect(chunk);
      const match = /serving on (http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr?.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${output}`));
    });
  });
}
