import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { verifyAuditLog } from "../src/audit/index.ts";
import { editingRoutes } from "../src/server/editing/index.ts";
import {
  call,
  type Fixture,
  observationRow,
  openFixture,
  PASSWORD,
  sourceRow,
  USERS,
  type Who,
  writeState,
} from "./support/editing-fixture.ts";

let fx: Fixture;
let app: Hono;
let draftId: string; // eddie's draft, for the review routes

beforeAll(async () => {
  fx = await openFixture();
  app = editingRoutes({ db: fx.db, secureCookies: false });
  const r = await call(app, "POST", "/api/edit/changes", {
    session: await fx.session("editor"),
    json: { table: "observations", action: "create", row: await observationRow(fx.db, "sec-draft-1"), reason: "r" },
  });
  draftId = ((await r.json()) as { change: { id: string } }).change.id;
});
afterAll(async () => fx?.close());

interface WriteRoute {
  readonly name: string;
  readonly method: string;
  readonly path: () => string;
  readonly kind: "json" | "form";
  readonly body: () => Promise<Record<string, unknown>>;
  /** The least role the route needs, and a user who has it. */
  readonly allowed: Who;
  /** A user whose role is too low, if any role is (signing out is open to all). */
  readonly tooLow: Who | null;
}

const proposal = async () => ({
  table: "observations",
  action: "create",
  row: await observationRow(fx.db, `sec-new-${Math.random().toString(36).slice(2, 8)}`),
  reason: "attack",
});
const formProposal = async () => {
  const p = await proposal();
  return { _table: p.table, _action: p.action, ...p.row, reason: p.reason };
};

const WRITE_ROUTES: ReadonlyArray<WriteRoute> = [
  {
    name: "JSON sign-out",
    method: "DELETE",
    path: () => "/api/edit/session",
    kind: "json",
    body: async () => ({}),
    allowed: "viewer",
    tooLow: null,
  },
  {
    name: "JSON propose",
    method: "POST",
    path: () => "/api/edit/changes",
    kind: "json",
    body: proposal,
    allowed: "editor2",
    tooLow: "viewer",
  },
  {
    name: "JSON approve",
    method: "POST",
    path: () => `/api/edit/changes/${draftId}/approve`,
    kind: "json",
    body: async () => ({ reason: "ok" }),
    allowed: "reviewer",
    tooLow: "editor2",
  },
  {
    name: "JSON reject",
    method: "POST",
    path: () => `/api/edit/changes/${draftId}/reject`,
    kind: "json",
    body: async () => ({ reason: "no" }),
    allowed: "reviewer",
    tooLow: "editor2",
  },
  {
    name: "form sign-out",
    method: "POST",
    path: () => "/edit/logout",
    kind: "form",
    body: async () => ({}),
    allowed: "viewer",
    tooLow: null,
  },
  {
    name: "form propose",
    method: "POST",
    path: () => "/edit/changes",
    kind: "form",
    body: formProposal,
    allowed: "editor2",
    tooLow: "viewer",
  },
  {
    name: "form approve",
    method: "POST",
    path: () => `/edit/changes/${draftId}/approve`,
    kind: "form",
    body: async () => ({ reason: "ok" }),
    allowed: "reviewer",
    tooLow: "editor2",
  },
  {
    name: "form reject",
    method: "POST",
    path: () => `/edit/changes/${draftId}/reject`,
    kind: "form",
    body: async () => ({ reason: "no" }),
    allowed: "reviewer",
    tooLow: "editor2",
  },
];

async function attempt(
  route: WriteRoute,
  options: { who?: Who; csrf?: boolean | string; headers?: Record<string, string> },
) {
  const body = await route.body();
  const session = options.who ? await fx.session(options.who) : undefined;
  return call(app, route.method, route.path(), {
    session,
    ...(options.csrf !== undefined ? { csrf: options.csrf } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(route.kind === "json"
      ? { json: body }
      : { form: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) }),
  });
}

describe("every write route refuses, and writes nothing,", () => {
  for (const route of WRITE_ROUTES) {
    describe(route.name, () => {
      const refused = async (expected: number, options: Parameters<typeof attempt>[1]) => {
        // Signing in is itself recorded (a session entry): do it before taking the state to compare.
        if (options.who) await fx.session(options.who);
        const before = await writeState(fx.db);
        const r = await attempt(route, options);
        expect(r.status).toBe(expected);
        if (route.kind === "json")
          expect(((await r.json()) as { error: { status: number } }).error.status).toBe(expected);
        else expect(r.headers.get("Content-Type")).toContain("text/html");
        expect(await writeState(fx.db)).toEqual(before);
        // the session still works (sign-out did not happen)
        if (options.who)
          expect((await call(app, "GET", "/api/edit/session", { session: await fx.session(options.who) })).status).toBe(
            200,
          );
      };

      it("without a session (401)", () => refused(401, {}));
      it("without the CSRF token (403)", () => refused(403, { who: route.allowed, csrf: false }));
      it("with a wrong CSRF token (403)", () =>
        refused(403, { who: route.allowed, csrf: "forged-token-forged-token-forged-token-123" }));
      it("with another user's CSRF token (403)", async () => {
        const other = await fx.session(route.allowed === "reviewer" ? "reviewer2" : "reviewer");
        await refused(403, { who: route.allowed, csrf: other.csrf });
      });
      it("from a foreign Origin, even with the token (403)", () =>
        refused(403, { who: route.allowed, headers: { Origin: "https://evil.example" } }));
      it("as a cross-site fetch (Sec-Fetch-Site) (403)", () =>
        refused(403, { who: route.allowed, headers: { "Sec-Fetch-Site": "cross-site" } }));
      if (route.tooLow) {
        const low = route.tooLow;
        it(`with a ${USERS[low].role}'s session (403)`, () => refused(403, { who: low }));
      }
    });
  }

  it("and the JSON API refuses a form-encoded body (no cross-site form posts to it)", async () => {
    const editor = await fx.session("editor2");
    const r = await call(app, "POST", "/api/edit/changes", {
      session: editor,
      form: { table: "observations" },
      headers: { "X-CSRF-Token": editor.csrf },
    });
    expect(r.status).toBe(415);
  });

  it("and a same-origin Origin header passes", async () => {
    const r = await attempt(WRITE_ROUTES[1]!, { who: "editor2", headers: { Origin: "http://localhost" } });
    expect(r.status).toBe(201);
  });
});

describe("review rules", () => {
  it("an author cannot approve or reject their own change, even as a reviewer (403)", async () => {
    const reviewer = await fx.session("reviewer2");
    const r = await call(app, "POST", "/api/edit/changes", {
      session: reviewer,
      json: await proposal(),
    });
    expect(r.status).toBe(201);
    const own = ((await r.json()) as { change: { id: string } }).change.id;
    const before = await writeState(fx.db);
    for (const verb of ["approve", "reject"]) {
      const api = await call(app, "POST", `/api/edit/changes/${own}/${verb}`, {
        session: reviewer,
        json: { reason: "mine" },
      });
      expect(api.status).toBe(403);
      expect(((await api.json()) as { error: { message: string } }).error.message).toContain("other than its author");
      const form = await call(app, "POST", `/edit/changes/${own}/${verb}`, {
        session: reviewer,
        form: { reason: "mine" },
      });
      expect(form.status).toBe(403);
    }
    expect(await writeState(fx.db)).toEqual(before);
    const page = await (await call(app, "GET", `/edit/changes/${own}`, { session: reviewer })).text();
    expect(page).not.toContain("/approve");
  });

  it("a disabled account's session stops working", async () => {
    await createUser(fx.db, { name: "leaver", role: "editor", password: PASSWORD, actor: "admin" });
    const login = await call(app, "POST", "/api/edit/session", { json: { name: "leaver", password: PASSWORD } });
    const session = {
      cookie: login.headers.get("Set-Cookie")!.split(";")[0]!,
      csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    expect((await call(app, "GET", "/api/edit/changes", { session })).status).toBe(200);
    await fx.db.updateTable("users").set({ disabled: 1 }).where("name", "=", "leaver").execute();
    expect((await call(app, "GET", "/api/edit/changes", { session })).status).toBe(401);
  });
});

describe("sign-in brute force", () => {
  it("delays the name after 5 failures (no lock), then answers 429 per address after 20 attempts", async () => {
    const limited = editingRoutes({ db: fx.db, secureCookies: false });
    await createUser(fx.db, { name: "target", role: "editor", password: PASSWORD, actor: "admin" });
    const ip = "203.0.113.7";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(limited, "POST", "/api/edit/session", {
        ip,
        json: { name: "target", password: `guess number ${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // while the name's delay runs, even the right password waits (from a browser never signed in with it)
    const right = await call(limited, "POST", "/edit/login", { ip, form: { name: "target", password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(right.headers.get("Set-Cookie")).toBeNull();
    expect(await right.text()).toContain("too many failed sign-ins for this name");
    // other names from the same address, until the address's limit
    for (let i = 6; i < 20; i++) {
      const r = await call(limited, "POST", "/api/edit/session", {
        ip,
        json: { name: `nobody${i}`, password: "whatever-whatever" },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await call(limited, "POST", "/api/edit/session", {
      ip,
      json: { name: "eddie", password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { status: number } }).error.status).toBe(429);
    expect(
      (await call(limited, "POST", "/edit/login", { ip, form: { name: "eddie", password: PASSWORD } })).status,
    ).toBe(429);
    expect(
      (await call(limited, "POST", "/edit/setup", { ip, form: { token: "x", password: "y", repeat: "y" } })).status,
    ).toBe(429);
    // another address is not limited
    const elsewhere = await call(limited, "POST", "/api/edit/session", {
      ip: "198.51.100.9",
      json: { name: "eddie", password: PASSWORD },
    });
    expect(elsewhere.status).toBe(200);
  });
});

const SQL = ["'; DROP TABLE observations; --", '" OR 1=1 --'] as const;

describe("SQL metacharacters", () => {
  it("are stored literally in every free-text field, and refused by validation in every other, tables intact", async () => {
    const editor = await fx.session("editor");
    const reviewer = await fx.session("reviewer");
    const countBefore = (
      await fx.db
        .selectFrom("observations")
        .select((e) => e.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    const base = await observationRow(fx.db, "sql-literal-1");
    const text = ["period_label", "locator", "quote", "quote_en", "note"] as const;
    const payloadRow = { ...base, ...Object.fromEntries(text.map((c, i) => [c, SQL[i % 2]!])) };
    const r = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: { _table: "observations", _action: "create", ...payloadRow, reason: SQL[0] },
    });
    expect(r.status).toBe(303);
    const id = r.headers.get("Location")!.split("/").pop()!;
    expect(
      (await call(app, "POST", `/edit/changes/${id}/approve`, { session: reviewer, form: { reason: SQL[1] } })).status,
    ).toBe(303);
    const stored = await fx.db
      .selectFrom("observations")
      .selectAll()
      .where("id", "=", "sql-literal-1")
      .executeTakeFirstOrThrow();
    for (const [i, c] of text.entries()) expect(stored[c]).toBe(SQL[i % 2]);
    const change = await fx.db.selectFrom("changes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([change.reason, change.review_reason]).toEqual([SQL[0], SQL[1]]);

    // every other field of both tables: a validation error naming that field, nothing written
    const src = await sourceRow("sql-source-1");
    for (const [table, row] of [
      ["observations", base],
      ["sources", src],
    ] as const) {
      for (const column of Object.keys(row)) {
        if (
          (text as ReadonlyArray<string>).includes(column) ||
          ["title", "publisher", "cited_in", "note"].includes(column)
        )
          continue;
        for (const payload of SQL) {
          const before = await writeState(fx.db);
          const res = await call(app, "POST", "/api/edit/changes", {
            session: editor,
            json: {
              table,
              action: "create",
              row: { ...row, id: column === "id" ? payload : `${row.id}-x`, [column]: payload },
              reason: payload,
            },
          });
          expect(res.status, `${table}.${column}`).toBe(400);
          const body = (await res.json()) as { error: { issues: Array<{ column: string }> } };
          expect(
            body.error.issues.map((i) => i.column),
            `${table}.${column}`,
          ).toContain(column);
          expect(await writeState(fx.db)).toEqual(before);
        }
      }
    }
    // sources' free text stored literally
    const s = await call(app, "POST", "/api/edit/changes", {
      session: editor,
      json: {
        table: "sources",
        action: "create",
        row: { ...src, publisher: SQL[0], title: SQL[1], cited_in: SQL[0], note: SQL[1] },
        reason: SQL[1],
      },
    });
    expect(s.status).toBe(201);
    const sid = ((await s.json()) as { change: { id: string } }).change.id;
    expect(
      (await call(app, "POST", `/api/edit/changes/${sid}/approve`, { session: reviewer, json: { reason: SQL[0] } }))
        .status,
    ).toBe(200);
    expect(
      await fx.db
        .selectFrom("sources")
        .select(["publisher", "title", "cited_in", "note"])
        .where("id", "=", "sql-source-1")
        .executeTakeFirstOrThrow(),
    ).toEqual({
      publisher: SQL[0],
      title: SQL[1],
      cited_in: SQL[0],
      note: SQL[1],
    });

    // query parameters, path parameters, the sign-in name and the setup token
    for (const payload of SQL) {
      const q = encodeURIComponent(payload);
      expect((await call(app, "GET", `/api/edit/changes?status=${q}`, { session: editor })).status).toBe(400);
      expect((await call(app, "GET", `/api/edit/changes/${q}`, { session: editor })).status).toBe(404);
      expect((await call(app, "GET", `/edit/changes/${q}`, { session: editor })).status).toBe(404);
      const h = await call(app, "GET", `/api/edit/observations/${q}/history`, { session: editor });
      expect(h.status).toBe(200);
      expect(await h.json()).toEqual({ entries: [] });
      expect((await call(app, "GET", `/edit/observations/${q}/history`, { session: editor })).status).toBe(200);
      expect((await call(app, "GET", `/edit/correct?table=observations&id=${q}`, { session: editor })).status).toBe(
        404,
      );
      expect((await call(app, "GET", `/edit/correct?table=${q}&id=${q}`, { session: editor })).status).toBe(400);
      expect((await call(app, "GET", `/edit/history?table=${q}&id=${q}`, { session: editor })).status).toBe(400);
      expect((await call(app, "POST", `/api/edit/changes/${q}/approve`, { session: reviewer, json: {} })).status).toBe(
        404,
      );
      expect(
        (await call(app, "POST", "/api/edit/session", { ip: "192.0.2.50", json: { name: payload, password: payload } }))
          .status,
      ).toBe(401);
      expect(
        (
          await call(app, "POST", "/edit/setup", {
            ip: "192.0.2.50",
            form: { token: payload, password: "a long new password", repeat: "a long new password" },
          })
        ).status,
      ).toBe(400);
    }

    const tables = await fx.db
      .selectFrom("sqlite_master" as never)
      .select("name" as never)
      .where("type" as never, "=", "table" as never)
      .execute();
    expect((tables as Array<{ name: string }>).map((t) => t.name)).toEqual(
      expect.arrayContaining(["observations", "sources", "users", "changes", "audit_log"]),
    );
    const countAfter = (
      await fx.db
        .selectFrom("observations")
        .select((e) => e.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(countAfter)).toBe(Number(countBefore) + 1);
    expect((await fx.db.selectFrom("users").selectAll().execute()).length).toBeGreaterThanOrEqual(5);
    expect((await verifyAuditLog(fx.db)).ok).toBe(true);
  });
});
