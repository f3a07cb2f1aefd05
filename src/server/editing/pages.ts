/** The editing pages' routes: server-rendered HTML forms that work without JavaScript, in English and Chinese. */

import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { AccountError, completeSetup, endSession, hasPasskey, roleAtLeast } from "../../accounts/index.ts";
import { issueText } from "../../core/index.ts";
import { NEW_SOURCE_PREFIX, SOURCE_LINK } from "../../review/index.ts";
import { EDITING_CSS, PICKER_JS, SETUP_JS } from "./assets.ts";
import { type CaseOperations, hasCaseRole } from "./cases-operations.ts";
import { authorize, clearSessionCookie, type EditingEnv, EditingError, requireSession } from "./guard.ts";
import { errorPage, page, safeBack, send, viewOf } from "./layout.ts";
import { monitorEvidence } from "./monitor-evidence.ts";
import { isEditableTable, type Operations, tableDef } from "./operations.ts";
import { passkeyStatic, relyingParty } from "./passkeys.ts";
import { reviewPanels } from "./review-panels.ts";
import {
  changeForm,
  changeView,
  dashboard,
  errorsByField,
  historyView,
  loginPage,
  type ReviewErrors,
  refusalText,
  setupPage,
  show,
  type Values,
} from "./views.ts";
import { LANG_COOKIE } from "./words.ts";

export { errorPage, page, send };

const text = (v: unknown) => (typeof v === "string" ? v : "");

const STATIC: Record<string, { body: string; type: string }> = {
  "editing.css": { body: EDITING_CSS, type: "text/css; charset=utf-8" },
  "setup.js": { body: SETUP_JS, type: "text/javascript; charset=utf-8" },
  "picker.js": { body: PICKER_JS, type: "text/javascript; charset=utf-8" },
};

export function pageRoutes(ops: Operations, cases: Pick<CaseOperations, "locked">): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();

  app.get("/static/:file", (c) => {
    const name = c.req.param("file");
    const file = STATIC[name] ?? passkeyStatic()[name];
    if (!file) throw new EditingError(404, `no file ${c.req.path}`);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(file.body, 200, { "Content-Type": file.type });
  });

  // The language of the pages: a cookie (not personal data, not a session), then back where the person was.
  app.get("/lang", (c) => {
    const to = c.req.query("to");
    if (to !== "en" && to !== "zh") throw new EditingError(400, "invalid query parameter 'to': expected en or zh");
    setCookie(c, LANG_COOKIE, to, { path: "/", sameSite: "Lax", maxAge: 365 * 86400 });
    return c.redirect(safeBack(c.req.query("back")), 303);
  });

  app.get("/login", (c) => {
    if (c.get("session")) return c.redirect("/edit", 303);
    const view = viewOf(c);
    const out = c.req.query("out") === "1";
    return send(c, loginPage(view, out ? view.w.signedOut : null, "", out ? "ok" : "error"));
  });

  app.post("/login", async (c) => {
    const body = await c.req.parseBody();
    try {
      await ops.login(c, body.name, body.password);
    } catch (error) {
      if (!(error instanceof EditingError)) throw error;
      return send(c, loginPage(viewOf(c), error.message, text(body.name).slice(0, 64)), error.status);
    }
    return c.redirect("/edit", 303);
  });

  app.post("/logout", async (c) => {
    const session = await authorize(c, "viewer");
    await endSession(ops.deps.db, session.token);
    clearSessionCookie(c, ops.deps.secureCookies);
    return c.redirect("/edit/login?out=1", 303);
  });

  app.get("/setup", (c) => send(c, setupPage(viewOf(c), c.req.query("token") ?? "", null)));

  app.post("/setup", async (c) => {
    const body = await c.req.parseBody();
    const token = text(body.token);
    const view = viewOf(c);
    try {
      ops.limit(c);
      if (token === "") throw new EditingError(400, "the setup link's token is missing: open the link as printed");
      if (text(body.password) !== text(body.repeat)) throw new EditingError(400, "the two passwords differ");
      await completeSetup(ops.deps.db, token, text(body.password), ops.clock);
    } catch (error) {
      const status = error instanceof EditingError ? error.status : error instanceof AccountError ? 400 : 0;
      if (status === 0) throw error;
      return send(c, setupPage(view, token, (error as Error).message), status);
    }
    return send(c, loginPage(view, view.w.passwordSet, "", "ok"));
  });

  const home = async (c: Context<EditingEnv>) => {
    const session = requireSession(c);
    const all = await ops.changes();
    const drafts = all.filter((ch) => ch.status === "draft");
    return send(
      c,
      dashboard(
        viewOf(c),
        {
          mine: all.filter((ch) => ch.author === session.user.name).reverse(),
          toReview: drafts.filter((ch) => ch.author !== session.user.name),
          drafts,
        },
        { role: hasCaseRole(ops.deps, session.user), locked: cases.locked },
        await ops.choices(),
      ),
    );
  };
  app.get("/", home);

  app.get("/new/:table", async (c) => {
    await authorizeRead(c, "editor");
    const table = c.req.param("table");
    if (!isEditableTable(table) || table === "jurisdictions")
      throw new EditingError(404, `no table '${table}' to add to`);
    // ?from=CHANGE: a corrected version of a draft (the monitor's), its values filled in.
    const from = c.req.query("from");
    const draft = from ? await ops.change(from) : null;
    if (draft && draft.table !== table) throw new EditingError(400, `change '${from}' is not about ${table}`);
    const values: Values = draft ? Object.fromEntries(Object.entries(draft.row).map(([k, v]) => [k, show(v)])) : {};
    const action = draft?.action ?? "create";
    const reason = draft ? `Corrects draft ${draft.id}: ` : "";
    return send(c, changeForm(viewOf(c), { table, action, values, reason }, await ops.choices()));
  });

  app.get("/correct", async (c) => {
    await authorizeRead(c, "editor");
    const table = c.req.query("table") ?? "";
    const id = (c.req.query("id") ?? "").trim();
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid query parameter 'table': expected observations, sources or jurisdictions`);
    const current = await ops.current(table, id);
    if (!current) throw new EditingError(404, `no ${table} row '${id}'`);
    const values = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, show(v)]));
    return send(c, changeForm(viewOf(c), { table, action: "update", values, reason: "" }, await ops.choices()));
  });

  app.get("/history", (c) => {
    requireSession(c);
    const table = c.req.query("table") ?? "";
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid query parameter 'table': expected observations, sources or jurisdictions`);
    return c.redirect(`/edit/${table}/${encodeURIComponent((c.req.query("id") ?? "").trim())}/history`, 303);
  });

  app.post("/changes", async (c) => {
    const session = await authorize(c, "editor");
    const body = await c.req.parseBody();
    const table = text(body._table);
    const action = text(body._action) === "update" ? "update" : "create";
    if (!isEditableTable(table))
      throw new EditingError(400, `invalid table '${table}': expected observations, sources or jurisdictions`);
    const columns = tableDef(table).columns as ReadonlyArray<string>;
    const values: Values = Object.fromEntries(columns.map((col) => [col, text(body[col])]));
    // The new source typed inline, when the form offers one: used only if any of its fields is filled.
    const link = SOURCE_LINK[table];
    const sourceValues: Values = link
      ? Object.fromEntries(tableDef("sources").columns.map((col) => [col, text(body[`${NEW_SOURCE_PREFIX}${col}`])]))
      : {};
    const withSource = Object.values(sourceValues).some((v) => v.trim() !== "");
    const row = { ...values };
    // The row names the new source by itself when its source field was left empty.
    if (withSource && link && row[link]?.trim() === "") row[link] = sourceValues.id ?? "";
    try {
      const change = await ops.propose(session, {
        table,
        action,
        row,
        reason: body.reason,
        ...(withSource ? { newSource: sourceValues } : {}),
      });
      return c.redirect(`/edit/changes/${encodeURIComponent(change.id)}`, 303);
    } catch (error) {
      if (!(error instanceof EditingError) || (error.status !== 400 && error.status !== 404)) throw error;
      const { fields, general } = errorsByField(error, viewOf(c).w);
      return send(
        c,
        changeForm(
          viewOf(c),
          { table, action, values, reason: text(body.reason), newSource: sourceValues },
          await ops.choices(),
          fields,
          general,
        ),
        400,
      );
    }
  });

  app.get("/changes/:id", async (c) => {
    const session = requireSession(c);
    const change = await ops.change(c.req.param("id"));
    const view = viewOf(c);
    return send(
      c,
      changeView(
        view,
        change,
        await ops.current(change.table, change.targetId),
        {},
        await reviewPanels(change, view, ops),
        monitorEvidence(change, ops.deps.captureStore, view.w.lang),
        await ops.jurisdictionNames(view.w.lang),
        await hasPasskey(ops.deps.db, session.user.name),
      ),
    );
  });

  for (const verb of ["approve", "reject"] as const) {
    app.post(`/changes/:id/${verb}`, async (c) => {
      const session = await authorize(c, "reviewer");
      const body = await c.req.parseBody();
      const id = c.req.param("id");
      try {
        if (verb === "approve") {
          const passkey = parsePasskey(body.passkey);
          await ops.approve(
            session,
            id,
            body.reason,
            passkey === null ? null : { response: passkey, rp: relyingParty(c, ops.deps.publicOrigin) },
          );
        } else await ops.reject(session, id, body.reason);
      } catch (error) {
        if (!(error instanceof EditingError) || error.status !== 400) throw error;
        const change = await ops.change(id);
        const view = viewOf(c);
        const first = error.issues[0];
        const errors: ReviewErrors = { [verb]: first ? issueText(first, view.w.lang) : refusalText(error, view.w) };
        return send(
          c,
          changeView(
            view,
            change,
            await ops.current(change.table, change.targetId),
            errors,
            await reviewPanels(change, view, ops),
            monitorEvidence(change, ops.deps.captureStore, view.w.lang),
            await ops.jurisdictionNames(view.w.lang),
            await hasPasskey(ops.deps.db, session.user.name),
          ),
          400,
        );
      }
      return c.redirect(`/edit/changes/${encodeURIComponent(id)}`, 303);
    });
  }

  app.get("/:table/:id/history", async (c) => {
    requireSession(c);
    const table = c.req.param("table");
    if (!isEditableTable(table)) throw new EditingError(404, `no history for '${table}'`);
    const id = c.req.param("id");
    const view = viewOf(c);
    const [entries, current, names] = await Promise.all([
      ops.history(table, id),
      ops.current(table, id),
      ops.jurisdictionNames(view.w.lang),
    ]);
    return send(c, historyView(view, table, id, entries, current, names));
  });

  app.all("*", (c) => {
    throw new EditingError(404, `no page ${c.req.path}`);
  });
  return app;
}

/** The passkey answer the review page's script put in the approve form (JSON), or null. */
function parsePasskey(value: unknown): unknown {
  if (typeof value !== "string" || value === "") return null;
  try {
    return JSON.parse(value);
  } catch {
    throw new EditingError(400, "the passkey answer in the form is not valid JSON");
  }
}

/** For the pages that show a write form: a session (401) and the role (403), so a viewer never gets a form that can only fail. */
async function authorizeRead(c: Context<EditingEnv>, role: "editor") {
  const session = requireSession(c);
  if (!roleAtLeast(session.user.role, role)) {
    throw new EditingError(403, `this needs the ${role} role; '${session.user.name}' is ${session.user.role}`);
  }
  return session;
}
