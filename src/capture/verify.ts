import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { indexFiles, readIndex } from "./store.ts";
import { checkWarcDigests, parseWarc, sha256Hex } from "./warc.ts";

export interface VerifyProblem {
  /** Path relative to the store. */
  readonly file: string;
  readonly problem: string;
}

export interface VerifyReport {
  readonly captures: number;
  readonly files: number;
  readonly problems: ReadonlyArray<VerifyProblem>;
}

function hashFile(store: string, file: string): string | null {
  const path = join(store, file);
  return existsSync(path) ? sha256Hex(readFileSync(path)) : null;
}

/**
 * Re-hashes every stored file against the hash recorded when it was captured (and, for WARC files,
 * the hash in their own name), and parses every WARC to check its record digests.
 */
export function verifyStore(store: string): VerifyReport {
  const problems: VerifyProblem[] = [];
  let files = 0;
  let captures = 0;
  const referenced = new Set<string>();
  for (const indexFile of indexFiles(store)) {
    files++;
    let index: ReturnType<typeof readIndex>;
    try {
      index = readIndex(store, indexFile);
    } catch (error) {
      problems.push({ file: indexFile, problem: `unreadable index: ${(error as Error).message}` });
      continue;
    }
    captures++;
    const recorded = [[index.warc.file, index.warc.sha256] as const];
    if (index.text) recorded.push([index.text.file, index.text.sha256] as const);
    for (const [file, sha256] of recorded) {
      referenced.add(file);
      files++;
      const actual = hashFile(store, file);
      if (actual === null) problems.push({ file, problem: `missing (recorded in ${indexFile})` });
      else if (actual !== sha256) {
        problems.push({ file, problem: `SHA-256 ${actual} does not match ${sha256} recorded in ${indexFile}` });
      }
    }
  }
  const warcDir = join(store, "warc");
  const warcs = existsSync(warcDir) ? readdirSync(warcDir).filter((f) => f.endsWith(".warc")) : [];
  for (const name of warcs.sort()) {
    const file = `warc/${name}`;
    if (!referenced.has(file)) files++;
    const bytes = readFileSync(join(warcDir, name));
    const actual = sha256Hex(bytes);
    // Also for referenced files: an index edited to match a tampered file still disagrees with the name.
    if (actual !== name.slice(0, -".warc".length) && !problems.some((p) => p.file === file)) {
      problems.push({ file, problem: `SHA-256 ${actual} does not match its name` });
    }
    try {
      for (const problem of checkWarcDigests(parseWarc(bytes))) problems.push({ file, problem });
    } catch (error) {
      problems.push({ file, problem: `not a valid WARC: ${(error as Error).message}` });
    }
  }
  return { captures, files, problems };
}
