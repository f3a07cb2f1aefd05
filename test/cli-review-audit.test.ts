/**
 * Review and audit from the command line, as processes: approving needs the reviewer's own
 * password, and `audit verify` names a figure changed behind the log's back.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { formatCsv, observations } from "../src/core/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { proposeChange } from "../src/review/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, observationsIn, removeDir } from "./helpers.ts";
import { observationRow } from "./support/rows.ts";

let dir: string;
let db: string;
let changeId: string;

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "team.sqlite");
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  await createUser(handle, { name: "ed", role: "editor", password: "ed's long password", actor: "test" });
  await createUser(handle, { name: "rosa", role: "reviewer", password: "rosa's long password", actor: "test" });
  const change = await proposeChange(handle, {
    author: "ed",
    table: "observations",
    action: "create",
    row: {
      id: "cli-review-gx-2025",
      measure: "liuzhi_placements",
      jurisdiction: "CN-GX",
      period_start: "2025-01-01",
      period_end: "2025-03-31",
      period_label: "Jan - Mar 2025",
      value: 88,
      qualifier: "exact",
      unit: "people",
      scope: "all",
      derivation: "published",
      source_id: "sd-2024-12-12",
    },
    reason: "provincial report",
  });
  changeId = change.id;
  await handle.destroy();
}, E2E_TIMEOUT);
afterAll(() => removeDir(dir));

const run = (args: string[], password?: string) =>
  liuzhi([...args, "--db", db], { cwd: dir, env: cliEnv(password ? { LIUZHI_PASSWORD: password } : {}) });

describe("several processes writing at once", () => {
  it(
    "all succeed, one after another, and the audit chain stays whole",
    async () => {
      // Imports large enough that their transactions overlap in time.
      const files = [0, 1, 2, 3].map((i) => {
        const file = join(dir, `concurrent-${i}.csv`);
        const rows = Array.from({ length: 1500 }, (_, k) => observationRow(`concurrent-${i}-${k}`));
        writeFileSync(file, formatCsv(observations.columns, rows));
        return file;
      });
      const results = await Promise.all(files.map((file) => run(["import", file])));
      expect(results.map((r) => [r.status, r.stderr])).toEqual(files.map(() => [0, ""]));
      const ids = (await observationsIn(db, dir)).map((o) => o.id);
      for (let i = 0; i < 4; i++) expect(ids).toContain(`concurrent-${i}-1499`);
      expect((await run(["audit", "verify"])).status).toBe(0);
    },
    E2E_TIMEOUT,
  );
});

describe("liuzhi review and audit", () => {
  it(
    "approves only with the named reviewer's password, and never as the author",
    async () => {
      const wrong = await run(["review", "approve", changeId, "--as", "rosa"], "ed's long password");
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/wrong account name or password for 'rosa'/);
      const author = await run(["review", "approve", changeId, "--as", "ed"], "ed's long password");
      expect(author.status).toBe(1);
      expect(author.stderr).toMatch(/needs an active reviewer account/);
      expect((await observationsIn(db, dir)).some((o) => o.id === "cli-review-gx-2025")).toBe(false);
      const ok = await run(["review", "approve", changeId, "--as", "rosa"], "rosa's long password");
      expect(ok.status).toBe(0);
      expect((await observationsIn(db, dir)).find((o) => o.id === "cli-review-gx-2025")?.value).toBe(88);
    },
    E2E_TIMEOUT,
  );

  it(
    "audit verify proves the record intact, then names a figure changed directly in the file",
    async () => {
      const intact = await run(["audit", "verify"]);
      expect(intact.status).toBe(0);
      expect(intact.stdout).toMatch(/every ledger row matches it/);
      const raw = new SQLite(db);
      raw.prepare("update observations set value = 2600 where id = 'appx1-28-cn'").run();
      raw.close();
      const broken = await run(["audit", "verify"]);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/observations appx1-28-cn differs from its last recorded version/);
    },
    E2E_TIMEOUT,
  );
});
