/** The case register over HTTP: role checks on every route, the deadline watch, the case page, the WGEID download, the locked state, audited reads. */
import { readdirSync } from "node:fs";
import type { Hono } from "hono";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sampleCase } from "../../../test/support/cases.ts";
import { call, type Fixture, openFixture, type Who } from "../../../test/support/editing-fixture.ts";
import { readAuditLog, verifyAuditLog } from "../../audit/index.ts";
import { addCase, type CaseInput, generateKey, WGEID_ELEMENTS } from "../../cases/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { createApp } from "../app.ts";
import { editingRoutes, escapeHtml } from "./index.ts";

let fx: Fixture;
let app: Hono;
const key = generateKey();
// emma (an editor) is given a case role by name; eddie (an editor) is not.
const env = { LIUZHI_CASE_KEY: key.bytes.toString("base64"), LIUZHI_CASE_USERS: "emma, someone-else" };
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

function caseTaken(name: string, takenDaysAgo: number | null, extra: Partial<CaseInput> = {}): CaseInput {
  const base = sampleCase();
  const taken = takenDaysAgo === null ? null : daysAgo(takenDaysAgo);
  return sampleCase({
    person: { ...base.person, name_pinyin: name },
    detention: { ...base.detention, taken_on: taken },
    timeline: taken
      ? [
          { date: taken, kind: "taken", source: `source for ${name}`, confidence: "testimony" },
          {
            date: daysAgo(takenDaysAgo! - 3),
            kind: "family-not-informed",
            source: "neighbour",
            confidence: "media-report",
          },
        ]
      : [],
    ...extra,
  });
}

beforeAll(async () => {
  fx = await openFixture();
  app = editingRoutes({ db: fx.db, secureCookies: false, env });
  const ctx = { db: fx.db, key, actor: "rosa" };
  const extension = (n: number) => ({
    date: daysAgo(n - 80),
    kind: "extension-approved" as const,
    source: "official notice",
    confidence: "official-notice" as const,
  });
  // Added out of urgency order, so that the list's order is its own.
  ids.extended = await addCase(ctx, {
    ...caseTaken("Extended Held", 120),
    timeline: [...caseTaken("Extended Held", 120).timeline!, extension(120)],
  });
  ids.urgent = await addCase(ctx, caseTaken("Urgent Recent", 10));
  ids.incomplete = await addCase(
    ctx,
    sampleCase({
      person: { name_pinyin: "Incomplete Record" },
      detention: { jurisdiction: "CN-YN" },
      timeline: [],
      perpetrators: null,
      steps_taken: null,
      relatives_consent: null,
    }),
  );
  ids.term = await addCase(ctx, caseTaken("Term Passed", 120));
  ids.six = await addCase(ctx, {
    ...caseTaken("Six Months", 250, { narrative: `<script>alert("x")</script> taken at night` }),
  });
  ids.closed = await addCase(ctx, caseTaken("Closed Case", 400, { status: "closed" }));
});
afterAll(async () => fx?.close());

/** Read entries of the audit log about cases, after `seq`. */
async function readsSince(seq: number) {
  return (await readAuditLog(fx.db)).filter((e) => e.seq > seq && e.entity === "cases" && e.action === "read");
}
const headSeq = async () => (await readAuditLog(fx.db)).at(-1)?.seq ?? 0;

const routes = () => [
  { path: "/edit/cases", api: false },
  { path: `/edit/cases/${ids.six}`, api: false },
  { path: `/edit/cases/${ids.six}/wgeid.docx`, api: false },
  { path: "/api/edit/cases", api: true },
  { path: `/api/edit/cases/${ids.six}`, api: true },
  { path: `/api/edit/cases/${ids.six}/wgeid.docx`, api: true },
];

describe("role checks on every case route", () => {
  it("no session: 401 (pages send the browser to the sign-in form), nothing read", async () => {
    const before = await headSeq();
    for (const { path, api } of routes()) {
      const r = await call(app, "GET", path);
      expect(r.headers.get("Cache-Control"), path).toBe("no-store");
      if (api) expect(r.status, path).toBe(401);
      else {
        expect(r.status, path).toBe(303);
        expect(r.headers.get("Location")).toBe("/edit/login");
      }
    }
    expect(await readsSince(before)).toEqual([]);
  });

  it.each<Who>(["viewer", "editor"])("%s without a case role: 403 everywhere, nothing read", async (who) => {
    const before = await headSeq();
    for (const { path, api } of routes()) {
      const r = await call(app, "GET", path, { session: await fx.session(who) });
      expect(r.status, path).toBe(403);
      expect(r.headers.get("Cache-Control"), path).toBe("no-store");
      const body = await r.text();
      expect(body).toContain("has no case role");
      expect(body).not.toContain("Six Months");
      if (api) expect(JSON.parse(body).error.status).toBe(403);
    }
    expect(await readsSince(before)).toEqual([]);
  });

  it.each<[Who, string]>([
    ["editor2", "emma"],
    ["reviewer", "rosa"],
  ])(
    "%s with a case role (listed in LIUZHI_CASE_USERS, or a reviewer): 200 everywhere, each read audited",
    async (who, name) => {
      for (const { path } of routes()) {
        const before = await headSeq();
        const r = await call(app, "GET", path, { session: await fx.session(who) });
        expect(r.status, path).toBe(200);
        expect(r.headers.get("Cache-Control"), path).toBe("no-store");
        const reads = await readsSince(before);
        expect(reads.length, path).toBeGreaterThan(0);
        expect(reads.every((e) => e.actor === name)).toBe(true);
        if (path.endsWith("/cases")) {
          // the list opens every open case, and says so in the log: one entry each
          expect(reads.map((e) => e.entity_id).sort()).toEqual(
            [ids.six, ids.term, ids.urgent, ids.extended, ids.incomplete].sort(),
          );
        } else {
          expect(reads.map((e) => e.entity_id)).toEqual([ids.six]);
          expect(reads[0]!.reason).toMatch(path.endsWith(".docx") ? /WGEID export/ : /case view/);
        }
        // the audit entries hold no personal data
        expect(JSON.stringify(reads)).not.toContain("Six Months");
      }
      expect((await verifyAuditLog(fx.db)).ok).toBe(true);
    },
  );

  it("links the deadline watch from the dashboard only for accounts with a case role", async () => {
    for (const [who, shown] of [
      ["viewer", false],
      ["editor", false],
      ["editor2", true],
      ["reviewer", true],
    ] as const) {
      const page = await (await call(app, "GET", "/edit", { session: await fx.session(who) })).text();
      expect(page.includes('href="/edit/cases"'), who).toBe(shown);
    }
  });
});

describe("the deadline watch", () => {
  it("lists open cases by urgency with days held and the flags, and no names", async () => {
    const r = await call(app, "GET", "/api/edit/cases", { session: await fx.session("reviewer") });
    const body = (await r.json()) as {
      as_of: string;
      cases: Array<{ id: string; flags: string[]; days_held: number }>;
    };
    expect(body.as_of).toBe(daysAgo(0));
    expect(body.cases.map((c) => c.id)).toEqual([ids.six, ids.term, ids.urgent, ids.extended, ids.incomplete]);
    expect(body.cases.map((c) => c.flags)).toEqual([
      ["beyond-legal-maximum", "term-passed-no-extension"],
      ["term-passed-no-extension"],
      ["wgeid-urgent-window"],
      [],
      [],
    ]);
    expect(body.cases[0]!.days_held).toBe(251);
    expect(JSON.stringify(body)).not.toMatch(/Six Months|王小明/);

    const page = await (await call(app, "GET", "/edit/cases", { session: await fx.session("editor2") })).text();
    const order = [ids.six, ids.term, ids.urgent, ids.extended, ids.incomplete].map((id) =>
      page.indexOf(`href="/edit/cases/${id}"`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).not.toContain(ids.closed!);
    expect(page).toContain("past the legal maximum of the law in force on the day taken");
    // The law in words (its name and article), never its id; the next deadline that matters, with the legal maximum's passing emphasised.
    expect(page).toMatch(/Supervision Law[^<]*, art\. (43|48)</);
    expect(page).not.toContain("supervision-law-20");
    expect(page).toMatch(
      /<strong class="overdue" data-next="legal-maximum">legal maximum: \d{4}-\d{2}-\d{2} \(passed \d+ days ago\)<\/strong>/,
    );
    expect(page).toMatch(/data-next="extension">extension ends: /);
    expect(page).toContain("3-month term passed, no extension recorded");
    expect(page).toMatch(/inside the WGEID urgent-procedure window \(\d+ days left\)/);
    expect(page).toContain('<td data-label="days held">251</td>');
    expect(page).not.toMatch(/Six Months|王小明|Kunming/);
  });
});

describe("the case page", () => {
  it("shows the person, the detention, the timeline with source and confidence, escaped, under a strict CSP", async () => {
    const r = await call(app, "GET", `/edit/cases/${ids.six}`, { session: await fx.session("reviewer") });
    expect(r.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const page = await r.text();
    expect(page).toContain("<title>Case case-"); // the name stays out of the title (browser histories)
    expect(page).not.toMatch(/<title>[^<]*Six Months/);
    expect(page).toContain("王小明 / Six Months");
    expect(page).toContain("company office, Kunming");
    expect(page).toContain(
      `<td>${daysAgo(250)}</td><td>taken into liuzhi</td><td>source for Six Months</td><td>testimony</td>`,
    );
    expect(page).toContain("<td>family not informed</td><td>neighbour</td><td>media report</td>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; taken at night");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toMatch(/<script(?! src)|style="/);
    expect(page).toContain(`href="/edit/cases/${ids.six}/wgeid.docx"`);
  });

  it("lists each missing WGEID element when the case is not ready", async () => {
    const page = await (
      await call(app, "GET", `/edit/cases/${ids.incomplete}`, { session: await fx.session("reviewer") })
    ).text();
    for (const m of [WGEID_ELEMENTS.date, WGEID_ELEMENTS.place, WGEID_ELEMENTS.perpetrators, WGEID_ELEMENTS.steps]) {
      expect(page).toContain(`<li>${escapeHtml(m)}</li>`);
    }
    expect(page).toContain(`<li>${escapeHtml(WGEID_ELEMENTS.consent)}</li>`);
    expect(page).not.toContain("wgeid.docx");
    const json = (await (
      await call(app, "GET", `/api/edit/cases/${ids.incomplete}`, { session: await fx.session("reviewer") })
    ).json()) as { wgeid: { ready: boolean; missing: string[] } };
    expect(json.wgeid.ready).toBe(false);
    expect(json.wgeid.missing).toContain(WGEID_ELEMENTS.place);
  });

  it("answers 404 for an unknown or malformed id, without an audit entry", async () => {
    const before = await headSeq();
    for (const path of ["/edit/cases/case-000000000000", "/api/edit/cases/case-000000000000", "/api/edit/cases/x'y"]) {
      expect((await call(app, "GET", path, { session: await fx.session("reviewer") })).status, path).toBe(404);
    }
    expect(await readsSince(before)).toEqual([]);
  });
});

describe("the WGEID download", () => {
  it("streams a docx (not written to disk) holding the name and the minimum elements", async () => {
    const filesBefore = readdirSync(fx.dir).sort();
    for (const prefix of ["/edit/cases", "/api/edit/cases"]) {
      const r = await call(app, "GET", `${prefix}/${ids.six}/wgeid.docx`, { session: await fx.session("editor2") });
      expect(r.status).toBe(200);
      expect(r.headers.get("Content-Type")).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      expect(r.headers.get("Content-Disposition")).toBe(`attachment; filename="wgeid-${ids.six}.docx"`);
      const zip = await JSZip.loadAsync(await r.arrayBuffer());
      const xml = await zip.file("word/document.xml")!.async("string");
      const [y, m, d] = daysAgo(250).split("-");
      for (const expected of [
        "王小明",
        "Six Months",
        "1970",
        "deputy director",
        `>${y}<`,
        `>${m}<`,
        `>${d}<`,
        "company office, Kunming",
        "Yunnan Provincial Supervisory Commission",
        "petitioned the local procuratorate",
        "Documentation Group Z",
        "CONFIDENTIAL",
        "source for Six Months",
      ]) {
        expect(xml, expected).toContain(expected);
      }
    }
    expect(readdirSync(fx.dir).sort()).toEqual(filesBefore);
    expect(await fx.db.selectFrom("case_exports").selectAll().execute()).toEqual([]);
  });

  it("refuses with 409, naming each missing element (the read still audited)", async () => {
    const before = await headSeq();
    const page = await call(app, "GET", `/edit/cases/${ids.incomplete}/wgeid.docx`, {
      session: await fx.session("reviewer"),
    });
    expect(page.status).toBe(409);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    const text = await page.text();
    const missing = [
      WGEID_ELEMENTS.identifying,
      WGEID_ELEMENTS.date,
      WGEID_ELEMENTS.place,
      WGEID_ELEMENTS.perpetrators,
      WGEID_ELEMENTS.steps,
      WGEID_ELEMENTS.consent,
    ];
    for (const m of missing) expect(text).toContain(`<li>${escapeHtml(m)}</li>`);

    const api = await call(app, "GET", `/api/edit/cases/${ids.incomplete}/wgeid.docx`, {
      session: await fx.session("reviewer"),
    });
    expect(api.status).toBe(409);
    const body = (await api.json()) as { error: { issues: Array<{ column: string; message: string }> } };
    expect(body.error.issues.map((i) => i.message)).toEqual(missing);
    expect(body.error.issues.map((i) => i.column)).toEqual([
      "identifying",
      "date",
      "place",
      "perpetrators",
      "steps",
      "consent",
    ]);
    expect((await readsSince(before)).map((e) => e.entity_id)).toEqual([ids.incomplete, ids.incomplete]);
  });
});

describe("without the key", () => {
  it("says that cases are locked (503) on every case route, to case roles only; the rest works", async () => {
    const locked = editingRoutes({ db: fx.db, secureCookies: false, env: { LIUZHI_CASE_USERS: "emma" } });
    const before = await headSeq();
    for (const { path, api } of routes()) {
      const r = await call(locked, "GET", path, { session: await fx.session("editor2") });
      expect(r.status, path).toBe(503);
      expect(r.headers.get("Cache-Control")).toBe("no-store");
      const body = await r.text();
      expect(body).toContain("cases are locked");
      if (api) expect(JSON.parse(body).error.status).toBe(503);
      const viewer = await call(locked, "GET", path, { session: await fx.session("viewer") });
      expect(viewer.status).toBe(403);
    }
    expect(await readsSince(before)).toEqual([]);
    const dash = await call(locked, "GET", "/edit", { session: await fx.session("reviewer") });
    expect(dash.status).toBe(200);
    expect(await dash.text()).toContain("(locked: no case key)");
    expect((await call(locked, "GET", "/api/edit/changes", { session: await fx.session("viewer") })).status).toBe(200);
  });

  it("the whole server starts without a key, serves public data and says cases are locked", async () => {
    const server = createApp({ ledger: await readLedger(fx.db), version: "test", db: fx.db, env: {} });
    expect((await call(server, "GET", "/api")).status).toBe(200);
    expect((await call(server, "GET", "/api/jurisdictions")).status).toBe(200);
    const r = await call(server, "GET", "/api/edit/cases", { session: await fx.session("reviewer") });
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/^cases are locked/);
  });

  it("a key that does not load also locks, without its detail on the page", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const bad = editingRoutes({
        db: fx.db,
        secureCookies: false,
        env: { LIUZHI_CASE_KEY_FILE: "/nonexistent/secret/case.key" },
      });
      expect(spy).toHaveBeenCalledWith(expect.stringContaining("/nonexistent/secret/case.key"));
      const r = await call(bad, "GET", "/edit/cases", { session: await fx.session("reviewer") });
      expect(r.status).toBe(503);
      const page = await r.text();
      expect(page).toContain("cases are locked");
      expect(page).not.toContain("/nonexistent/secret");
    } finally {
      spy.mockRestore();
    }
  });

  it("a key passed in the deps opens cases whatever the environment says", async () => {
    const withKey = editingRoutes({ db: fx.db, secureCookies: false, env: {}, caseKey: key });
    expect((await call(withKey, "GET", "/api/edit/cases", { session: await fx.session("reviewer") })).status).toBe(200);
    const none = editingRoutes({ db: fx.db, secureCookies: false, env, caseKey: null });
    expect((await call(none, "GET", "/api/edit/cases", { session: await fx.session("reviewer") })).status).toBe(503);
  });
});

describe("the case forms", () => {
  const newCase = {
    "person.name_zh": "李四",
    "person.name_pinyin": "Li Si",
    "person.sex": "male",
    "person.birth_year": "1965",
    "detention.taken_on": daysAgo(20),
    "detention.jurisdiction": "CN-YN",
    "detention.commission_level": "provincial",
    status: "open",
    "submitter.name": "Group Z",
    "submitter.confidential": "on",
  };

  it("records a case from the form, encrypted and audited, and answers errors at their fields keeping the values", async () => {
    const reviewer = await fx.session("reviewer");
    const bad = await call(app, "POST", "/edit/cases", {
      session: reviewer,
      form: {
        ...newCase,
        "person.name_zh": "",
        "person.name_pinyin": "",
        "person.birth_year": "abc",
        "detention.jurisdiction": "CN-XX",
      },
    });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toMatch(/id="e-person-name_zh">Name in Chinese: needs a name/);
    expect(page).toMatch(/id="e-person-birth_year">Year of birth: /);
    expect(page).toContain('value="abc"');
    expect(page).toContain('value="CN-XX"');
    const before = await headSeq();
    const ok = await call(app, "POST", "/edit/cases", { session: reviewer, form: newCase });
    expect(ok.status).toBe(303);
    const id = ok.headers.get("Location")!.split("/").pop()!;
    expect(id).toMatch(/^case-[0-9a-f]{12}$/);
    const row = await fx.db.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.payload).not.toContain("Li Si");
    const log = (await readAuditLog(fx.db)).filter((e) => e.seq > before);
    expect(log.map((e) => [e.action, e.entity, e.entity_id, e.actor])).toEqual([["import", "cases", id, "rosa"]]);
    expect(JSON.stringify(log)).not.toContain("Li Si");
    ids.formCase = id;
  });

  it("adds a timeline event from the case's vocabulary, and the deadline status follows", async () => {
    const reviewer = await fx.session("reviewer");
    const page = await (await call(app, "GET", `/edit/cases/${ids.formCase}`, { session: reviewer })).text();
    for (const kind of ["extension-approved", "released", "wgeid-communication-sent", "wgeid-reply-received"]) {
      expect(page).toContain(`<option value="${kind}"`);
    }
    expect(page).toContain("inside the WGEID urgent-procedure window");
    const missing = await call(app, "POST", `/edit/cases/${ids.formCase}/events`, {
      session: reviewer,
      form: { "event.date": "", "event.kind": "released", "event.source": "", "event.confidence": "testimony" },
    });
    expect(missing.status).toBe(400);
    const errors = await missing.text();
    expect(errors).toMatch(/id="e-event-date">Date: /);
    expect(errors).toMatch(/id="e-event-source">Source of this fact: is required/);
    const added = await call(app, "POST", `/edit/cases/${ids.formCase}/events`, {
      session: reviewer,
      form: {
        "event.date": daysAgo(5),
        "event.kind": "released",
        "event.source": "his wife",
        "event.confidence": "testimony",
      },
    });
    expect(added.status).toBe(303);
    const after = await (await call(app, "GET", `/edit/cases/${ids.formCase}`, { session: reviewer })).text();
    expect(after).toContain(`ended ${daysAgo(5)}`);
    expect(after).not.toContain("inside the WGEID urgent-procedure window");
    const last = (await readAuditLog(fx.db)).filter((e) => e.action === "update").at(-1)!;
    expect([last.entity_id, last.actor, last.reason]).toEqual([ids.formCase, "rosa", "web: timeline event added"]);
    expect((await verifyAuditLog(fx.db)).ok).toBe(true);
  });

  it("edits a case (prefilled form, read audited), refuses without the CSRF token or a case role", async () => {
    const reviewer = await fx.session("reviewer");
    const before = await headSeq();
    const form = await (await call(app, "GET", `/edit/cases/${ids.formCase}/edit`, { session: reviewer })).text();
    expect(form).toContain('value="Li Si"');
    expect((await readsSince(before)).map((e) => e.reason)).toEqual(["web: case edit form"]);
    const noToken = await call(app, "POST", `/edit/cases/${ids.formCase}`, {
      session: reviewer,
      csrf: false,
      form: { ...newCase, status: "closed" },
    });
    expect(noToken.status).toBe(403);
    const editor = await call(app, "POST", `/edit/cases/${ids.formCase}`, {
      session: await fx.session("editor"),
      form: { ...newCase, status: "closed" },
    });
    expect(editor.status).toBe(403);
    const saved = await call(app, "POST", `/edit/cases/${ids.formCase}`, {
      session: reviewer,
      form: { ...newCase, "person.position": "county head", status: "closed", reason: "family's update" },
    });
    expect(saved.status).toBe(303);
    const json = (await (await call(app, "GET", `/api/edit/cases/${ids.formCase}`, { session: reviewer })).json()) as {
      case: { person: { position: string }; status: string; timeline: Array<{ kind: string }> };
    };
    expect(json.case.person.position).toBe("county head");
    expect(json.case.status).toBe("closed");
    // The edit keeps the timeline.
    expect(json.case.timeline.map((e) => e.kind)).toEqual(["released"]);
  });
});
