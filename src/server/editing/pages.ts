/** The editing pages' routes: server-rendered HTML forms that work without JavaScript. */

import { Hono } from "hono";
import { AccountError, completeSetup, endSession } from "../../accounts/index.ts";
import { EDITING_CSS, SETUP_JS } from "./assets.ts";
import { type CaseOperations, hasCaseRole } from "./cases-operations.ts";
import { authorize, clearSessionCookie, type EditingEnv, EditingError, requireSession } from "./guard.ts";
import { errorPage, page, send, TABLE_LABEL } from "./layout.ts";
import { monitorEvidence } from "./monitor-evidence.ts";
import { isEditableTable, type Operations, tableDef } from "./operations.ts";
import {
  changeForm,
  changeView,
  dashboard,
  errorsByField,
  historyView,
  loginPage,
  setupPage,
  show,
  type Values,
} from "./views.ts";

export { errorPage, page, send };

const text = (v: unknown) => (typeof v === "string" ? v : "");

export function pageRoutes(ops: Operations, cases: Pick<CaseOperations, "locked">): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();

  app.get("/static/editing.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(EDITING_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/static/setup.js", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(SETUP_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  app.get("/login", (c) => (c.get("session") ? c.redirect("/edit", 303) : send(c, loginPage(null))));

  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    try {
      await ops.login(c, body.name, body.password);
    } catch (error) {
      if (!(error instanceof EditingError)) throw error;
      return send(c, loginPage(error.message, text(body.name).slice(0, 64)), error.status);
    }
    return c.redirect("/edit", 303);
  });

  app.post("/logout", async (c) => {
    const session = await authorize(c, "viewer");
    await endSession(ops.deps.db, session.token);
    clearSessionCookie(c, ops.deps.secureCookies);
    return c.redirect("/edit/login", 303);
  });

  app.get("/setup", (c) => send(c, setupPage(c.req.query("token") ?? "", null)));

  app.post("/setup", async (c) => {
    const body = await c.req.parseBody();
    const token = text(body.token);
    try {
      ops.limit(c);
      if (token === "") throw new EditingError(400, "the setup link's token is missing: open the link as printed");
      if (text(body.password) !== text(body.repeat)) throw new EditingError(400, "the two passwords differ");
      await completeSetup(ops.deps.db, token, text(body.password), ops.clock);
    } catch (error) {
      const status = error instanceof EditingError ? error.status : error instanceof AccountError ? 400 : 0;
      if (status === 0) throw error;
      return send(c, setupPage(token, (error as Error).message), status);
    }
    return send(c, loginPage("Your password is set: sign in with it.", "", "ok"));
  });

  app.get("/", async (c) => {
    const session = requireSession(c);
    const all = await ops.changes();
    const drafts = all.filter((ch) => ch.status === "draft");
    return send(
      c,
      dashboard(
        session,
        all.filter((ch) => ch.author === session.user.name).reverse(),
        drafts.filter((ch) => ch.author !== session.user.name),
        drafts,
        { role: hasCaseRole(ops.deps, session.user), locked: cases.locked },
      ),
    );
  });

  app.get("/new/:table", async (c) => {
    const session = requireSession(c);
    const table = c.req.param("table");
    if (!isEditableTable(table)) throw new EditingError(404, `no table '${table}' to edit`);
    // ?from=CHANGE: a corrected version of a draft (the monitor's), its values filled in.
    const from = c.req.query("from");
    const draft = from ? await ops.change(from) : null;
    if (draft && draft.table !== table) throw new EditingError(400, `change '${from}' is not about ${table}`);
    const values: Values = draft ? Object.fromEntries(Object.entries(draft.row).map(([k, v]) => [k, show(v)])) : {};
    const action = draft?.action ?? "create";
    const reason = draft ? `Corrects draft ${draft.id}: ` : "";
    return send(c, changeForm(session, { table, action, values, reason }));
  });

  app.get("/correct", async (c) => {
    const session = requireSession(c);
    const table = c.req.query("table") ?? "";
    const id = c.req.query("id") ?? "";
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid query parameter 'table': expected observations or sources`);
    const current = await ops.current(table, id);
    if (!current) throw new EditingError(404, `no ${TABLE_LABEL[table]} with id '${id}'`);
    const values = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, show(v)]));
    return send(c, changeForm(session, { table, action: "update", values, reason: "" }));
  });

  app.get("/history", (c) => {
    requireSession(c);
    const table = c.req.query("table") ?? "";
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid query parameter 'table': expected observations or sources`);
    return c.redirect(`/edit/${table}/${encodeURIComponent(c.req.query("id") ?? "")}/history`, 303);
  });

  app.post("/changes", async (c) => {
    const session = await authorize(c, "editor");
    const body = await c.req.parseBody();
    const table = text(body._table);
    const action = text(body._action) === "update" ? "update" : "create";
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid table '${table}': expected observations or sources`);
    const columns = tableDef(table).columns as ReadonlyArray<string>;
    const values: Values = Object.fromEntries(columns.map((col) => [col, text(body[col])]));
    try {
      const change = await ops.propose(session, { table, action, row: values, reason: body.reason });
      return c.redirect(`/edit/changes/${encodeURIComponent(change.id)}`, 303);
    } catch (error) {
      if (!(error instanceof EditingError) || (error.status !== 400 && error.status !== 404)) throw error;
      const { fields, general } = errorsByField(error);
      return send(c, changeForm(session, { table, action, values, reason: text(body.reason) }, fields, general), 400);
    }
  });

  app.get("/changes/:id", async (c) => {
    const session = requireSession(c);
    const change = await ops.change(c.req.param("id"));
    const evidence = monitorEvidence(change, ops.deps.captureStore);
    return send(c, changeView(session, change, await ops.current(change.table, change.targetId), {}, evidence));
  });

  for (const verb of ["approve", "reject"] as const) {
    app.post(`/changes/:id/${verb}`, async (c) => {
      const session = await authorize(c, "reviewer");
      const body = await c.req.parseBody();
      const id = c.req.param("id");
      try {
        if (verb === "approve") await ops.approve(session, id, body.reason);
        else await ops.reject(session, id, body.reason);
      } catch (error) {
        if (!(error instanceof EditingError) || error.status !== 400) throw error;
        const change = await ops.change(id);
        const message = error.issues[0]?.message ?? error.message;
        return send(
          c,
          changeView(
            session,
            change,
            await ops.current(change.table, change.targetId),
            { [verb]: message },
            monitorEvidence(change, ops.deps.captureStore),
          ),
          400,
        );
      }
      return c.redirect(`/edit/changes/${encodeURIComponent(id)}`, 303);
    });
  }

  app.get("/:table/:id/history", async (c) => {
    const session = requireSession(c);
    const table = c.req.param("table");
    if (!isEditableTable(table)) throw new EditingError(404, `no history for '${table}'`);
    const id = c.req.param("id");
    return send(c, historyView(session, table, id, await ops.history(table, id), await ops.current(table, id)));
  });

  app.all("*", (c) => {
    throw new EditingError(404, `no page ${c.req.path}`);
  });
  return app;
}
