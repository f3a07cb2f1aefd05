import { resolve } from "node:path";
import { formatIssue } from "../core/index.ts";
import { type DatabaseTarget, type LedgerDb, openDatabase } from "../store/index.ts";
import { readDataPackage, SHIPPED_DATA_DIR } from "./data-package.ts";
import { importInputs } from "./import.ts";

/**
 * Where the data lives: `--db FILE` (SQLite), else $DATABASE_URL (postgres://…), else $LIUZHI_DB,
 * else var/liuzhi.sqlite in the working directory.
 */
export function resolveTarget(dbOption: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (dbOption !== undefined) return { kind: "sqlite", file: resolve(dbOption) };
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got '${url.split(":")[0]}:…'`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "sqlite", file: resolve(env.LIUZHI_DB ?? "var/liuzhi.sqlite") };
}

/** A target as people read it (the password of a URL left out). */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "sqlite") return target.file;
  const url = new URL(target.url);
  url.password = url.password ? "***" : "";
  return url.toString();
}

/** Fills a new ledger from the shipped data package, audited; a broken shipped package is a bug, so it throws. */
async function fillFromShippedData(db: LedgerDb): Promise<void> {
  const read = readDataPackage(`${SHIPPED_DATA_DIR}datapackage.json`);
  const result = await importInputs(db, read.inputs, read.issues, {
    dryRun: false,
    actor: "system",
    reason: "shipped data package (data/)",
  });
  if (result.issues.length > 0) {
    throw new Error(
      `the shipped data package is invalid:\n${result.issues.map((i) => formatIssue(i, i.file)).join("\n")}`,
    );
  }
}

/**
 * Opens the database; a new one is created and filled from the shipped data package, or left
 * empty with `empty: true`.
 */
export async function openLedger(target: DatabaseTarget, options: { empty?: boolean } = {}) {
  return openDatabase(target, options.empty ? async () => {} : fillFromShippedData);
}
