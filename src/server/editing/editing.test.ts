import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  type Fixture,
  observationRow,
  openFixture,
  PASSWORD,
  USERS,
} from "../../../test/support/editing-fixture.ts";
import { createUser } from "../../accounts/index.ts";
import { verifyAuditLog } from "../../audit/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { createApp } from "../app.ts";
import { editingRoutes, escapeHtml, html } from "./index.ts";

let fx: Fixture;
let app: Hono;

beforeAll(async () => {
  fx = await openFixture();
  app = editingRoutes({ db: fx.db, secureCookies: false });
});
afterAll(async () => fx?.close());

const text = (r: Response) => r.text();

describe("html", () => {
  it("escapes every interpolation unless it is markup made by html itself", () => {
    expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;");
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p title="${'"><script>'}">${inner}${["<", html`<br>`]}${null}${undefined}${false}${0}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;"><b>&lt;i&gt;</b>&lt;<br>0</p>',
    );
  });
});

describe("sign-in and sessions", () => {
  it("answers 401 in the one error shape without a session, and redirects pages to the sign-in form", async () => {
    const r = await call(app, "GET", "/api/edit/changes");
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: { status: 401, message: "sign in first" } });
    const page = await call(app, "GET", "/edit");
    expect(page.status).toBe(303);
    expect(page.headers.get("Location")).toBe("/edit/login");
  });

  it("signs in over JSON with an HttpOnly, SameSite=Strict cookie (Secure unless told otherwise) and returns the CSRF token", async () => {
    const r = await call(app, "POST", "/api/edit/session", { json: { name: USERS.editor.name, password: PASSWORD } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { user: { name: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ name: "eddie", role: "editor" });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = r.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^lz_session=[\w-]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    expect(r.headers.get("Cache-Control")).toBe("no-store");
    const session = { cookie: cookie.split(";")[0]!, csrf: body.csrfToken };
    const me = await call(app, "GET", "/api/edit/session", { session });
    expect(await me.json()).toMatchObject({ user: { name: "eddie" }, csrfToken: body.csrfToken });

    const secure = editingRoutes({ db: fx.db, secureCookies: true });
    const r2 = await call(secure, "POST", "/api/edit/session", { json: { name: "eddie", password: PASSWORD } });
    expect(r2.headers.get("Set-Cookie")).toContain("Secure");

    const out = await call(app, "DELETE", "/api/edit/session", { session });
    expect(out.status).toBe(204);
    expect(out.headers.get("Set-Cookie")).toMatch(/lz_session=;.*Max-Age=0/);
    expect((await call(app, "GET", "/api/edit/session", { session })).status).toBe(401);
  });

  it("signs in and out with the HTML forms", async () => {
    const bad = await call(app, "POST", "/edit/login", { form: { name: "eddie", password: "wrong password!!" } });
    expect(bad.status).toBe(401);
    expect(await text(bad)).toContain("wrong name or password");
    const good = await call(app, "POST", "/edit/login", { form: { name: "eddie", password: PASSWORD } });
    expect(good.status).toBe(303);
    expect(good.headers.get("Location")).toBe("/edit");
    const cookie = good.headers.get("Set-Cookie")!.split(";")[0]!;
    const dash = await call(app, "GET", "/edit", { headers: { Cookie: cookie } });
    const page = await text(dash);
    expect(page).toContain("Signed in as <strong>eddie</strong>");
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await call(app, "POST", "/edit/logout", { session: { cookie, csrf } });
    expect(out.status).toBe(303);
    expect((await call(app, "GET", "/edit", { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it("sets a password through a one-time setup link (#token moved by setup.js, or ?token=)", async () => {
    const { setupToken } = await createUser(fx.db, { name: "newcomer", role: "editor", actor: "admin" });
    const form = await text(await call(app, "GET", "/edit/setup"));
    expect(form).toContain('<script src="/edit/static/setup.js" defer></script>');
    expect(form).toContain('id="setup-token" name="token" value=""');
    const prefilled = await text(await call(app, "GET", `/edit/setup?token=${setupToken}`));
    expect(prefilled).toContain(`value="${setupToken}"`);
    const js = await call(app, "GET", "/edit/static/setup.js");
    expect(js.headers.get("Content-Type")).toContain("javascript");
    expect(await text(js)).toContain("location.hash");

    const differ = await call(app, "POST", "/edit/setup", {
      form: { token: setupToken!, password: "a long new password", repeat: "another one entirely" },
    });
    expect(differ.status).toBe(400);
    const ok = await call(app, "POST", "/edit/setup", {
      form: { token: setupToken!, password: "a long new password", repeat: "a long new password" },
    });
    expect(ok.status).toBe(200);
    expect(await text(ok)).toContain("Your password is set");
    const again = await call(app, "POST", "/edit/setup", {
      form: { token: setupToken!, password: "a long new password", repeat: "a long new password" },
    });
    expect(again.status).toBe(400);
    expect(await text(again)).toContain("not valid");
    const login = await call(app, "POST", "/api/edit/session", {
      json: { name: "newcomer", password: "a long new password" },
    });
    expect(login.status).toBe(200);
  });
});

describe("proposals, reviews and history", () => {
  it("shows each validation error next to the field it names, keeping what was typed", async () => {
    const editor = await fx.session("editor");
    const row = await observationRow(fx.db, "form-check-1");
    const r = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: { _table: "observations", _action: "create", ...row, value: "12,000", id: "Bad Id", reason: "x" },
    });
    expect(r.status).toBe(400);
    const page = await text(r);
    const valueField = /<div class="field invalid">\s*<label for="f-value">[\s\S]*?<\/div>/.exec(page)?.[0] ?? "";
    expect(valueField).toContain('value="12,000"');
    expect(valueField).toMatch(/<p class="error" id="e-value">The figure: must be a non-negative number/);
    expect(page).toMatch(/<p class="error" id="e-id">Identifier of this figure: must use lower-case letters/);
    // Every problem at once, the missing reason among them, counted in the summary.
    expect(page).toContain("2 problems, marked at the fields below");
    expect(page).toContain('value="Bad Id"');
    expect(page).not.toMatch(/id="e-measure"/);
    const period = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: { _table: "observations", _action: "create", ...row, period_end: "2000-01-01", reason: "x" },
    });
    const endField =
      /<div class="field invalid">\s*<label for="f-period_end">[\s\S]*?<\/div>/.exec(await text(period))?.[0] ?? "";
    expect(endField).toContain("ends (2000-01-01) before the period starts");

    const noReason = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: { _table: "observations", _action: "create", ...row, reason: "  " },
    });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('<p class="error" id="e-reason">Reason for this change: is required</p>');

    const api = await call(app, "POST", "/api/edit/changes", {
      session: editor,
      json: { table: "observations", action: "create", row: { ...row, value: "x" }, reason: "r" },
    });
    expect(api.status).toBe(400);
    const body = (await api.json()) as { error: { status: number; issues: Array<{ column: string }> } };
    expect(body.error.status).toBe(400);
    expect(body.error.issues.map((i) => i.column)).toEqual(["value"]);
  });

  it("every form page offers every column of the import's schema, with no inline script or style", async () => {
    const editor = await fx.session("editor");
    for (const [path, columns] of [
      [
        "/edit/new/observations",
        [
          "id",
          "measure",
          "jurisdiction",
          "period_start",
          "period_end",
          "period_label",
          "value",
          "qualifier",
          "unit",
          "scope",
          "derivation",
          "source_id",
          "locator",
          "quote",
          "quote_lang",
          "quote_en",
          "note",
        ],
      ],
      [
        "/edit/new/sources",
        ["id", "publisher", "title", "title_lang", "published", "url", "archived_url", "cited_in", "note"],
      ],
    ] as const) {
      const page = await text(await call(app, "GET", path, { session: editor }));
      for (const c of columns) expect(page).toContain(`name="${c}"`);
      expect(page).toContain('name="reason"');
      expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(page).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
  });

  it("walks a draft from an editor's form to a reviewer's approval; the public API sees it only then", async () => {
    let publicApp = createApp({ ledger: await readLedger(fx.db), version: "test" });
    const root = new Hono();
    root.route(
      "/",
      editingRoutes({
        db: fx.db,
        secureCookies: false,
        onApproved: async () => {
          publicApp = createApp({ ledger: await readLedger(fx.db), version: "test" });
        },
      }),
    );
    root.all("*", (c) => publicApp.fetch(c.req.raw));

    const editor = await fx.session("editor");
    const reviewer = await fx.session("reviewer");
    const row = await observationRow(fx.db, "e2e-flow-1");
    const proposed = await call(root, "POST", "/edit/changes", {
      session: editor,
      form: {
        _table: "observations",
        _action: "create",
        ...row,
        value: "4321",
        reason: "Read from the 2024 work report",
      },
    });
    expect(proposed.status).toBe(303);
    const changePath = proposed.headers.get("Location")!;
    expect(changePath).toMatch(/^\/edit\/changes\/[0-9a-f-]{36}$/);
    const changeId = changePath.split("/").pop()!;

    const published = async () => (await (await root.request("/api/observations")).text()).includes("e2e-flow-1");
    expect(await published()).toBe(false);

    const own = await text(await call(root, "GET", changePath, { session: editor }));
    expect(own).toContain("waits for a reviewer other than you");
    expect(own).not.toContain("/approve");
    const dash = await text(await call(root, "GET", "/edit", { session: reviewer }));
    expect(dash).toMatch(/Awaiting your review[\s\S]*e2e-flow-1/);
    const view = await text(await call(root, "GET", changePath, { session: reviewer }));
    expect(view).toContain(`action="/edit/changes/${changeId}/approve"`);
    expect(view).toContain("4321");

    const approved = await call(root, "POST", `${changePath}/approve`, {
      session: reviewer,
      form: { reason: "checked against the PDF" },
    });
    expect(approved.status).toBe(303);
    expect(await published()).toBe(true);
    expect(await text(await call(root, "GET", changePath, { session: reviewer }))).toMatch(/status-approved">approved/);

    const history = await text(await call(root, "GET", "/edit/observations/e2e-flow-1/history", { session: editor }));
    expect(history).toMatch(/propose by eddie[\s\S]*Read from the 2024 work report/);
    expect(history).toMatch(/approve by rosa[\s\S]*checked against the PDF/);
    const json = (await (
      await call(root, "GET", "/api/edit/observations/e2e-flow-1/history", { session: editor })
    ).json()) as {
      entries: Array<{ action: string; actor: string; before: unknown; after: { value: number } }>;
    };
    expect(json.entries.map((e) => [e.action, e.actor])).toEqual([
      ["propose", "eddie"],
      ["approve", "rosa"],
    ]);
    expect(json.entries[1]!.after.value).toBe(4321);
    expect((await verifyAuditLog(fx.db)).ok).toBe(true);
  });

  it("corrects an existing row (prefilled form, id locked), shows before and after, and rejects with a reason", async () => {
    const editor = await fx.session("editor2");
    const reviewer = await fx.session("reviewer2");
    const target = await fx.db.selectFrom("observations").selectAll().orderBy("id").executeTakeFirstOrThrow();
    const form = await text(
      await call(app, "GET", `/edit/correct?table=observations&id=${target.id}`, { session: editor }),
    );
    expect(form).toContain(`name="id" aria-describedby="h-id" required value="${target.id}" readonly`);
    expect(form).toContain(`value="${target.value}"`);
    const correct = async (value: string) => {
      const row = await observationRow(fx.db, target.id);
      const r = await call(app, "POST", "/api/edit/changes", {
        session: editor,
        json: {
          table: "observations",
          action: "update",
          row: { ...row, value },
          reason: `value is ${value} in the source`,
        },
      });
      expect(r.status).toBe(201);
      return ((await r.json()) as { change: { id: string } }).change.id;
    };
    const first = await correct(String(target.value + 1));
    const view = await text(await call(app, "GET", `/edit/changes/${first}`, { session: reviewer }));
    expect(view).toMatch(
      new RegExp(
        `<tr class="changed"><th scope="row">The figure</th><td><div class="value">${target.value}</div></td><td><div class="value">${target.value + 1}</div>`,
      ),
    );

    const noReason = await call(app, "POST", `/edit/changes/${first}/reject`, {
      session: reviewer,
      form: { reason: "" },
    });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain("Reason for this change: is required");
    const rejected = await call(app, "POST", `/api/edit/changes/${first}/reject`, {
      session: reviewer,
      json: { reason: "the source says otherwise" },
    });
    expect(rejected.status).toBe(200);
    expect(((await rejected.json()) as { change: { status: string } }).change.status).toBe("rejected");
    const twice = await call(app, "POST", `/api/edit/changes/${first}/approve`, { session: reviewer });
    expect(twice.status).toBe(409);

    const second = await correct(String(target.value + 2));
    expect((await call(app, "POST", `/api/edit/changes/${second}/approve`, { session: reviewer })).status).toBe(200);
    const now = await fx.db
      .selectFrom("observations")
      .select("value")
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(now.value).toBe(target.value + 2);
    const drafts = (await (
      await call(app, "GET", "/api/edit/changes?status=rejected", { session: reviewer })
    ).json()) as {
      changes: Array<{ id: string }>;
    };
    expect(drafts.changes.map((c) => c.id)).toContain(first);
    const history = await text(
      await call(app, "GET", `/edit/observations/${target.id}/history`, { session: reviewer }),
    );
    expect(history).toContain("the source says otherwise");
    expect(history).toMatch(/reject by ravi[\s\S]*approve by ravi/);
  });

  it("lets a viewer read but offers no forms, and answers unknown changes and tables with 404", async () => {
    const viewer = await fx.session("viewer");
    const page = await text(await call(app, "GET", "/edit", { session: viewer }));
    expect(page).toContain("may read drafts and histories but not propose");
    expect((await call(app, "GET", "/api/edit/changes/nope", { session: viewer })).status).toBe(404);
    expect((await call(app, "GET", "/edit/changes/nope", { session: viewer })).status).toBe(404);
    expect((await call(app, "GET", "/edit/users/x/history", { session: viewer })).status).toBe(404);
    const r = await call(app, "GET", "/api/edit/nothing-here", { session: viewer });
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { status: 404 } });
  });
});

describe("a figure from a page not yet in the ledger, and population figures", () => {
  it("lists every problem at once, the new source's and the reason's included, keeping every value typed", async () => {
    const editor = await fx.session("editor");
    const row = await observationRow(fx.db, "with-new-source-bad");
    const r = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: {
        _table: "observations",
        _action: "create",
        ...row,
        source_id: "",
        value: "many",
        "source.id": "gov-new-page",
        "source.publisher": "",
        "source.url": "not a web address",
        reason: "",
      },
    });
    expect(r.status).toBe(400);
    const page = await text(r);
    expect(page).toMatch(/id="e-value">The figure:/);
    expect(page).toMatch(/id="e-source-publisher">Publisher: /);
    expect(page).toMatch(/id="e-source-url">Web address: /);
    expect(page).toMatch(/id="e-reason">Reason for this change: is required/);
    expect(page).toContain("4 problems, marked at the fields below");
    expect(page).toContain('value="not a web address"');
    expect(page).toContain('value="gov-new-page"');
    expect(page).toMatch(/<details class="new-source" open>/);
    expect(
      await fx.db.selectFrom("changes").select("id").where("target_id", "=", "with-new-source-bad").execute(),
    ).toEqual([]);
  });

  it("proposes a figure with its new source in one draft; approving publishes both, rejecting neither", async () => {
    const editor = await fx.session("editor");
    const reviewer = await fx.session("reviewer");
    const propose = async (id: string, sourceId: string) => {
      const row = await observationRow(fx.db, id);
      const r = await call(app, "POST", "/edit/changes", {
        session: editor,
        form: {
          _table: "observations",
          _action: "create",
          ...row,
          source_id: "",
          "source.id": sourceId,
          "source.publisher": "Yunnan Provincial Commission for Discipline Inspection",
          "source.title": "云南省纪委监委工作报告",
          "source.title_lang": "zh",
          "source.url": "https://www.ynjjjc.gov.cn/report.html",
          reason: "new provincial report",
        },
      });
      expect(r.status, await r.clone().text()).toBe(303);
      return r.headers.get("Location")!;
    };
    const approvedPath = await propose("with-new-source-1", "ynjjjc-report-1");
    const view = await text(await call(app, "GET", approvedPath, { session: reviewer }));
    expect(view).toContain("With a new source");
    expect(view).toContain("云南省纪委监委工作报告");
    // Words, never codes: each field by its label, each value of a vocabulary in words, the place by
    // its name, the new source's address a link.
    const values = view.slice(view.indexOf('<table class="diff"'));
    for (const code of ["period_start", "quote_lang", "liuzhi_placements", "source_id", "CN-YN</th>"]) {
      expect(values, code).not.toContain(code);
    }
    expect(values).toContain("liuzhi placements");
    expect(values).toMatch(/<td><div class="value">[A-Z][a-z]+ <span class="code">CN-[A-Z]{2}<\/span>/);
    expect(values).toContain('<a href="https://www.ynjjjc.gov.cn/report.html" rel="noopener noreferrer">');
    expect((await call(app, "POST", `${approvedPath}/approve`, { session: reviewer, form: {} })).status).toBe(303);
    const ledger = await readLedger(fx.db);
    expect(ledger.sources.find((s) => s.id === "ynjjjc-report-1")?.title).toBe("云南省纪委监委工作报告");
    expect(ledger.observations.find((o) => o.id === "with-new-source-1")?.source_id).toBe("ynjjjc-report-1");

    const rejectedPath = await propose("with-new-source-2", "ynjjjc-report-2");
    const rejected = await call(app, "POST", `${rejectedPath}/reject`, {
      session: reviewer,
      form: { reason: "duplicate of another report" },
    });
    expect(rejected.status).toBe(303);
    const after = await readLedger(fx.db);
    expect(after.sources.some((s) => s.id === "ynjjjc-report-2")).toBe(false);
    expect(after.observations.some((o) => o.id === "with-new-source-2")).toBe(false);
    expect((await verifyAuditLog(fx.db)).ok).toBe(true);
  });

  it("corrects a province's population through the same review, with its source required", async () => {
    const editor = await fx.session("editor");
    const reviewer = await fx.session("reviewer");
    const form = await text(await call(app, "GET", "/edit/correct?table=jurisdictions&id=CN-AH", { session: editor }));
    expect(form).toContain("Population (millions)");
    const current = await fx.db
      .selectFrom("jurisdictions")
      .selectAll()
      .where("code", "=", "CN-AH")
      .executeTakeFirstOrThrow();
    const base = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, v === null ? "" : String(v)]));
    const missingSource = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: {
        _table: "jurisdictions",
        _action: "update",
        ...base,
        population_m: "61.27",
        population_source_id: "",
        reason: "2023 yearbook",
      },
    });
    expect(missingSource.status).toBe(400);
    expect(await text(missingSource)).toMatch(
      /id="e-population_source_id">Source of the population figure: is required/,
    );
    const ok = await call(app, "POST", "/edit/changes", {
      session: editor,
      form: {
        _table: "jurisdictions",
        _action: "update",
        ...base,
        population_m: "61.27",
        population_source_id: "sd-2024-12-12",
        reason: "2023 yearbook",
      },
    });
    expect(ok.status).toBe(303);
    const path = ok.headers.get("Location")!;
    expect((await call(app, "POST", `${path}/approve`, { session: reviewer, form: {} })).status).toBe(303);
    const now = await fx.db
      .selectFrom("jurisdictions")
      .selectAll()
      .where("code", "=", "CN-AH")
      .executeTakeFirstOrThrow();
    expect(now.population_m).toBe(61.27);
    const history = await text(await call(app, "GET", "/edit/jurisdictions/CN-AH/history", { session: editor }));
    expect(history).toMatch(/approve by rosa/);
    expect((await verifyAuditLog(fx.db)).ok).toBe(true);
    const create = await call(app, "POST", "/api/edit/changes", {
      session: editor,
      json: { table: "jurisdictions", action: "create", row: { ...base, code: "CN-XX" }, reason: "r" },
    });
    expect(create.status).toBe(400);
  });
});
