/**
 * A session row written straight into the database of a running `liuzhi serve` (with a server audit
 * key) opens nothing: not on its own, and not with a session entry forged at the end of the log
 * (hash-chained correctly, but not signed with the server's key). A real sign-in still works.
 */
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, entryHash } from "../src/audit/index.ts";
import { E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { PASSWORD, type ServedEditing, serveWithAccounts } from "./support/editing-server.ts";

let dir: string;
let served: ServedEditing;
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  dir = makeTempDir();
  const key = join(dir, "audit.key");
  expect((await liuzhi(["audit", "keygen", "--out", key], { cwd: dir })).status).toBe(0);
  served = await serveWithAccounts(dir, { admin: "admin" }, { LIUZHI_AUDIT_KEY_FILE: key });
}, E2E_TIMEOUT);
afterAll(async () => {
  await served?.stop();
  removeDir(dir);
});

/** What the server says about a cookie: 200 with the account, or 401. */
async function whoIs(token: string) {
  const r = await fetch(`${served.base}/api/edit/session`, { headers: { cookie: `lz_session=${token}` } });
  return r.status;
}

describe("sessions only the software started", () => {
  it(
    "refuses an inserted session row, with or without a forged log entry, and accepts a real one",
    async () => {
      const token = randomBytes(32).toString("base64url");
      const expires = "2099-01-01T00:00:00.000Z";
      const d = new Database(served.db);
      try {
        d.prepare("insert into sessions values (?, 'admin', 'csrf', '2026-01-01T00:00:00.000Z', ?)").run(
          sha(token),
          expires,
        );
      } finally {
        d.close();
      }
      expect(await whoIs(token)).toBe(401);

      const e = new Database(served.db);
      try {
        const head = e.prepare("select seq, hash from audit_head where id = 1").get() as { seq: number; hash: string };
        const fields = {
          seq: head.seq + 1,
          at: new Date().toISOString(),
          actor: "admin",
          action: "session",
          entity: "sessions",
          entity_id: sha(sha(token)),
          before_json: null,
          after_json: canonicalJson({ user_name: "admin", expires_at: expires }),
          reason: null,
          prev_hash: head.hash,
        };
        const hash = entryHash(fields);
        e.prepare(
          "insert into audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash, signature) values (@seq, @at, @actor, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash, null)",
        ).run({ ...fields, hash });
        e.prepare("update audit_head set seq = ?, hash = ? where id = 1").run(fields.seq, hash);
      } finally {
        e.close();
      }
      expect(await whoIs(token)).toBe(401);

      const login = await fetch(`${served.base}/api/edit/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "admin", password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const real = login.headers
        .getSetCookie()
        .find((c) => c.startsWith("lz_session="))!
        .split(";")[0]!
        .slice("lz_session=".length);
      expect(await whoIs(real)).toBe(200);
    },
    E2E_TIMEOUT,
  );
});
