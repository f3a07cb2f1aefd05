/** Shared set-up of the editing tests: a real SQLite ledger (shipped data), real accounts, sessions, request helpers. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { createSession, createUser } from "../../src/accounts/index.ts";
import { readAuditHead } from "../../src/audit/index.ts";
import { openLedger } from "../../src/ledger/index.ts";
import type { LedgerDb } from "../../src/store/index.ts";

export const PASSWORD = "correct horse battery staple";

/** One account per role, and a second editor and reviewer for cross-user checks. */
export const USERS = {
  viewer: { name: "vera", role: "viewer" },
  editor: { name: "eddie", role: "editor" },
  editor2: { name: "emma", role: "editor" },
  reviewer: { name: "rosa", role: "reviewer" },
  reviewer2: { name: "ravi", role: "reviewer" },
} as const;
export type Who = keyof typeof USERS;

export interface Fixture {
  readonly db: LedgerDb;
  readonly dir: string;
  /** A signed-in session (cookie header and CSRF token), created once per user. */
  session(who: Who): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

export async function openFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-editing-"));
  const { db } = await openLedger({ kind: "sqlite", file: join(dir, "ledger.sqlite") }, {});
  await Promise.all(
    Object.values(USERS).map((u) => createUser(db, { name: u.name, role: u.role, password: PASSWORD, actor: "admin" })),
  );
  const sessions = new Map<Who, { cookie: string; csrf: string }>();
  return {
    db,
    dir,
    async session(who) {
      let s = sessions.get(who);
      if (!s) {
        const { token, csrfToken } = await createSession(db, USERS[who].name);
        s = { cookie: `lz_session=${token}`, csrf: csrfToken };
        sessions.set(who, s);
      }
      return s;
    },
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Call {
  readonly session?: { cookie: string; csrf: string } | undefined;
  /** Send the session's CSRF token (default), none (false) or this string. */
  readonly csrf?: boolean | string;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** The connection's peer address as @hono/node-server passes it. */
  readonly ip?: string;
}

/** One request to the app: JSON bodies carry the token in X-CSRF-Token, forms in the `csrf` field. */
export function call(app: Hono, method: string, path: string, options: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.session) headers.Cookie = options.session.cookie;
  const token =
    options.csrf === false || !options.session
      ? typeof options.csrf === "string"
        ? options.csrf
        : null
      : typeof options.csrf === "string"
        ? options.csrf
        : options.session.csrf;
  let body: string | undefined;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    const fields = { ...options.form, ...(token !== null ? { csrf: token } : {}) };
    body = new URLSearchParams(fields).toString();
  } else {
    if (token !== null) headers["X-CSRF-Token"] = token;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
  }
  const env = options.ip ? { incoming: { socket: { remoteAddress: options.ip } } } : undefined;
  return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }, env));
}

/** What a proposal's writes touch: the audit head and the changes table. */
export async function writeState(db: LedgerDb) {
  const head = await readAuditHead(db);
  const changes = await db.selectFrom("changes").select(["id", "status"]).orderBy("id").execute();
  return { head, changes };
}

/** A valid new observation (a copy of a shipped one under a new id). */
export async function observationRow(db: LedgerDb, id: string): Promise<Record<string, string>> {
  const row = await db.selectFrom("observations").selectAll().orderBy("id").executeTakeFirstOrThrow();
  return Object.fromEntries(
    Object.entries({ ...row, id }).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]),
  );
}

export async function sourceRow(id: string): Promise<Record<string, string>> {
  return {
    id,
    publisher: "Central Commission for Discipline Inspection",
    title: "测试标题",
    title_lang: "zh",
    published: "2024-01-15",
    url: "https://www.ccdi.gov.cn/example",
    archived_url: "",
    cited_in: "",
    note: "",
  };
}
