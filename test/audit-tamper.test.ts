/**
 * What someone who can write the database (but does not hold the server's audit key, nor a
 * reviewer's passkey) can do to the SQLite file, and `liuzhi audit verify --public-key` (the CLI as
 * a process) naming each one. A signed ledger is built once with the real code paths (accounts,
 * sessions, a reviewed change, drafts, a case, a passkey registration, an RFC 3161 stamp from a local
 * authority); every scenario copies it, runs SQL directly on the copy, and checks the verdict.
 */
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, createUser } from "../src/accounts/index.ts";
import { appendAudit, canonicalJson, entryHash, signerFromPem, useAuditSigner } from "../src/audit/index.ts";
import { addCase, keyFromBytes } from "../src/cases/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { approveChange, proposeChange } from "../src/review/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";
import { startTsa, type Tsa } from "./support/tsa.ts";

let dir: string;
let golden: string;
let key: string;
let env: NodeJS.ProcessEnv;
let tsa: Tsa;
let publishedHead: string;
const ids: Record<string, string> = {};

const OBSERVATION = {
  measure: "liuzhi_placements",
  jurisdiction: "CN-GX",
  period_start: "2025-01-01",
  period_end: "2025-06-30",
  period_label: "Jan - June 2025",
  qualifier: "exact",
  unit: "people",
  scope: "all",
  derivation: "published",
  source_id: "sd-2024-12-12",
};
const PASSWORD = "a long password for tests";

/** Opens the ledger in this process, signing what it appends with the server key (as `serve` would). */
async function withSignedLedger<T>(
  file: string,
  work: (db: Awaited<ReturnType<typeof openLedger>>["db"]) => Promise<T>,
) {
  useAuditSigner(signerFromPem(readFileSync(key, "utf8"), key));
  const { db } = await openLedger({ kind: "sqlite", file });
  try {
    return await work(db);
  } finally {
    await db.destroy();
    useAuditSigner(null);
  }
}

beforeAll(async () => {
  dir = makeTempDir();
  tsa = await startTsa();
  golden = join(dir, "golden.sqlite");
  key = join(dir, "audit.key");
  const made = await liuzhi(["audit", "keygen", "--out", key], { cwd: dir });
  expect(made.status).toBe(0);
  expect(made.stdout).toContain("-----BEGIN PUBLIC KEY-----");
  expect(statSync(key).mode & 0o777).toBe(0o600);
  env = cliEnv({ LIUZHI_AUDIT_KEY_FILE: key, LIUZHI_ACTOR: "test", LIUZHI_TSA_CA_FILE: tsa.caFile });
  expect((await liuzhi(["init", "--db", golden], { cwd: dir, env })).status).toBe(0);
  await withSignedLedger(golden, async (db) => {
    for (const [name, role] of [
      ["ed", "editor"],
      ["rosa", "reviewer"],
      ["ravi", "reviewer"],
      ["admin", "admin"],
    ] as const) {
      await createUser(db, { name, role, password: PASSWORD, actor: "test" });
    }
    await createSession(db, "ed");
    await createSession(db, "rosa");
    // A passkey registered by ravi (its key recorded in the log as registration does).
    const credential = randomBytes(16).toString("base64url");
    const publicKey = randomBytes(77).toString("base64url");
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("passkeys")
        .values({
          credential_id: credential,
          user_name: "ravi",
          public_key: publicKey,
          counter: 0,
          created_at: "2026-01-01T00:00:00.000Z",
        })
        .execute();
      await appendAudit(trx, [
        {
          actor: "ravi",
          action: "passkey",
          entity: "passkeys",
          entityId: credential,
          after: { user_name: "ravi", public_key: publicKey, rp_id: "localhost", origin: "http://localhost" },
        },
      ]);
    });
    ids.credential = credential;
    ids.case = await addCase({ db, key: keyFromBytes(Buffer.alloc(32, 7)), actor: "test" }, sampleCase());
    const approved = await proposeChange(db, {
      author: "ed",
      table: "observations",
      action: "create",
      row: { ...OBSERVATION, id: "tamper-approved", value: 321 },
      reason: "new figure",
    });
    await approveChange(db, { changeId: approved.id, reviewer: "rosa" });
    ids.approved = approved.id;
    ids.draft = (
      await proposeChange(db, {
        author: "ed",
        table: "observations",
        action: "create",
        row: { ...OBSERVATION, id: "tamper-draft", value: 487 },
        reason: "awaiting review",
      })
    ).id;
    ids.rosaDraft = (
      await proposeChange(db, {
        author: "rosa",
        table: "observations",
        action: "create",
        row: { ...OBSERVATION, id: "tamper-rosa", value: 12 },
        reason: "rosa's own figure",
      })
    ).id;
  });
  const stamped = await liuzhi(["audit", "timestamp", "--tsa", tsa.url, "--db", golden], { cwd: dir, env });
  expect(stamped.stderr).toBe("");
  const head = await liuzhi(["audit", "head", "--format", "json", "--db", golden], { cwd: dir, env });
  publishedHead = (JSON.parse(head.stdout) as { hash: string }).hash;
}, 5 * E2E_TIMEOUT);

afterAll(async () => {
  await tsa?.stop();
  removeDir(dir);
});

const verifyArgs = (file: string) => ["audit", "verify", "--public-key", `${key}.pub`, "--db", file];

/** Entries as SQLite holds them. */
type Row = Record<string, string | number | null>;

/** Appends an entry as a database writer can: a correct hash chain, but no key to sign it. */
function appendForged(
  d: Database.Database,
  e: { actor: string; action: string; entity: string; entity_id: string; after: unknown },
) {
  const head = d.prepare("select seq, hash from audit_head where id = 1").get() as { seq: number; hash: string };
  const fields = {
    seq: head.seq + 1,
    at: new Date().toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entity_id,
    before_json: null,
    after_json: canonicalJson(e.after),
    reason: null,
    prev_hash: head.hash,
  };
  const hash = entryHash(fields);
  d.prepare(
    "insert into audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash, signature) values (@seq, @at, @actor, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash, null)",
  ).run({ ...fields, hash });
  d.prepare("update audit_head set seq = ?, hash = ? where id = 1").run(fields.seq, hash);
}

function dropTriggers(d: Database.Database) {
  d.exec("drop trigger audit_log_no_update; drop trigger audit_log_no_delete;");
}

/** Re-chains the log from entry `from` on (hashes recomputed, old signatures kept), and the head. */
function rechain(d: Database.Database, from: number) {
  const rows = d.prepare("select * from audit_log order by seq").all() as Row[];
  let prev = rows[from - 2]?.hash ?? "0".repeat(64);
  for (const row of rows.slice(from - 1)) {
    const { hash: _h, signature: _s, ...fields } = row;
    const hash = entryHash({ ...(fields as Record<string, unknown>), prev_hash: prev } as never);
    d.prepare("update audit_log set prev_hash = ?, hash = ? where seq = ?").run(prev, hash, row.seq);
    prev = hash;
  }
  d.prepare("update audit_head set seq = ?, hash = ? where id = 1").run(rows.length, prev);
}

const lastSeq = (d: Database.Database) => (d.prepare("select max(seq) as n from audit_log").get() as { n: number }).n;
const entrySeq = (d: Database.Database, where: string) =>
  (d.prepare(`select seq from audit_log where ${where} order by seq limit 1`).get() as { seq: number }).seq;

interface Scenario {
  readonly name: string;
  readonly tamper: (d: Database.Database) => void;
  /** After the SQL, what the software then does on the tampered file (an approval), if anything. */
  readonly after?: (file: string) => Promise<void>;
  readonly names: RegExp;
  readonly args?: ReadonlyArray<string>;
}

const SCENARIOS: Scenario[] = [
  {
    name: "a forged approval appended after the head (the figure changed with it)",
    tamper: (d) => {
      d.prepare("update observations set value = 9999 where id = 'tamper-approved'").run();
      const row = d.prepare("select * from observations where id = 'tamper-approved'").get() as Row;
      const clean = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
      appendForged(d, {
        actor: "rosa",
        action: "approve",
        entity: "observations",
        entity_id: "tamper-approved",
        after: clean,
      });
    },
    names: /signature: entry \d+ \(approve observations tamper-approved\) is not signed/,
  },
  {
    name: "a role grant appended after the head",
    tamper: (d) => {
      d.prepare("update users set role = 'admin' where name = 'ed'").run();
      appendForged(d, {
        actor: "admin",
        action: "account-create",
        entity: "users",
        entity_id: "ed",
        after: { name: "ed", role: "admin" },
      });
    },
    names: /signature: entry \d+ \(account-create users ed\) is not signed/,
  },
  {
    name: "a case deletion appended after the head",
    tamper: (d) => {
      d.prepare("delete from case_exports").run();
      d.prepare("delete from cases where id = ?").run(ids.case);
      appendForged(d, { actor: "admin", action: "delete", entity: "cases", entity_id: ids.case!, after: null });
    },
    names: /signature: entry \d+ \(delete cases .+\) is not signed/,
  },
  {
    name: "a session row inserted for the admin",
    tamper: (d) =>
      d
        .prepare(
          "insert into sessions values (?, 'admin', 'csrf', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')",
        )
        .run("f".repeat(64)),
    names: /database: sessions \w+ is in the sessions but was never recorded/,
  },
  {
    name: "a session row inserted with a forged session entry",
    tamper: (d) => {
      const tokenHash = "e".repeat(64);
      d.prepare(
        "insert into sessions values (?, 'admin', 'csrf', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')",
      ).run(tokenHash);
      const id = createHash("sha256").update(tokenHash).digest("hex");
      appendForged(d, {
        actor: "admin",
        action: "session",
        entity: "sessions",
        entity_id: id,
        after: { user_name: "admin", expires_at: "2099-01-01T00:00:00.000Z" },
      });
    },
    names: /signature: entry \d+ \(session sessions \w+\) is not signed/,
  },
  {
    name: "a session's expiry pushed back",
    tamper: (d) =>
      d.prepare("update sessions set expires_at = '2099-01-01T00:00:00.000Z' where user_name = 'ed'").run(),
    names: /database: sessions \w+ differs .* in expires_at/,
  },
  {
    name: "a session handed to another account",
    tamper: (d) => d.prepare("update sessions set user_name = 'admin' where user_name = 'rosa'").run(),
    names: /database: sessions \w+ differs .* in user_name \("admin", recorded "rosa"\)/,
  },
  {
    name: "the append-only triggers dropped",
    tamper: dropTriggers,
    names:
      /append-only: the trigger audit_log_no_update is missing[\s\S]*append-only: the trigger audit_log_no_delete is missing/,
  },
  {
    name: "an append-only trigger replaced by one that refuses nothing",
    tamper: (d) => {
      d.exec("drop trigger audit_log_no_update");
      d.exec("create trigger audit_log_no_update before update on audit_log begin select 1; end");
    },
    names: /append-only: the trigger audit_log_no_update is not the one the software created/,
  },
  {
    name: "a trigger added that rewrites new entries",
    tamper: (d) =>
      d.exec(
        "create trigger audit_log_sneak after insert on audit_log begin update users set role = 'admin' where name = 'ed'; end",
      ),
    names: /append-only: an unknown trigger audit_log_sneak acts on audit_log/,
  },
  {
    name: "changes.author of an approved change rewritten",
    tamper: (d) => d.prepare("update changes set author = 'ravi' where id = ?").run(ids.approved),
    names: /review: change [\w-]+: differs .* in author \("ravi", recorded "ed"\)/,
  },
  {
    name: "changes.author of a draft rewritten so that its author approves it",
    tamper: (d) => d.prepare("update changes set author = 'ed' where id = ?").run(ids.rosaDraft),
    after: (file) =>
      withSignedLedger(file, (db) => approveChange(db, { changeId: ids.rosaDraft!, reviewer: "rosa" }).then(() => {})),
    names: /'rosa' approved their own change \(proposed in entry \d+\): the two-person rule is broken/,
  },
  {
    name: "a draft's payload changed after it was proposed (487 → 4870)",
    tamper: (d) =>
      d.prepare("update changes set payload_json = replace(payload_json, '487', '4870') where id = ?").run(ids.draft),
    after: async (file) => {
      await expect(
        withSignedLedger(file, (db) => approveChange(db, { changeId: ids.draft!, reviewer: "rosa" })),
      ).rejects.toThrow(/not what was proposed/);
    },
    names: /review: change [\w-]+: differs .* in payload_sha256/,
  },
  {
    name: "a password hash rewritten",
    tamper: (d) =>
      d.prepare("update users set password_hash = 'scrypt$32768$8$1$AAAA$BBBB' where name = 'admin'").run(),
    names: /database: users admin differs .* in password_sha256/,
  },
  {
    name: "a setup token planted on an account",
    tamper: (d) =>
      d
        .prepare("update users set setup_token_hash = ?, setup_expires_at = '2099-01-01' where name = 'admin'")
        .run("a".repeat(64)),
    names: /database: users admin differs .* in setup_sha256/,
  },
  {
    name: "two entries swapped",
    tamper: (d) => {
      dropTriggers(d);
      const n = lastSeq(d);
      d.prepare("update audit_log set seq = -1 where seq = ?").run(n - 3);
      d.prepare("update audit_log set seq = ? where seq = ?").run(n - 3, n - 2);
      d.prepare("update audit_log set seq = ? where seq = -1").run(n - 2);
    },
    names: /chain: audit log broken at entry/,
  },
  {
    name: "an entry's content edited",
    tamper: (d) => {
      dropTriggers(d);
      d.prepare("update audit_log set reason = 'nothing to see' where seq = ?").run(entrySeq(d, "action = 'approve'"));
    },
    names: /chain: audit log broken at entry \d+: entry \d+ was altered/,
  },
  {
    name: "an entry edited and the chain recomputed after it",
    tamper: (d) => {
      dropTriggers(d);
      const seq = entrySeq(d, "action = 'account-create' and entity_id = 'ed'");
      d.prepare(`update audit_log set after_json = replace(after_json, '"editor"', '"admin"') where seq = ?`).run(seq);
      d.prepare("update users set role = 'admin' where name = 'ed'").run();
      rechain(d, seq);
    },
    names: /signature: entry \d+ \(account-create users ed\) has a signature that is not the server key's/,
  },
  {
    name: "a signature copied from another entry",
    tamper: (d) => {
      dropTriggers(d);
      const n = lastSeq(d);
      d.prepare("update audit_log set signature = (select signature from audit_log where seq = ?) where seq = ?").run(
        n - 1,
        n,
      );
    },
    names: /signature: entry \d+ .* has a signature that is not the server key's/,
  },
  {
    name: "the last entry's signature removed",
    tamper: (d) => {
      dropTriggers(d);
      d.prepare("update audit_log set signature = null where seq = ?").run(lastSeq(d));
    },
    names: /signature: entry \d+ \(timestamp audit_log \d+\) is not signed/,
  },
  {
    name: "an entry deleted from the middle",
    tamper: (d) => {
      dropTriggers(d);
      d.prepare("delete from audit_log where seq = ?").run(entrySeq(d, "action = 'reject' or action = 'approve'"));
    },
    names: /chain: audit log broken at entry \d+: entry \d+ stands at position/,
  },
  {
    name: "the last entries deleted and the head rewritten (against the published head)",
    tamper: (d) => {
      dropTriggers(d);
      const n = lastSeq(d);
      d.prepare("delete from audit_log where seq > ?").run(n - 3);
      const last = d.prepare("select seq, hash from audit_log where seq = ?").get(n - 3) as {
        seq: number;
        hash: string;
      };
      d.prepare("update audit_head set seq = ?, hash = ? where id = 1").run(last.seq, last.hash);
    },
    args: ["--expect-head", "PUBLISHED"],
    names: /published head: the log does not extend it/,
  },
  {
    name: "the head row rewritten",
    tamper: (d) => d.prepare("update audit_head set seq = seq - 1 where id = 1").run(),
    names: /chain: audit log broken at entry \d+: the recorded head/,
  },
  {
    name: "a figure changed directly",
    tamper: (d) => d.prepare("update observations set value = value * 10 where id = 'tamper-approved'").run(),
    names: /database: observations tamper-approved differs from its last recorded version/,
  },
  {
    name: "a figure deleted",
    tamper: (d) => d.prepare("delete from observations where id = 'tamper-approved'").run(),
    names: /database: observations tamper-approved was recorded .* but is missing from the ledger/,
  },
  {
    name: "a figure inserted",
    tamper: (d) =>
      d
        .prepare(
          "insert into observations (id, measure, jurisdiction, period_start, period_end, period_label, value, qualifier, unit, scope, derivation, source_id) select 'forged-figure', measure, jurisdiction, period_start, period_end, period_label, 5, qualifier, unit, scope, derivation, source_id from observations where id = 'tamper-approved'",
        )
        .run(),
    names: /database: observations forged-figure is in the ledger but was never recorded/,
  },
  {
    name: "a role granted directly",
    tamper: (d) => d.prepare("update users set role = 'admin' where name = 'ed'").run(),
    names: /database: users ed differs .* in role \("admin", recorded "editor"\)/,
  },
  {
    name: "an admin account inserted",
    tamper: (d) =>
      d
        .prepare(
          "insert into users (name, role, password_hash, disabled, failed_logins, created_at) values ('mallory', 'admin', 'scrypt$x', 0, 0, '2026-01-01')",
        )
        .run(),
    names: /database: users mallory is in the accounts but was never recorded/,
  },
  {
    name: "an account's disabled flag flipped",
    tamper: (d) => {
      d.prepare("update users set disabled = 1 where name = 'ravi'").run();
    },
    names: /database: users ravi differs .* in disabled/,
  },
  {
    name: "a case row deleted directly",
    tamper: (d) => {
      d.prepare("delete from case_exports").run();
      d.prepare("delete from cases where id = ?").run(ids.case);
    },
    names: /database: cases .+ is missing from the case register/,
  },
  {
    name: "a case's ciphertext swapped",
    tamper: (d) => d.prepare("update cases set payload = 'v1.forged' where id = ?").run(ids.case),
    names: /database: cases .+ differs .* in payload_sha256/,
  },
  {
    name: "a passkey inserted for an account",
    tamper: (d) => d.prepare("insert into passkeys values ('mallorys-key', 'rosa', 'AAAA', 0, '2026-01-01')").run(),
    names: /database: passkeys mallorys-key is in the passkeys but was never recorded/,
  },
  {
    name: "a passkey's public key replaced",
    tamper: (d) => d.prepare("update passkeys set public_key = 'AAAA' where user_name = 'ravi'").run(),
    names: /database: passkeys \S+ differs .* in public_key/,
  },
  {
    name: "a reviewer's passkey deleted (so approvals would skip it)",
    tamper: (d) => d.prepare("delete from passkeys where user_name = 'ravi'").run(),
    names: /database: passkeys \S+ was recorded .* but is missing from the passkeys/,
  },
  {
    name: "a draft marked approved directly",
    tamper: (d) => d.prepare("update changes set status = 'approved', reviewer = 'rosa' where id = ?").run(ids.draft),
    names: /review: change [\w-]+: differs .* in status \("approved", recorded "draft"\)/,
  },
  {
    name: "the reviewer of an approval rewritten",
    tamper: (d) => d.prepare("update changes set reviewer = 'ravi' where id = ?").run(ids.approved),
    names: /review: change [\w-]+: differs .* in reviewer \("ravi", recorded "rosa"\)/,
  },
  {
    name: "a change row deleted",
    tamper: (d) => d.prepare("delete from changes where id = ?").run(ids.draft),
    names: /review: change [\w-]+: was recorded .* but is missing from the changes/,
  },
  {
    name: "a time-stamp token replaced by one for another hash",
    tamper: (d) => {
      dropTriggers(d);
      d.prepare(
        "update audit_log set after_json = replace(after_json, '\"hash\":\"', '\"hash\":\"0') where action = 'timestamp'",
      ).run();
    },
    names: /chain: audit log broken at entry \d+: entry \d+ was altered/,
  },
  // What the server's operator (who holds the server key, not a reviewer's passkey or the TSA's) can do.
  {
    name: "a time-stamp from a self-made authority (its own CA stored in the entry)",
    tamper: () => {},
    after: async (file) => {
      const fake = await startTsa();
      try {
        const r = await liuzhi(["audit", "timestamp", "--tsa", fake.url, "--tsa-ca", fake.caFile, "--db", file], {
          cwd: dir,
          env,
        });
        expect(r.status).toBe(0);
      } finally {
        await fake.stop();
      }
    },
    names: /time-stamp: entry \d+ \(time-stamp of entry \d+\): .*(verify|certificate|issuer)/,
  },
  {
    name: "a back-dated time-stamp (entries dated after the stamp that covers them)",
    tamper: () => {},
    after: async (file) => {
      const tomorrow = () => new Date(Date.now() + 24 * 3600_000);
      await withSignedLedger(file, (db) =>
        db
          .transaction()
          .execute((trx) =>
            appendAudit(trx, [{ actor: "test", action: "read", entity: "cases", entityId: ids.case! }], tomorrow),
          ),
      );
      const r = await liuzhi(["audit", "timestamp", "--tsa", tsa.url, "--db", file], { cwd: dir, env });
      expect(r.status).toBe(0);
    },
    names: /time-stamp: entry \d+ .*earlier than the entries it covers .*: a back-dated stamp/,
  },
  {
    name: "an approval forged with the server key for a reviewer who has a passkey",
    tamper: (d) => d.prepare("update changes set status = 'approved', reviewer = 'ravi' where id = ?").run(ids.draft),
    after: (file) =>
      withSignedLedger(file, async (db) => {
        const payload = (
          await db.selectFrom("changes").select("payload_json").where("id", "=", ids.draft!).executeTakeFirstOrThrow()
        ).payload_json;
        await db.transaction().execute((trx) =>
          appendAudit(trx, [
            {
              actor: "ravi",
              action: "approve",
              entity: "changes",
              entityId: ids.draft!,
              after: {
                status: "approved",
                reviewer: "ravi",
                payload_sha256: createHash("sha256").update(payload).digest("hex"),
                passkey: null,
              },
            },
          ]),
        );
      }),
    names: /passkey: change [\w-]+: entry \d+: 'ravi' has a passkey, but this approval is not signed by it/,
  },
];

describe("audit verify against a database writer", () => {
  it(
    "passes the untouched ledger: signatures, triggers, registers, review rules and the time-stamp all hold",
    async () => {
      const clean = await liuzhi(verifyArgs(golden), { cwd: dir, env });
      expect(clean.stderr).toBe("");
      expect(clean.status).toBe(0);
      expect(clean.stdout).toMatch(/Audit log intact/);
      expect(clean.stdout).toMatch(/signed by the server key/);
      expect(clean.stdout).toMatch(/1 time-stamp\(s\) verified against the configured TSA CA/);
    },
    E2E_TIMEOUT,
  );

  it(
    "with --require-passkeys, names an approval by a reviewer who had no passkey (vouched for by the server only)",
    async () => {
      const strict = await liuzhi([...verifyArgs(golden), "--require-passkeys"], { cwd: dir, env });
      expect(strict.status).toBe(1);
      expect(strict.stderr).toMatch(
        new RegExp(`passkey: change ${ids.approved}: entry \\d+, approved by 'rosa' without a passkey signature`),
      );
      const lenient = await liuzhi(verifyArgs(golden), { cwd: dir, env });
      expect(lenient.stdout).toMatch(/Approvals: 0 signed by the reviewer's passkey, 1 by reviewers without a passkey/);
    },
    E2E_TIMEOUT,
  );

  it(`has at least 30 distinct tamperings (${SCENARIOS.length})`, () => {
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(SCENARIOS.map((s, i) => [i + 1, s.name, s] as const))(
    "%i. names %s",
    async (i, _name, scenario) => {
      const file = join(dir, `tampered-${i}.sqlite`);
      copyFileSync(golden, file);
      const d = new Database(file);
      try {
        scenario.tamper(d);
      } finally {
        d.close();
      }
      await scenario.after?.(file);
      const args = (scenario.args ?? []).map((a) => (a === "PUBLISHED" ? publishedHead : a));
      const result = await liuzhi([...verifyArgs(file), ...args], { cwd: dir, env });
      expect(result.status, result.stdout).toBe(1);
      expect(result.stderr).toMatch(scenario.names);
    },
    E2E_TIMEOUT,
  );
});
