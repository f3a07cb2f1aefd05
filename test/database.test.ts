/**
 * The database suite, run against each dialect: the embedded SQLite file and a real PostgreSQL
 * server started for the run. Same migrations, same behaviour.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, THROTTLE } from "../src/accounts/index.ts";
import { checkLedgerAgainstLog, historyOf, readAuditHead, readAuditLog, verifyAuditLog } from "../src/audit/index.ts";
import { formatCsv, observations } from "../src/core/index.ts";
import { importIntoLedger, openLedger, readLedger, restoreBackup } from "../src/ledger/index.ts";
import { approveChange, ChangeRefused, proposeChange, rejectChange } from "../src/review/index.ts";
import { type DatabaseTarget, dumpDatabase, type LedgerDb, migrateToLatest } from "../src/store/index.ts";
import { readShippedCsv } from "./helpers.ts";
import { type Postgres, startPostgres } from "./support/postgres.ts";

let pgServer: Postgres;
let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "liuzhi-db-"));
  pgServer = await startPostgres();
}, 600_000);
afterAll(() => {
  pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const dialects = ["sqlite", "postgres"] as const;
type Dialect = (typeof dialects)[number];

async function newTarget(dialect: Dialect): Promise<DatabaseTarget> {
  counter += 1;
  return dialect === "sqlite"
    ? { kind: "sqlite", file: join(dir, `t${counter}.sqlite`) }
    : { kind: "postgres", url: await pgServer.createDatabase(`t${counter}`) };
}

const OBSERVATION = {
  id: "test-gx-2025",
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

describe.each(dialects)("database on %s", (dialect) => {
  let db: LedgerDb;
  beforeAll(async () => {
    ({ db } = await openLedger(await newTarget(dialect)));
    await createUser(db, { name: "editor1", role: "editor", password: "editor password 1", actor: "test" });
    await createUser(db, { name: "reviewer1", role: "reviewer", password: "reviewer password 1", actor: "test" });
    await createUser(db, { name: "viewer1", role: "viewer", password: "viewer password 1", actor: "test" });
  }, 120_000);
  afterAll(async () => db?.destroy());

  it("is filled from the shipped data package, every row audited", async () => {
    const ledger = await readLedger(db);
    expect(ledger.observations).toHaveLength(readShippedCsv("observations.csv").rows.length);
    expect(ledger.sources).toHaveLength(readShippedCsv("sources.csv").rows.length);
    expect(ledger.observations.find((o) => o.id === "appx1-22-cn-yn")?.value).toBe(6657);
    const verdict = await verifyAuditLog(db);
    expect(verdict.ok).toBe(true);
    const history = await historyOf(db, "observations", "appx1-28-cn");
    expect(history.map((h) => h.action)).toEqual(["import"]);
  });

  it("migrating again changes nothing", async () => {
    expect(await migrateToLatest(db as never)).toEqual([]);
  });

  it("an import with one bad row writes nothing, not even an audit entry", async () => {
    const before = await readAuditHead(db);
    const file = join(dir, `bad-${dialect}.csv`);
    writeFileSync(
      file,
      formatCsv(observations.columns, [OBSERVATION, { ...OBSERVATION, id: "second", value: "12.5" }]),
    );
    const result = await importIntoLedger(db, [file], { dryRun: false });
    expect(result.written).toBe(false);
    expect(result.issues[0]).toMatchObject({ row: 2, column: "value" });
    expect((await readLedger(db)).observations.some((o) => o.id === OBSERVATION.id)).toBe(false);
    expect(await readAuditHead(db)).toEqual(before);
  });

  it("refuses NUL and bidirectional controls with row and column, from an import and from a backup", async () => {
    const before = await readAuditHead(db);
    const file = join(dir, `nul-${dialect}.csv`);
    const rows = [
      { ...OBSERVATION, id: "nul-1" },
      { ...OBSERVATION, id: "nul-2", note: "before\u0000after" },
      { ...OBSERVATION, id: "nul-3", period_label: "2025\u202E" },
    ];
    writeFileSync(file, formatCsv(observations.columns, rows));
    const result = await importIntoLedger(db, [file], { dryRun: false });
    expect(result.written).toBe(false);
    expect(result.issues).toMatchObject([
      { row: 2, column: "note", message: expect.stringContaining("NUL byte (U+0000)") },
      { row: 3, column: "period_label", message: expect.stringContaining("bidirectional control character (U+202E)") },
    ]);
    expect(await readAuditHead(db)).toEqual(before);
    // The editing forms validate through the same schema: a proposal is refused alike, by row and column.
    const proposal = await proposeChange(db, {
      author: "editor1",
      table: "observations",
      action: "create",
      row: { ...OBSERVATION, id: "nul-4", quote_en: "\u2066=HYPERLINK(1)" },
      reason: "x",
    }).catch((e: unknown) => e as ChangeRefused);
    expect(proposal).toBeInstanceOf(ChangeRefused);
    expect((proposal as ChangeRefused).issues).toMatchObject([
      { column: "quote_en", message: expect.stringContaining("(U+2066)") },
    ]);
    const formula = await proposeChange(db, {
      author: "editor1",
      table: "observations",
      action: "create",
      row: { ...OBSERVATION, id: "nul-5", note: "=HYPERLINK(1)" },
      reason: "x",
    }).catch((e: unknown) => e as ChangeRefused);
    expect((formula as ChangeRefused).issues).toMatchObject([
      { column: "note", message: expect.stringContaining("formula") },
    ]);
    expect(await readAuditHead(db)).toEqual(before);
    // A backup holding such a value (written by a SQLite that took it) is refused before anything is loaded.
    const backup = JSON.parse(JSON.stringify(await dumpDatabase(db)));
    backup.tables.sources[0].note = "x\u0000y";
    const other = await openLedger(await newTarget(dialect), { empty: true });
    try {
      await expect(restoreBackup(other.db, backup, { actor: "test", fileSha256: "f".repeat(64) })).rejects.toThrow(
        /row 1, column note: contains a NUL byte/,
      );
      expect(await readAuditLog(other.db)).toEqual([]);
    } finally {
      await other.db.destroy();
    }
  });

  it("keeps a proposed change a draft until another person reviews it", async () => {
    const change = await proposeChange(db, {
      author: "editor1",
      table: "observations",
      action: "create",
      row: OBSERVATION,
      reason: "Guangxi CDI report of July 2025",
    });
    expect(change.status).toBe("draft");
    expect((await readLedger(db)).observations.some((o) => o.id === OBSERVATION.id)).toBe(false);
    await expect(approveChange(db, { changeId: change.id, reviewer: "editor1" })).rejects.toThrow(ChangeRefused);
    await expect(rejectChange(db, { changeId: change.id, reviewer: "reviewer1", reason: " " })).rejects.toThrow(
      /needs a reason/,
    );
    await approveChange(db, { changeId: change.id, reviewer: "reviewer1" });
    const approved = (await readLedger(db)).observations.find((o) => o.id === OBSERVATION.id);
    expect(approved?.value).toBe(321);
    const history = await historyOf(db, "observations", OBSERVATION.id);
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ["propose", "editor1"],
      ["approve", "reviewer1"],
    ]);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it("validates a proposal as the import does, and checks roles", async () => {
    const bad = { ...OBSERVATION, id: "bad-one", period_end: "2024-01-01", jurisdiction: "CN-XX" };
    const refused = await proposeChange(db, {
      author: "editor1",
      table: "observations",
      action: "create",
      row: bad,
      reason: "x",
    }).catch((e: unknown) => e as ChangeRefused);
    expect(refused).toBeInstanceOf(ChangeRefused);
    expect((refused as ChangeRefused).issues.map((i) => i.column).sort()).toEqual(["period_end"]);
    const unknownJurisdiction = { ...OBSERVATION, id: "bad-two", jurisdiction: "CN-XX" };
    await expect(
      proposeChange(db, {
        author: "editor1",
        table: "observations",
        action: "create",
        row: unknownJurisdiction,
        reason: "x",
      }),
    ).rejects.toThrow(/unknown jurisdiction 'CN-XX'/);
    await expect(
      proposeChange(db, { author: "viewer1", table: "observations", action: "create", row: OBSERVATION, reason: "x" }),
    ).rejects.toThrow(/needs an active editor account/);
    await expect(
      proposeChange(db, {
        author: "editor1",
        table: "observations",
        action: "update",
        row: { ...OBSERVATION, value: 322 },
        reason: "",
      }),
    ).rejects.toThrow(/reason is required/);
  });

  it("refuses to update or delete audit entries at the database itself", async () => {
    await expect(sql`update audit_log set actor = 'mallory' where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("backs up and restores into the other dialect, audit chain intact", async () => {
    const backup = await dumpDatabase(db);
    const other = await openLedger(await newTarget(dialect === "sqlite" ? "postgres" : "sqlite"), { empty: true });
    try {
      await restoreBackup(other.db, JSON.parse(JSON.stringify(backup)), { actor: "test", fileSha256: "f".repeat(64) });
      expect(await readLedger(other.db)).toEqual(await readLedger(db));
      const verdict = await verifyAuditLog(other.db);
      expect(verdict.ok).toBe(true);
      // The restore is itself on the record, right after the backup's own head.
      const log = await readAuditLog(other.db);
      expect(log.at(-1)).toMatchObject({
        seq: backup.auditHead.seq + 1,
        action: "restore",
        prev_hash: backup.auditHead.hash,
      });
      await expect(restoreBackup(other.db, backup, { actor: "test", fileSha256: "" })).rejects.toThrow(/not empty/);
    } finally {
      await other.db.destroy();
    }
  });
});

describe.each(dialects)("races and stale reviews on %s", (dialect) => {
  let db: LedgerDb;
  beforeAll(async () => {
    ({ db } = await openLedger(await newTarget(dialect)));
    await createUser(db, { name: "ed", role: "editor", password: "editor password 2", actor: "test" });
    await createUser(db, { name: "rosa", role: "reviewer", password: "reviewer password 2", actor: "test" });
    await createUser(db, { name: "ravi", role: "reviewer", password: "reviewer password 3", actor: "test" });
  }, 120_000);
  afterAll(async () => db?.destroy());

  it("parallel wrong passwords cannot get past the name's delay", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(db, "ed", "wrong password!")));
    expect(answers.filter((a) => !a.ok && a.reason === "invalid").length).toBe(THROTTLE.free);
    expect(await signIn(db, "ed", "editor password 2")).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("an unknown name is delayed exactly as a real one is: no oracle for account names", async () => {
    const real = [];
    const unknown = [];
    for (let i = 0; i < THROTTLE.free + 1; i++) {
      real.push(await signIn(db, "rosa", "not her password"));
      unknown.push(await signIn(db, `nobody-${dialect}`, "not a password"));
    }
    expect(unknown).toEqual(real);
    expect(unknown.map((u) => (u.ok ? "ok" : u.reason))).toEqual([
      ...Array(THROTTLE.free).fill("invalid"),
      "throttled",
    ]);
  });

  it("of an approval and a rejection at once, exactly one wins", async () => {
    const change = await proposeChange(db, {
      author: "ed",
      table: "observations",
      action: "create",
      row: { ...OBSERVATION, id: `race-${dialect}` },
      reason: "race",
    });
    const outcomes = await Promise.allSettled([
      approveChange(db, { changeId: change.id, reviewer: "rosa" }),
      rejectChange(db, { changeId: change.id, reviewer: "ravi", reason: "no" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const stored = (
      await db.selectFrom("changes").select("status").where("id", "=", change.id).executeTakeFirstOrThrow()
    ).status;
    const inLedger = (await readLedger(db)).observations.some((o) => o.id === `race-${dialect}`);
    expect(inLedger).toBe(stored === "approved");
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });

  it("refuses to approve a correction made against a row that has changed since", async () => {
    const target = (await readLedger(db)).observations.find((o) => o.id === "appx1-20-cn-gx")!;
    const first = await proposeChange(db, {
      author: "ed",
      table: "observations",
      action: "update",
      row: { ...target, note: "first" },
      reason: "a",
    });
    const second = await proposeChange(db, {
      author: "ed",
      table: "observations",
      action: "update",
      row: { ...target, note: "second" },
      reason: "b",
    });
    await approveChange(db, { changeId: second.id, reviewer: "rosa" });
    await expect(approveChange(db, { changeId: first.id, reviewer: "rosa" })).rejects.toThrow(
      /was changed after this correction was proposed/,
    );
    expect((await readLedger(db)).observations.find((o) => o.id === "appx1-20-cn-gx")?.note).toBe("second");
    // The refused approval left the draft a draft.
    expect(
      (await db.selectFrom("changes").select("status").where("id", "=", first.id).executeTakeFirstOrThrow()).status,
    ).toBe("draft");
  });

  it("names a figure changed directly in the database, behind the log's back", async () => {
    await sql`update observations set value = 2600 where id = 'appx1-28-cn'`.execute(db);
    const mismatches = checkLedgerAgainstLog(await readLedger(db), await readAuditLog(db));
    expect(mismatches.map((m) => [m.table, m.id])).toEqual([["observations", "appx1-28-cn"]]);
    const backup = await dumpDatabase(db);
    const other = await openLedger(await newTarget(dialect), { empty: true });
    try {
      await expect(restoreBackup(other.db, backup, { actor: "test", fileSha256: "" })).rejects.toThrow(
        /appx1-28-cn differs/,
      );
      expect((await readLedger(other.db)).observations).toHaveLength(0);
    } finally {
      await other.db.destroy();
    }
  });

  it("refuses a backup whose audit chain was altered, restoring nothing", async () => {
    const backup = JSON.parse(JSON.stringify(await dumpDatabase(db)));
    backup.tables.audit_log[3].actor = "mallory";
    const other = await openLedger(await newTarget(dialect), { empty: true });
    try {
      await expect(restoreBackup(other.db, backup, { actor: "test", fileSha256: "" })).rejects.toThrow(
        /broken at entry 4/,
      );
      expect((await readLedger(other.db)).sources).toHaveLength(0);
    } finally {
      await other.db.destroy();
    }
  });
});

describe.each(dialects)("audit tampering on %s is caught", (dialect) => {
  const dropTriggers = async (db: LedgerDb) => {
    if (dialect === "postgres") await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
    else {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await sql`drop trigger audit_log_no_delete`.execute(db);
    }
  };
  const tampered = async (tamper: (db: LedgerDb) => Promise<unknown>) => {
    const { db } = await openLedger(await newTarget(dialect));
    try {
      await dropTriggers(db);
      await tamper(db);
      return await verifyAuditLog(db);
    } finally {
      await db.destroy();
    }
  };

  it("an altered entry (Yunnan's 6,657 quietly made 665)", async () => {
    let seq = 0;
    const verdict = await tampered(async (db) => {
      const entry = await db
        .selectFrom("audit_log")
        .select("seq")
        .where("entity_id", "=", "appx1-22-cn-yn")
        .executeTakeFirstOrThrow();
      seq = entry.seq;
      await sql`update audit_log set after_json = replace(after_json, '6657', '665') where seq = ${seq}`.execute(db);
    });
    expect(verdict).toMatchObject({ ok: false, seq });
  });

  it("a deleted entry", async () => {
    const verdict = await tampered((db) => sql`delete from audit_log where seq = 10`.execute(db));
    expect(verdict).toMatchObject({ ok: false, seq: 11 });
  });

  it("reordered entries", async () => {
    const verdict = await tampered(async (db) => {
      await sql`update audit_log set seq = -1 where seq = 20`.execute(db);
      await sql`update audit_log set seq = 20 where seq = 21`.execute(db);
      await sql`update audit_log set seq = 21 where seq = -1`.execute(db);
    });
    expect(verdict).toMatchObject({ ok: false, seq: 20 });
  });

  it("a removed tail (the head no longer matches)", async () => {
    const verdict = await tampered((db) => sql`delete from audit_log where seq > 100`.execute(db));
    expect(verdict.ok).toBe(false);
  });
});
