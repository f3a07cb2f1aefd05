/**
 * Crash safety: a process killed with SIGKILL in the middle of an import leaves the database as
 * before the import or after it, never between, and the audit chain intact — on both dialects.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "../src/audit/index.ts";
import { formatCsv, observations } from "../src/core/index.ts";
import { openLedger, readLedger } from "../src/ledger/index.ts";
import type { DatabaseTarget } from "../src/store/index.ts";
import { BIN, cliEnv } from "./helpers.ts";
import { type Postgres, startPostgres } from "./support/postgres.ts";

// As many rows as an import accepts (the file stays under its 2 MiB cap), so the writes take seconds.
const ROWS = 15_000;
let dir: string;
let pgServer: Postgres;
let bigCsv: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "liuzhi-crash-"));
  pgServer = await startPostgres();
  bigCsv = join(dir, "observations.csv");
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: `crash-${String(i).padStart(6, "0")}`,
    measure: "liuzhi_placements",
    jurisdiction: "CN-YN",
    period_start: "2025-01-01",
    period_end: "2025-01-31",
    period_label: "Jan 2025",
    value: i,
    qualifier: "exact",
    unit: "people",
    scope: "all",
    derivation: "published",
    source_id: "sd-2024-12-12",
  }));
  writeFileSync(bigCsv, formatCsv(observations.columns, rows));
}, 600_000);
afterAll(() => {
  pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `liuzhi import` and kills it with SIGKILL after `ms`; resolves when it is gone. */
function importKilledAfter(env: NodeJS.ProcessEnv, args: string[], ms: number): Promise<number | null> {
  return new Promise((resolveExit) => {
    const child = spawn(process.execPath, [BIN, "import", bigCsv, ...args], { env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolveExit(code);
    });
  });
}

describe.each(["sqlite", "postgres"] as const)("SIGKILL during an import on %s", (dialect) => {
  it("leaves the ledger before or after the import, and the audit chain intact", async () => {
    const target: DatabaseTarget =
      dialect === "sqlite"
        ? { kind: "sqlite", file: join(dir, "crash.sqlite") }
        : { kind: "postgres", url: await pgServer.createDatabase("crash") };
    const { db } = await openLedger(target);
    const before = (await readLedger(db)).observations.length;
    await db.destroy();
    const env =
      dialect === "sqlite" ? cliEnv() : cliEnv({ DATABASE_URL: target.kind === "postgres" ? target.url : "" });
    const args = target.kind === "sqlite" ? ["--db", target.file] : [];
    const outcomes = new Set<string>();
    let killed = 0;
    // Spread over the import's second or few (start-up, validation, then the writes), then one unhurried run.
    for (const ms of [150, 300, 500, 700, 1000, 1500, 2000, 2800, 3400, 4000, 4600, 5200, 60_000]) {
      const exit = await importKilledAfter(env, args, ms);
      if (exit === null) killed += 1;
      const reopened = await openLedger(target);
      try {
        const count = (await readLedger(reopened.db)).observations.length;
        expect([before, before + ROWS]).toContain(count);
        expect((await verifyAuditLog(reopened.db)).ok).toBe(true);
        outcomes.add(count === before ? "before" : "after");
      } finally {
        await reopened.db.destroy();
      }
      if (exit === 0) break; // the import finished: later runs would only find duplicates
    }
    // Some runs really were killed, and the last, unhurried run completed.
    expect(killed).toBeGreaterThan(0);
    expect(outcomes).toEqual(new Set(["before", "after"]));
  }, 600_000);
});
