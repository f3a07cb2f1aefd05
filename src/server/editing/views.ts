import { roleAtLeast } from "../../accounts/index.ts";
import type { Change, EditableTable } from "../../review/index.ts";
import type { EditingError, Session } from "./guard.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import { page, TABLE_LABEL } from "./layout.ts";
import { type HistoryEntry, tableDef } from "./operations.ts";

export type Values = Record<string, string>;
type Errors = ReadonlyMap<string, ReadonlyArray<string>>;

export function errorsByField(error: EditingError): { fields: Map<string, string[]>; general: string[] } {
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

export const show = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);

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
  evidence: SafeHtml | null = null,
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
  // A monitor draft: the archived copy it was read from beside the values and the review forms.
  const framed = evidence
    ? html`<div class="with-evidence"><section class="evidence" aria-label="Evidence">${evidence}</section><div>${body}</div></div>`
    : body;
  return page(`Change ${change.id.slice(0, 8)}`, session, framed);
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

export function dashboard(
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

export function loginPage(message: string | null, name = "", status: "error" | "ok" = "error") {
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

export function setupPage(token: string, message: string | null) {
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
