/** The editing pages: server-rendered HTML forms that work without JavaScript, every value escaped by `html`. */

import { type Context, Hono } from "hono";
import { AccountError, completeSetup, endSession, roleAtLeast } from "../../accounts/index.ts";
import type { Change, EditableTable } from "../../review/index.ts";
import { EDITING_CSS, SETUP_JS } from "./assets.ts";
import { type CaseOperations, hasCaseRole } from "./cases-operations.ts";
import { authorize, clearSessionCookie, type EditingEnv, EditingError, requireSession, type Session } from "./guard.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import { type HistoryEntry, isEditableTable, type Operations, tableDef } from "./operations.ts";

/** The policy for these pages (the app's own security headers set the same or stricter). */
export const EDITING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TABLE_LABEL: Record<EditableTable, string> = { observations: "observation", sources: "source" };

export function page(title: string, session: Session | null, body: SafeHtml, options: { script?: string } = {}) {
  const top = session
    ? html`<header class="top"><a href="/edit">Liuzhi Monitor · editing</a>
<span>Signed in as <strong>${session.user.name}</strong> (${session.user.role})
<form method="post" action="/edit/logout"><input type="hidden" name="csrf" value="${session.csrfToken}"><button type="submit">Sign out</button></form></span></header>`
    : html`<header class="top"><a href="/">Liuzhi Monitor</a><span>Team editing</span></header>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Liuzhi Monitor</title><link rel="stylesheet" href="/edit/static/editing.css">
${options.script ? html`<script src="${options.script}" defer></script>` : ""}</head>
<body>${top}<main id="main"><h1>${title}</h1>
${body}</main></body></html>`;
}

export function send(c: Context, markup: SafeHtml, status = 200) {
  c.header("Content-Security-Policy", EDITING_CSP);
  return c.html(markup.value, status as 200);
}

export function errorPage(c: Context<EditingEnv>, error: EditingError) {
  return send(
    c,
    page(
      `${error.status} ${statusText(error.status)}`,
      c.get("session") ?? null,
      html`<p class="notice" role="alert">${error.message}</p>
${error.issues.length ? html`<ul>${error.issues.map((i) => html`<li>${i.column ?? "row"}: ${i.message}</li>`)}</ul>` : ""}
<p><a href="/edit">Back to the editing dashboard</a></p>`,
    ),
    error.status,
  );
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: "Not valid",
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported",
    423: "Locked",
    429: "Too many attempts",
    503: "Unavailable",
  };
  return texts[status] ?? "Error";
}

/* ---------------------------------------------------------------- forms */

type Values = Record<string, string>;
type Errors = ReadonlyMap<string, ReadonlyArray<string>>;

function errorsByField(error: EditingError): { fields: Map<string, string[]>; general: string[] } {
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  for (const issue of error.issues) {
    if (issue.column) fields.set(issue.column, [...(fields.get(issue.column) ?? []), issue.message]);
    else general.push(issue.message);
  }
  if (error.issues.length === 0) general.push(error.message);
  return { fields, general };
}

const fieldError = (name: string, errors: Errors) => {
  const list = errors.get(name);
  return list?.length ? html`<p class="error" id="e-${name}" role="alert">${name} ${list.join("; ")}</p>` : html``;
};

const LONG_TEXT = new Set(["quote", "quote_en", "note", "title"]);

function fieldInput(table: EditableTable, column: string, value: string, errors: Errors, locked: boolean) {
  const descriptor = tableDef(table).tableSchema.fields.find((f) => f.name === column)!;
  const required = descriptor.constraints?.required === true;
  const choices = descriptor.constraints?.enum;
  const described = errors.has(column) ? `h-${column} e-${column}` : `h-${column}`;
  const attrs = html`id="f-${column}" name="${column}" aria-describedby="${described}"${required ? raw(" required") : ""}${
    errors.has(column) ? raw(' aria-invalid="true"') : ""
  }`;
  let control: SafeHtml;
  if (locked) {
    control = html`<input ${attrs} value="${value}" readonly>`;
  } else if (choices) {
    const options = [...(required ? [] : [""]), ...choices];
    if (value !== "" && !options.includes(value)) options.push(value);
    control = html`<select ${attrs}>${required && value === "" ? html`<option value="" selected>(choose)</option>` : ""}${options.map(
      (o) => html`<option value="${o}"${o === value ? raw(" selected") : ""}>${o === "" ? "(none)" : o}</option>`,
    )}</select>`;
  } else if (LONG_TEXT.has(column)) {
    control = html`<textarea ${attrs}>${value}</textarea>`;
  } else {
    const type = descriptor.type === "date" ? "date" : descriptor.format === "uri" ? "url" : "text";
    const numeric = descriptor.type === "number" || descriptor.type === "integer" ? raw(' inputmode="decimal"') : "";
    control = html`<input type="${type}" ${attrs} value="${value}"${numeric}>`;
  }
  return html`<div class="field${errors.has(column) ? " invalid" : ""}">
<label for="f-${column}">${column}${required ? " (required)" : ""}</label>${control}
<p class="help" id="h-${column}">${descriptor.description}</p>${fieldError(column, errors)}</div>`;
}

export function changeForm(
  session: Session,
  form: { table: EditableTable; action: "create" | "update"; values: Values; reason: string },
  errors: Errors = new Map(),
  general: ReadonlyArray<string> = [],
) {
  const def = tableDef(form.table);
  const label = TABLE_LABEL[form.table];
  const title =
    form.action === "create" ? `Propose a new ${label}` : `Propose a correction to ${label} ${form.values.id ?? ""}`;
  const body = html`<p>Every change stays a draft until a reviewer other than you approves it. Give the source and
a reason; the form checks the row as the import does.</p>
${general.length ? html`<div class="notice" role="alert"><p>The change was not saved:</p><ul>${general.map((g) => html`<li>${g}</li>`)}</ul></div>` : ""}
${errors.size ? html`<p class="notice" role="alert">The change was not saved: see the fields marked below.</p>` : ""}
<form method="post" action="/edit/changes" novalidate>
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="_table" value="${form.table}">
<input type="hidden" name="_action" value="${form.action}">
${def.columns.map((column) =>
  fieldInput(
    form.table,
    column,
    form.values[column] ?? "",
    errors,
    form.action === "update" && column === def.primaryKey,
  ),
)}
<div class="field${errors.has("reason") ? " invalid" : ""}"><label for="f-reason">reason (required)</label>
<textarea id="f-reason" name="reason" required aria-describedby="h-reason${errors.has("reason") ? " e-reason" : ""}">${form.reason}</textarea>
<p class="help" id="h-reason">Why this change: what the source says, what was wrong.</p>${fieldError("reason", errors)}</div>
<p><button type="submit">Submit for review</button></p>
</form>`;
  return page(title, session, body);
}

/* ---------------------------------------------------------------- lists and views */

const changeLink = (ch: Change) => html`<a href="/edit/changes/${encodeURIComponent(ch.id)}">${ch.id.slice(0, 8)}</a>`;

function changesTable(changes: ReadonlyArray<Change>, empty: string) {
  if (changes.length === 0) return html`<p>${empty}</p>`;
  return html`<table><thead><tr><th>change</th><th>status</th><th>what</th><th>id</th><th>author</th><th>proposed</th><th>reason</th></tr></thead><tbody>
${changes.map(
  (ch) =>
    html`<tr><td>${changeLink(ch)}</td><td class="status-${ch.status}">${ch.status}</td><td>${ch.action} ${TABLE_LABEL[ch.table]}</td><td>${ch.targetId}</td><td>${ch.author}</td><td>${ch.createdAt}</td><td>${ch.reason}</td></tr>`,
)}</tbody></table>`;
}

const show = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** Field by field, before and after; changed rows marked. */
function diffTable(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return html``;
  return html`<table><thead><tr><th>field</th><th>before</th><th>after</th></tr></thead><tbody>${keys.map((k) => {
    const b = show(before?.[k]);
    const a = show(after?.[k]);
    return html`<tr${before && after && a !== b ? raw(' class="changed"') : ""}><th scope="row">${k}</th><td><pre>${b}</pre></td><td><pre>${a}</pre></td></tr>`;
  })}</tbody></table>`;
}

export function changeView(
  session: Session,
  change: Change,
  current: Record<string, unknown> | null,
  reviewErrors: { approve?: string; reject?: string } = {},
) {
  const mayReview =
    change.status === "draft" && roleAtLeast(session.user.role, "reviewer") && change.author !== session.user.name;
  const label = TABLE_LABEL[change.table];
  const historyHref = `/edit/${change.table}/${encodeURIComponent(change.targetId)}/history`;
  const body = html`<dl>
<dt>Status</dt><dd class="status-${change.status}">${change.status}</dd>
<dt>Change</dt><dd>${change.action} ${label} <a href="${historyHref}">${change.targetId}</a></dd>
<dt>Proposed by</dt><dd>${change.author}, ${change.createdAt}</dd>
<dt>Reason</dt><dd>${change.reason}</dd>
${change.reviewer ? html`<dt>Reviewed by</dt><dd>${change.reviewer}, ${change.reviewedAt}</dd><dt>Review reason</dt><dd>${change.reviewReason ?? "(none given)"}</dd>` : ""}
</dl>
<h2>${change.action === "update" ? "Current and proposed values" : "Proposed values"}</h2>
${diffTable(change.action === "update" ? current : null, change.row)}
${
  mayReview
    ? html`<h2>Review</h2><div class="inline-forms">
<form method="post" action="/edit/changes/${encodeURIComponent(change.id)}/approve">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<div class="field${reviewErrors.approve ? " invalid" : ""}"><label for="approve-reason">Note (optional)</label>
<textarea id="approve-reason" name="reason"></textarea>${reviewErrors.approve ? html`<p class="error" role="alert">${reviewErrors.approve}</p>` : ""}</div>
<button type="submit">Approve and publish</button></form>
<form method="post" action="/edit/changes/${encodeURIComponent(change.id)}/reject">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<div class="field${reviewErrors.reject ? " invalid" : ""}"><label for="reject-reason">Reason for rejecting (required)</label>
<textarea id="reject-reason" name="reason" required></textarea>${reviewErrors.reject ? html`<p class="error" role="alert">reason ${reviewErrors.reject}</p>` : ""}</div>
<button type="submit">Reject</button></form></div>`
    : change.status === "draft" && change.author === session.user.name
      ? html`<p>This draft waits for a reviewer other than you.</p>`
      : ""
}
<p><a href="${historyHref}">History of ${label} ${change.targetId}</a></p>`;
  return page(`Change ${change.id.slice(0, 8)}`, session, body);
}

export function historyView(
  session: Session,
  table: EditableTable,
  id: string,
  entries: ReadonlyArray<HistoryEntry>,
  current: Record<string, unknown> | null,
) {
  const label = TABLE_LABEL[table];
  const body = html`<p>Every entry of the audit log about ${label} <strong>${id}</strong>, oldest first${
    current ? "" : " (it is not in the published ledger)"
  }.${current ? html` <a href="/edit/correct?table=${table}&amp;id=${encodeURIComponent(id)}">Propose a correction</a>.` : ""}</p>
${
  entries.length === 0
    ? html`<p>No entries.</p>`
    : html`<ol class="history">${entries.map(
        (e) => html`<li><h2>#${e.seq} ${e.action} by ${e.actor}, ${e.at}</h2>
<p>Reason: ${e.reason ?? "(none recorded)"}</p>${diffTable(e.before, e.after)}</li>`,
      )}</ol>`
}`;
  return page(`History of ${label} ${id}`, session, body);
}

function dashboard(
  session: Session,
  mine: ReadonlyArray<Change>,
  toReview: ReadonlyArray<Change>,
  drafts: ReadonlyArray<Change>,
  cases: { role: boolean; locked: boolean },
) {
  const editor = roleAtLeast(session.user.role, "editor");
  const reviewer = roleAtLeast(session.user.role, "reviewer");
  const body = html`${
    editor
      ? html`<h2>Propose a change</h2>
<ul><li><a href="/edit/new/observations">a new observation</a></li><li><a href="/edit/new/sources">a new source</a></li></ul>
<form method="get" action="/edit/correct"><div class="field"><label for="correct-table">Correct an existing row</label>
<select id="correct-table" name="table"><option value="observations">observation</option><option value="sources">source</option></select>
<input id="correct-id" name="id" aria-label="id of the row to correct" placeholder="id"></div><button type="submit">Open</button></form>`
      : html`<p>Your account (${session.user.role}) may read drafts and histories but not propose changes.</p>`
  }
<form method="get" action="/edit/history"><div class="field"><label for="history-table">History of a row</label>
<select id="history-table" name="table"><option value="observations">observation</option><option value="sources">source</option></select>
<input id="history-id" name="id" aria-label="id of the row" placeholder="id"></div><button type="submit">Show history</button></form>
${cases.role ? html`<h2>Cases</h2><p><a href="/edit/cases">Deadline watch of the case register</a>${cases.locked ? " (locked: no case key)" : ""}</p>` : ""}
${reviewer ? html`<h2>Awaiting your review</h2>${changesTable(toReview, "No drafts by others await review.")}` : ""}
${editor ? html`<h2>Your changes</h2>${changesTable(mine, "You have proposed no changes yet.")}` : html`<h2>Drafts</h2>${changesTable(drafts, "No drafts.")}`}`;
  return page("Editing", session, body);
}

function loginPage(message: string | null, name = "", status: "error" | "ok" = "error") {
  return page(
    "Sign in",
    null,
    html`${message ? html`<p class="${status === "ok" ? "ok" : "notice"}" role="${status === "ok" ? "status" : "alert"}">${message}</p>` : ""}
<form method="post" action="/edit/login">
<div class="field"><label for="login-name">Name</label><input id="login-name" name="name" autocomplete="username" value="${name}" required></div>
<div class="field"><label for="login-password">Password</label><input id="login-password" name="password" type="password" autocomplete="current-password" required></div>
<p><button type="submit">Sign in</button></p></form>`,
  );
}

function setupPage(token: string, message: string | null) {
  return page(
    "Choose your password",
    null,
    html`${message ? html`<p class="notice" role="alert">${message}</p>` : ""}
<form method="post" action="/edit/setup">
<input type="hidden" id="setup-token" name="token" value="${token}">
<div class="field"><label for="setup-password">New password (at least 12 characters)</label><input id="setup-password" name="password" type="password" autocomplete="new-password" required></div>
<div class="field"><label for="setup-repeat">Repeat it</label><input id="setup-repeat" name="repeat" type="password" autocomplete="new-password" required></div>
<p><button type="submit">Set password</button></p></form>
<noscript><p>Without JavaScript, open the link with <code>?token=</code> in place of <code>#</code>.</p></noscript>`,
    { script: "/edit/static/setup.js" },
  );
}

/* ---------------------------------------------------------------- routes */

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

  app.get("/new/:table", (c) => {
    const session = requireSession(c);
    const table = c.req.param("table");
    if (!isEditableTable(table)) throw new EditingError(404, `no table '${table}' to edit`);
    return send(c, changeForm(session, { table, action: "create", values: {}, reason: "" }));
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
    return send(c, changeView(session, change, await ops.current(change.table, change.targetId)));
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
          changeView(session, change, await ops.current(change.table, change.targetId), { [verb]: message }),
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
