/**
 * What the audit chain alone cannot see, made visible, on SQLite and on PostgreSQL, with the CLI as
 * a process: a published head (`audit head`, `verify --expect-head`) exposes truncation and a
 * rewritten head; the replay names a role granted, a case row deleted or its ciphertext swapped
 * behind the software's back; `audit timestamp` keeps an RFC 3161 token that `verify` checks,
 * against a local TSA (`openssl ts` on loopback).
 */
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { addCase, keyFromBytes } from "../src/cases/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import type { DatabaseTarget, LedgerDb } from "../src/store/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";
import { type Postgres, startPostgres } from "./support/postgres.ts";
import { makeCa, startTsa, type Tsa } from "./support/tsa.ts";

let dir: string;
let pgServer: Postgres;
let tsa: Tsa;

beforeAll(async () => {
  dir = makeTempDir();
  pgServer = await startPostgres();
  tsa = await startTsa();
}, 600_000);
afterAll(async () => {
  pgServer?.stop();
  await tsa?.stop();
  removeDir(dir);
});

const dialects = ["sqlite", "postgres"] as const;
/** Each test runs several CLI processes; on a loaded 2-core machine one can take ten seconds. */
const SLOW = 5 * E2E_TIMEOUT;

/** Drops the append-only triggers, as someone with the database (and intent) would. */
async function dropAppendOnly(db: Kysely<unknown>, dialect: (typeof dialects)[number]) {
  if (dialect === "sqlite") {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  } else await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
}

/** Puts the append-only triggers back as the migration made them, as a careful tamperer would. */
async function restoreAppendOnly(db: Kysely<unknown>, dialect: (typeof dialects)[number]) {
  if (dialect === "sqlite") {
    for (const event of ["update", "delete"]) {
      await sql`create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on "audit_log"
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    }
  } else {
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  }
}

describe.each(dialects)("audit anchors on %s", (dialect) => {
  let target: DatabaseTarget;
  let cliDb: string[];
  let env: NodeJS.ProcessEnv;
  let caseId: string;
  const run = (args: string[]) => liuzhi([...args, ...cliDb], { cwd: dir, env });
  /** Runs raw SQL on the database, behind the software's back. */
  async function tamper(work: (db: LedgerDb) => Promise<unknown>) {
    const { db } = await openLedger(target);
    try {
      await work(db);
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    target =
      dialect === "sqlite"
        ? { kind: "sqlite", file: join(dir, "anchors.sqlite") }
        : { kind: "postgres", url: await pgServer.createDatabase("anchors") };
    cliDb = dialect === "sqlite" ? ["--db", (target as { file: string }).file] : [];
    env = cliEnv({
      LIUZHI_ACTOR: "test",
      ...(dialect === "postgres" ? { DATABASE_URL: (target as { url: string }).url } : {}),
    });
    const { db } = await openLedger(target);
    await createUser(db, { name: "ed", role: "editor", password: "ed's long password", actor: "test" });
    caseId = await addCase({ db, key: keyFromBytes(Buffer.alloc(32, 7)), actor: "test" }, sampleCase());
    await db.destroy();
  }, E2E_TIMEOUT);

  it(
    "prints a head to publish, and verify --expect-head names a truncated log with a rewritten head",
    async () => {
      const head = await run(["audit", "head"]);
      expect(head.status).toBe(0);
      const line = head.stdout.split("\n")[0]!;
      expect(line).toMatch(
        /^Liuzhi Monitor audit log: \d+ entries, last written \d{4}-\d\d-\d\dT[\d:.]+Z, head SHA-256 [0-9a-f]{64}$/,
      );
      expect(line.length).toBeLessThanOrEqual(280);
      const published = /[0-9a-f]{64}$/.exec(line)![0];
      const json = JSON.parse((await run(["audit", "head", "--format", "json"])).stdout);
      expect(json).toMatchObject({ hash: published });

      // Later work extends the published head: still accepted.
      const { db } = await openLedger(target);
      await createUser(db, { name: "late", role: "viewer", password: "late's long password", actor: "test" });
      await db.destroy();
      const extended = await run(["audit", "verify", "--expect-head", `sha256:${published}`]);
      expect([extended.status, extended.stderr]).toEqual([0, ""]);
      expect(extended.stdout).toMatch(
        new RegExp(`extends the published head ${published} \\(entry ${json.entries}\\)`),
      );
      const later = JSON.parse((await run(["audit", "head", "--format", "json"])).stdout) as { hash: string };

      // Truncate: delete the last entry and the row it recorded, rewrite the head to the new last entry.
      await tamper(async (db) => {
        await dropAppendOnly(db as never, dialect);
        await sql`delete from audit_log where seq = (select max(seq) from audit_log)`.execute(db);
        await sql`delete from users where name = 'late'`.execute(db);
        await sql`update audit_head set seq = (select max(seq) from audit_log), hash = (select hash from audit_log where seq = (select max(seq) from audit_log))`.execute(
          db,
        );
        await restoreAppendOnly(db as never, dialect);
      });
      // The chain alone cannot see it: what remains is a perfectly valid, shorter log.
      expect((await run(["audit", "verify"])).status).toBe(0);
      const caught = await run(["audit", "verify", "--expect-head", later.hash]);
      expect(caught.status).toBe(1);
      expect(caught.stderr).toContain(`the published head ${later.hash} is not in this log`);
      expect(caught.stderr).toMatch(/entries were removed or rewritten/);
      // The earlier published head is still in the log: that copy still extends it.
      expect((await run(["audit", "verify", "--expect-head", published])).status).toBe(0);
      const bad = await run(["audit", "verify", "--expect-head", "not-a-hash"]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--expect-head must be a SHA-256 hash/);
    },
    SLOW,
  );

  it(
    "names a role granted, a case deleted and a case's ciphertext swapped behind the log's back",
    async () => {
      expect((await run(["audit", "verify"])).stdout).toMatch(/and so do 1 account\(s\), .* and 1 case row\(s\)/);
      const payload = { value: "" };
      await tamper(async (db) => {
        await sql`update users set role = 'admin' where name = 'ed'`.execute(db);
        payload.value = (await db.selectFrom("cases").select("payload").executeTakeFirstOrThrow()).payload;
        await sql`delete from cases where id = ${caseId}`.execute(db);
      });
      const verdict = await run(["audit", "verify"]);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(
        /users ed differs from its last recorded version \(entry \d+\) in role \("admin", recorded "editor"\)/,
      );
      expect(verdict.stderr).toMatch(
        new RegExp(`cases ${caseId} was recorded \\(entry \\d+\\) but is missing from the case register`),
      );

      // Put the case back with another ciphertext (say, one re-encrypted by hand), the role back too.
      await tamper(async (db) => {
        await sql`update users set role = 'editor' where name = 'ed'`.execute(db);
        const other = `${payload.value.slice(0, -4)}AAAA`;
        await sql`insert into cases (id, jurisdiction, year, status, key_id, payload) select ${caseId}, 'CN-YN', 2024, 'open', ${keyFromBytes(Buffer.alloc(32, 7)).id}, ${other}`.execute(
          db,
        );
      });
      const swapped = await run(["audit", "verify"]);
      expect(swapped.status).toBe(1);
      expect(swapped.stderr).toMatch(
        new RegExp(`cases ${caseId} differs from its last recorded version \\(entry \\d+\\) in payload_sha256`),
      );
      expect(swapped.stderr).not.toMatch(/users ed/);
      // No plaintext of the case in what verify says.
      expect(swapped.stderr).not.toMatch(/Wang|王/);
      await tamper(async (db) => {
        await sql`update cases set payload = ${payload.value} where id = ${caseId}`.execute(db);
      });
      expect((await run(["audit", "verify"])).status).toBe(0);
    },
    SLOW,
  );

  it(
    "time-stamps the head with an RFC 3161 authority; verify checks the stored token",
    async () => {
      const before = tsa.requests();
      const stamped = await run(["audit", "timestamp", "--tsa", tsa.url, "--tsa-ca", tsa.caFile]);
      expect([stamped.status, stamped.stderr]).toEqual([0, ""]);
      expect(stamped.stdout).toMatch(/^Time-stamped entry (\d+) \(head [0-9a-f]{64}\) at \d{4}-\d\d-\d\dT/);
      expect(tsa.requests()).toBe(before + 1);
      const stampedSeq = Number(/entry (\d+)/.exec(stamped.stdout)![1]);

      const verified = await run(["audit", "verify", "--tsa-ca", tsa.caFile]);
      expect([verified.status, verified.stderr]).toEqual([0, ""]);
      expect(verified.stdout).toMatch(
        new RegExp(
          `1 time-stamp\\(s\\) verified against the configured TSA CA; the latest proves entry ${stampedSeq} existed at`,
        ),
      );
      // Without the authority's CA configured, the certificate stored in the entry is not trusted.
      const unconfigured = await run(["audit", "verify"]);
      expect(unconfigured.status).toBe(1);
      expect(unconfigured.stderr).toMatch(new RegExp(`time-stamp of entry ${stampedSeq}\\): .*verif`, "i"));
      expect((await run(["audit", "head"])).stdout).toMatch(
        new RegExp(`Time-stamped: entry ${stampedSeq} at .* by ${tsa.url}`),
      );

      // Checked against a CA the verifier trusts instead, the token is refused: the signature is really checked.
      const stranger = makeCa(dir, `stranger-${dialect}`);
      const distrust = await run(["audit", "verify", "--tsa-ca", stranger]);
      expect(distrust.status).toBe(1);
      expect(distrust.stderr).toMatch(new RegExp(`time-stamp of entry ${stampedSeq}\\): .*verif`, "i"));

      // An authority not signed by the CA given is refused at once, and nothing is written.
      const head = (await run(["audit", "head", "--format", "json"])).stdout;
      const refused = await run(["audit", "timestamp", "--tsa", tsa.url, "--tsa-ca", stranger]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Time-stamp refused: the time-stamp from .* does not verify/);
      expect((await run(["audit", "head", "--format", "json"])).stdout).toBe(head);
      const unreachable = await run(["audit", "timestamp", "--tsa", "http://127.0.0.1:9/tsr", "--tsa-ca", tsa.caFile]);
      expect(unreachable.status).toBe(1);
      expect(unreachable.stderr).toMatch(/did not answer/);
    },
    SLOW,
  );
});
