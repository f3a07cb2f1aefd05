/**
 * One text policy, end to end: what a person enters (a ledger field, a review reason, a case field)
 * is refused alike by the editing path, the import and the case register when it holds control,
 * reordering or invisible characters or runs past the length limit, with the field named; the CLI
 * shows whatever an older database already holds as visible escapes; and a NUL already in a stored
 * review reason no longer stops `liuzhi backup` → `liuzhi restore` into PostgreSQL.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { appendAudit } from "../src/audit/index.ts";
import { parseCase } from "../src/cases/index.ts";
import { formatCsv, observations, TEXT_LIMITS } from "../src/core/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { ChangeRefused, listChanges, proposeChange } from "../src/review/index.ts";
import { cliEnv, initLedgerDir, liuzhi, removeDir } from "./helpers.ts";
import { type Postgres, startPostgres } from "./support/postgres.ts";

const OBSERVATION = {
  id: "text-policy-1",
  measure: "liuzhi_placements",
  jurisdiction: "CN-GX",
  period_start: "2025-01-01",
  period_end: "2025-06-30",
  period_label: "Jan - June 2025",
  value: 321,
  qualifier: "exact",
  unit: "people",
  scope: "all",
  derivation: "published",
  source_id: "sd-2024-12-12",
};
/** What a hostile reason did to `review list`: clear the screen and print a reassuring line. */
const CLEAR_SCREEN = "\u001b[2J\u001b[HNo changes awaiting review.";

let dir: string;
let db: string;
let pgServer: Postgres | undefined;

beforeAll(async () => {
  ({ dir, db } = await initLedgerDir());
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  await createUser(handle, { name: "editor1", role: "editor", password: "editor password 1", actor: "test" });
  await createUser(handle, { name: "reviewer1", role: "reviewer", password: "reviewer password 1", actor: "test" });
  await handle.destroy();
}, 120_000);
afterAll(() => {
  pgServer?.stop();
  removeDir(dir);
});

async function withDb<T>(work: (handle: Awaited<ReturnType<typeof openLedger>>["db"]) => Promise<T>): Promise<T> {
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  try {
    return await work(handle);
  } finally {
    await handle.destroy();
  }
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null).catch((e: unknown) => e as ChangeRefused);

describe("the text policy where people enter text", () => {
  it("refuses a reason with ESC, a period label with U+200F, a note with BEL, naming each field; nothing is filed", async () => {
    await withDb(async (handle) => {
      const before = (await listChanges(handle)).length;
      const reason = await refusal(
        proposeChange(handle, {
          author: "editor1",
          table: "observations",
          action: "create",
          row: OBSERVATION,
          reason: CLEAR_SCREEN,
        }),
      );
      expect(reason).toBeInstanceOf(ChangeRefused);
      expect(reason?.issues).toMatchObject([
        { column: "reason", message: "contains an escape character (U+001B) at character 1: remove it" },
      ]);
      const label = await refusal(
        proposeChange(handle, {
          author: "editor1",
          table: "observations",
          action: "create",
          row: { ...OBSERVATION, period_label: "2020\u200f-\u200f2024", note: "ring\u0007" },
          reason: "a new figure",
        }),
      );
      expect(label?.issues).toMatchObject([
        {
          column: "period_label",
          message: expect.stringContaining("bidirectional control character (U+200F) at character 5"),
        },
        { column: "note", message: expect.stringContaining("control character (U+0007)") },
      ]);
      expect((await listChanges(handle)).length).toBe(before);
    });
  });

  it("holds the editor and the import to the same length: 150,000 characters refused by both, 20,000 taken by both", async () => {
    const long = "长".repeat(150_000);
    const editor = await withDb((handle) =>
      refusal(
        proposeChange(handle, {
          author: "editor1",
          table: "observations",
          action: "create",
          row: { ...OBSERVATION, note: long },
          reason: "a long note",
        }),
      ),
    );
    const limit = `is 150,000 characters long, more than the ${TEXT_LIMITS.multiline.toLocaleString("en")} it may hold`;
    expect(editor?.issues).toMatchObject([{ column: "note", message: limit }]);
    const file = join(dir, "observations.csv");
    writeFileSync(file, formatCsv(observations.columns, [{ ...OBSERVATION, note: long }]));
    const imported = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(/nothing was written/);
    // Past the text limit but within what the CSV reader holds, the import names the field as the editor does.
    writeFileSync(file, formatCsv(observations.columns, [{ ...OBSERVATION, note: "长".repeat(30_000) }]));
    const over = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(`column note: ${limit.replace("150,000", "30,000")}`);

    // At the limit, both take it, and what is exported imports again.
    const atLimit = "长".repeat(TEXT_LIMITS.multiline);
    writeFileSync(file, formatCsv(observations.columns, [{ ...OBSERVATION, note: atLimit }]));
    const taken = await liuzhi(["import", file, "--db", db], { cwd: dir });
    expect(taken.status, taken.stderr).toBe(0);
    const out = join(dir, "exported");
    const exported = await liuzhi(["export", "--format", "datapackage", "--out", out, "--db", db], { cwd: dir });
    expect(exported.status, exported.stderr).toBe(0);
    const again = join(dir, "again.sqlite");
    expect((await liuzhi(["init", "--empty", "--db", again], { cwd: dir })).status).toBe(0);
    const tables = ["sources", "jurisdictions", "observations", "assumptions"].map((t) => join(out, `${t}.csv`));
    expect(readdirSync(out)).toEqual(expect.arrayContaining(tables.map((t) => t.slice(out.length + 1))));
    const reimport = await liuzhi(["import", ...tables, "--db", again], { cwd: dir });
    expect(reimport.status, reimport.stderr).toBe(0);
  }, 120_000);

  it("refuses in a case field what it refuses in the ledger: NUL, U+202E, a formula, a 300,000-character narrative", () => {
    const base = {
      person: { name_pinyin: "Li Wei" },
      detention: { jurisdiction: "CN-YN" },
    };
    const problems = (input: unknown) => {
      const parsed = parseCase(input);
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, person: { name_pinyin: "Li\u0000Wei" } }).join("\n")).toMatch(
      /person\.name_pinyin.*NUL byte \(U\+0000\)/,
    );
    expect(problems({ ...base, person: { name_pinyin: "Li \u202eieW" } }).join("\n")).toMatch(
      /person\.name_pinyin.*\(U\+202E\)/,
    );
    expect(problems({ ...base, perpetrators: '=HYPERLINK("http://x")' }).join("\n")).toMatch(/perpetrators.*formula/);
    expect(problems({ ...base, narrative: "x".repeat(300_000) }).join("\n")).toMatch(
      /narrative.*300,000 characters long, more than the 20,000/,
    );
    // A narrative keeps its paragraphs; a name may not hold a line break.
    expect(problems({ ...base, narrative: "First.\n\nSecond." })).toEqual([]);
    expect(problems({ ...base, person: { name_pinyin: "Li\nWei" } }).join("\n")).toMatch(/line break/);
  });
});

describe("what an older database already holds", () => {
  let changeId: string;
  const storedReason = `${CLEAR_SCREEN} (kept\u0000from an older version)`;

  beforeAll(async () => {
    // An older version took this rejection reason as typed: written here the way rejectChange wrote it.
    await withDb(async (handle) => {
      const change = await proposeChange(handle, {
        author: "editor1",
        table: "observations",
        action: "create",
        row: { ...OBSERVATION, id: "text-policy-2", value: 32_100 },
        reason: "100× the published figure",
      });
      changeId = change.id;
      await handle.transaction().execute(async (trx) => {
        await trx
          .updateTable("changes")
          .set({
            status: "rejected",
            reviewer: "reviewer1",
            reviewed_at: new Date().toISOString(),
            review_reason: storedReason,
          })
          .where("id", "=", change.id)
          .execute();
        await appendAudit(trx, [
          {
            actor: "reviewer1",
            action: "reject",
            entity: "observations",
            entityId: change.targetId,
            after: { change: change.id },
            reason: storedReason,
          },
          // The change's own entry, as rejectChange now records it beside the row's.
          {
            actor: "reviewer1",
            action: "reject",
            entity: "changes",
            entityId: change.id,
            after: { status: "rejected", reviewer: "reviewer1" },
            reason: storedReason,
          },
        ]);
      });
      // And a pending change whose reason an older version also took raw.
      const pending = await proposeChange(handle, {
        author: "editor1",
        table: "observations",
        action: "create",
        row: { ...OBSERVATION, id: "text-policy-3", value: 32_100 },
        reason: "pending",
      });
      await handle.updateTable("changes").set({ reason: CLEAR_SCREEN }).where("id", "=", pending.id).execute();
    });
  });

  it("is printed by review list with every control character as a visible escape, one line per change", async () => {
    const listed = await liuzhi(["review", "list", "--db", db], { cwd: dir });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout.includes("\u001b")).toBe(false);
    expect(listed.stdout).toContain("\\u{1b}[2J\\u{1b}[HNo changes awaiting review.");
    const rows = listed.stdout.trimEnd().split("\n").slice(2);
    expect(rows).toHaveLength((await withDb((h) => listChanges(h))).length);
  });

  it("backs up and restores into PostgreSQL with the NUL of a stored reason kept, the audit chain intact", async () => {
    pgServer = await startPostgres();
    const url = await pgServer.createDatabase("textpolicy");
    const file = join(dir, "backup.json");
    const backup = await liuzhi(["backup", "--out", file, "--db", db], { cwd: dir });
    expect(backup.status, backup.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("\\u0000from an older version");
    const restored = await liuzhi(["restore", file], { cwd: dir, env: cliEnv({ DATABASE_URL: url }) });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Audit log intact/);
    const verified = await liuzhi(["audit", "verify"], { cwd: dir, env: cliEnv({ DATABASE_URL: url }) });
    expect(verified.status, verified.stderr).toBe(0);
    // Read back from PostgreSQL exactly as stored in SQLite.
    const { db: pg } = await openLedger({ kind: "postgres", url });
    try {
      const change = (await listChanges(pg)).find((c) => c.id === changeId);
      expect(change?.reviewReason).toBe(storedReason);
    } finally {
      await pg.destroy();
    }
  }, 600_000);
});
