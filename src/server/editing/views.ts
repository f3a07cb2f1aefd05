import { roleAtLeast } from "../../accounts/index.ts";
import { issueText } from "../../core/index.ts";
import { type Change, type EditableTable, NEW_SOURCE_PREFIX, SOURCE_LINK } from "../../review/index.ts";
import type { EditingError } from "./guard.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import { serviceLinks } from "./jobs-page.ts";
import { page, type View } from "./layout.ts";
import { MONITOR_WORDS } from "./monitor-words.ts";
import { type HistoryEntry, tableDef } from "./operations.ts";
import type { Words } from "./words.ts";

export type Values = Record<string, string>;
type Errors = ReadonlyMap<string, ReadonlyArray<string>>;

/** What the pickers offer: every jurisdiction and source of the ledger, with words to search by. */
export interface PickerChoices {
  readonly jurisdictions: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly sources: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  /** Every row that can be corrected (observations, sources, jurisdictions), for the dashboard. */
  readonly rows?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
}

/** A refusal's problems in the page's language, by field (the core's issues carry their code: src/core/issues.ts). */
export function errorsByField(error: EditingError, w: Words): { fields: Map<string, string[]>; general: string[] } {
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  for (const issue of error.issues) {
    const text = issueText(issue, w.lang);
    if (issue.column) fields.set(issue.column, [...(fields.get(issue.column) ?? []), text]);
    else general.push(text);
  }
  if (error.issues.length === 0) general.push(refusalText(error, w));
  return { fields, general };
}

/** A refusal without issues: its message in English; on a Chinese page, what its status says. */
export const refusalText = (error: EditingError, w: Words): string =>
  w.lang === "en" ? error.message : (w.errorTitles[error.status] ?? issueText(error, w.lang));

/** Form field names and element ids: `source.publisher` becomes `source-publisher` in ids. */
const idOf = (name: string) => name.replace(/[^a-z0-9_-]/gi, "-");

const fieldError = (name: string, label: string, errors: Errors) => {
  const list = errors.get(name);
  return list?.length ? html`<p class="error" id="e-${idOf(name)}">${label}: ${list.join("; ")}</p>` : html``;
};

const LONG_TEXT = new Set(["quote", "quote_en", "note", "title"]);
/** The columns that name a row of another table: a searchable picker instead of a bare text box. */
const PICKERS: Readonly<Record<string, "jurisdictions" | "sources">> = {
  jurisdiction: "jurisdictions",
  source_id: "sources",
  population_source_id: "sources",
};

function fieldInput(
  w: Words,
  table: EditableTable,
  column: string,
  name: string,
  value: string,
  errors: Errors,
  locked: boolean,
) {
  const descriptor = tableDef(table).tableSchema.fields.find((f) => f.name === column)!;
  const words = w.fields[table][column];
  const label = words?.label ?? column;
  const help = words?.help ?? descriptor.description;
  const required = descriptor.constraints?.required === true;
  const choices = descriptor.constraints?.enum;
  const id = idOf(name);
  const invalid = errors.has(name);
  const picker = PICKERS[column];
  const described = [`h-${id}`, ...(picker && !locked ? [`p-${id}`] : []), ...(invalid ? [`e-${id}`] : [])].join(" ");
  const attrs = html`id="f-${id}" name="${name}" aria-describedby="${described}"${required ? raw(" required") : ""}${
    invalid ? raw(' aria-invalid="true"') : ""
  }`;
  let control: SafeHtml;
  if (locked) {
    control = html`<input ${attrs} value="${value}" readonly>`;
  } else if (choices) {
    const options = [...(required ? [] : [""]), ...choices];
    if (value !== "" && !options.includes(value)) options.push(value);
    control = html`<select ${attrs}>${required && value === "" ? html`<option value="" selected>${w.choose}</option>` : ""}${options.map(
      (o) =>
        html`<option value="${o}"${o === value ? raw(" selected") : ""}>${o === "" ? w.none : (w.choices[o] ?? o)}</option>`,
    )}</select>`;
  } else if (picker) {
    control = html`<input type="text" ${attrs} value="${value}" list="dl-${picker}" autocomplete="off" data-picker="dl-${picker}">
<output class="picked" id="p-${id}" for="f-${id}"></output>`;
  } else if (LONG_TEXT.has(column)) {
    control = html`<textarea ${attrs}>${value}</textarea>`;
  } else {
    const type = descriptor.type === "date" ? "date" : descriptor.format === "uri" ? "url" : "text";
    const numeric = descriptor.type === "number" || descriptor.type === "integer" ? raw(' inputmode="decimal"') : "";
    control = html`<input type="${type}" ${attrs} value="${value}"${numeric}>`;
  }
  return html`<div class="field${invalid ? " invalid" : ""}">
<label for="f-${id}">${label}${required ? html` <span class="req">(${w.required})</span>` : ""}</label>${control}
<p class="help" id="h-${id}">${help}${picker && !locked ? ` ${w.pickerHelp}` : ""}</p>${fieldError(name, label, errors)}</div>`;
}

const datalist = (id: string, options: PickerChoices["sources"]) =>
  html`<datalist id="${id}">${options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</datalist>`;

export interface ChangeFormInput {
  readonly table: EditableTable;
  readonly action: "create" | "update";
  readonly values: Values;
  readonly reason: string;
  /** The new source's fields as typed (column → value), when the form offers one. */
  readonly newSource?: Values;
}

/** The script the proposal and case forms load: names the picked row beside a picker (progressive enhancement). */
export const PICKER_SCRIPT = "/edit/static/picker.js";
/** The passkey scripts (sign-in, account page, signed approvals): @simplewebauthn/browser's bundle, then ours. */
export const PASSKEY_SCRIPTS = ["/edit/static/webauthn.js", "/edit/static/passkey.js"];

export function changeForm(
  view: View,
  form: ChangeFormInput,
  choices: PickerChoices,
  errors: Errors = new Map(),
  general: ReadonlyArray<string> = [],
) {
  const { w, session } = view;
  const def = tableDef(form.table);
  const kind = w.rowKind[form.table];
  const title =
    form.action === "create" ? w.proposeNew(kind) : w.proposeCorrection(kind, form.values[def.primaryKey] ?? "");
  const problems = [...errors.values()].reduce((n, list) => n + list.length, 0) + general.length;
  const link = SOURCE_LINK[form.table];
  const sourceValues = form.newSource ?? {};
  const sourceOpen =
    Object.values(sourceValues).some((v) => v.trim() !== "") ||
    [...errors.keys()].some((k) => k.startsWith(NEW_SOURCE_PREFIX));
  const sourceDef = tableDef("sources");
  const newSource = link
    ? html`<details class="new-source"${sourceOpen ? raw(" open") : ""}><summary>${w.newSourceSummary}</summary>
<p class="help">${w.newSourceHelp}</p>
${sourceDef.columns.map((column) =>
  fieldInput(w, "sources", column, `${NEW_SOURCE_PREFIX}${column}`, sourceValues[column] ?? "", errors, false),
)}</details>`
    : "";
  const body = html`<p>${w.formIntro}</p>
${
  problems > 0
    ? html`<div class="notice" role="alert" id="problems"><p>${w.seeFields(problems)}</p>${
        general.length ? html`<ul>${general.map((g) => html`<li>${g}</li>`)}</ul>` : ""
      }</div>`
    : ""
}
<form method="post" action="/edit/changes" novalidate class="proposal">
<input type="hidden" name="csrf" value="${session?.csrfToken ?? ""}">
<input type="hidden" name="_table" value="${form.table}">
<input type="hidden" name="_action" value="${form.action}">
${def.columns.map((column) => {
  const field = fieldInput(
    w,
    form.table,
    column,
    column,
    form.values[column] ?? "",
    errors,
    form.action === "update" && column === def.primaryKey,
  );
  return column === link ? html`${field}${newSource}` : field;
})}
<div class="field${errors.has("reason") ? " invalid" : ""}"><label for="f-reason">${w.reason} <span class="req">(${w.required})</span></label>
<textarea id="f-reason" name="reason" required aria-describedby="h-reason${errors.has("reason") ? " e-reason" : ""}"${
    errors.has("reason") ? raw(' aria-invalid="true"') : ""
  }>${form.reason}</textarea>
<p class="help" id="h-reason">${w.reasonHelp}</p>${fieldError("reason", w.reason, errors)}</div>
<p><button type="submit">${w.submit}</button></p>
${datalist("dl-jurisdictions", choices.jurisdictions)}${datalist("dl-sources", choices.sources)}
</form>`;
  return page(view, title, body, { scripts: [PICKER_SCRIPT] });
}

/* ---------------------------------------------------------------- lists and views */

const changeLink = (ch: Change) => html`<a href="/edit/changes/${encodeURIComponent(ch.id)}">${ch.id.slice(0, 8)}</a>`;

function changesTable(w: Words, changes: ReadonlyArray<Change>, empty: string) {
  if (changes.length === 0) return html`<p>${empty}</p>`;
  const c = w.columns;
  // On a phone the table becomes a list: each cell under its column's name (table.stack, data-label).
  return html`<div class="scroll"><table class="stack"><thead><tr><th>${c.change}</th><th>${c.status}</th><th>${c.what}</th><th>${c.id}</th><th>${c.author}</th><th>${c.proposed}</th><th>${c.reason}</th></tr></thead><tbody>
${changes.map(
  (ch) =>
    html`<tr><td data-label="${c.change}">${changeLink(ch)}</td><td data-label="${c.status}" class="status-${ch.status}">${w.status[ch.status]}</td><td data-label="${c.what}">${w.action[ch.action]} ${w.rowKind[ch.table]}</td><td data-label="${c.id}">${ch.targetId}</td><td data-label="${c.author}">${ch.author}</td><td data-label="${c.proposed}">${ch.createdAt}</td><td data-label="${c.reason}">${ch.reason}</td></tr>`,
)}</tbody></table></div>`;
}

export const show = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);

/** Columns whose values are codes of a vocabulary: shown in words. */
const VOCABULARY_COLUMNS = new Set([
  "measure",
  "qualifier",
  "unit",
  "scope",
  "derivation",
  "quote_lang",
  "title_lang",
  "level",
]);
/** Columns holding a jurisdiction's code: shown by its name, the code beside it. */
const JURISDICTION_COLUMNS = new Set(["jurisdiction", "code"]);
/** Columns holding an address: shown as a link. */
const URL_COLUMNS = new Set(["url", "archived_url"]);

/** One value as a person reads it: a vocabulary's word, a place's name, an address as a link, else as written. */
function shownValue(w: Words, column: string, value: unknown, names: ReadonlyMap<string, string>) {
  const text = show(value);
  if (text === "") return html``;
  if (VOCABULARY_COLUMNS.has(column)) return html`${w.choices[text] ?? text}`;
  if (JURISDICTION_COLUMNS.has(column) && names.has(text))
    return html`${names.get(text)} <span class="code">${text}</span>`;
  if (URL_COLUMNS.has(column) && /^https?:\/\//.test(text))
    return html`<a href="${text}" rel="noopener noreferrer">${text}</a>`;
  return html`${text}`;
}

/** Field by field, before and after, each field by its label and each value in words; changed rows marked. */
export function diffTable(
  w: Words,
  table: EditableTable,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  names: ReadonlyMap<string, string> = new Map(),
) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return html``;
  const labels = w.fields[table];
  return html`<div class="scroll"><table class="diff"><thead><tr><th>${w.field}</th><th>${w.before}</th><th>${w.after}</th></tr></thead><tbody>${keys.map(
    (k) => {
      const b = show(before?.[k]);
      const a = show(after?.[k]);
      return html`<tr${before && after && a !== b ? raw(' class="changed"') : ""}><th scope="row">${labels[k]?.label ?? k}</th><td><div class="value">${shownValue(w, k, before?.[k], names)}</div></td><td><div class="value">${shownValue(w, k, after?.[k], names)}</div></td></tr>`;
    },
  )}</tbody></table></div>`;
}

export interface ReviewErrors {
  readonly approve?: string;
  readonly reject?: string;
}

/**
 * One change: what it is, its values (before and after for a correction, the new source with it),
 * then the review forms. `panels` are extra sections shown beside the review forms (for example the
 * source's own words next to the figure), made by review-panels.ts.
 */
export function changeView(
  view: View,
  change: Change,
  current: Record<string, unknown> | null,
  reviewErrors: ReviewErrors = {},
  panels: ReadonlyArray<SafeHtml> = [],
  evidence: SafeHtml | null = null,
  names: ReadonlyMap<string, string> = new Map(),
  passkey = false,
) {
  const { w, session } = view;
  const user = session!.user;
  const approvalOptions = `/api/edit/changes/${encodeURIComponent(change.id)}/approval-options`;
  const mayReview = change.status === "draft" && roleAtLeast(user.role, "reviewer") && change.author !== user.name;
  const kind = w.rowKind[change.table];
  const historyHref = `/edit/${change.table}/${encodeURIComponent(change.targetId)}/history`;
  const body = html`<dl class="facts">
<dt>${w.statusLabel}</dt><dd class="status-${change.status}">${w.status[change.status]}</dd>
<dt>${w.changeLabel}</dt><dd>${w.action[change.action]} ${kind} <a href="${historyHref}">${change.targetId}</a></dd>
<dt>${w.proposedBy}</dt><dd>${change.author}, ${change.createdAt}</dd>
<dt>${w.reasonLine}</dt><dd>${change.reason}</dd>
${change.reviewer ? html`<dt>${w.reviewedBy}</dt><dd>${change.reviewer}, ${change.reviewedAt}</dd><dt>${w.reviewReason}</dt><dd>${change.reviewReason ?? w.noneGiven}</dd>` : ""}
</dl>
<h2>${change.action === "update" ? w.currentAndProposed : w.proposedValues}</h2>
${diffTable(w, change.table, change.action === "update" ? current : null, change.row, names)}
${change.newSource ? html`<h2>${w.withNewSource}</h2>${diffTable(w, "sources", null, change.newSource, names)}` : ""}
${panels.length ? html`<div class="review-panels">${panels}</div>` : ""}
${
  mayReview
    ? html`<h2>${w.review}</h2><div class="inline-forms">
<form method="post" action="/edit/changes/${encodeURIComponent(change.id)}/approve"${passkey ? html` data-passkey-approve="${approvalOptions}"` : ""}>
<input type="hidden" name="csrf" value="${session!.csrfToken}">${passkey ? html`<input type="hidden" name="passkey" value=""><p>${w.approveWithPasskey}</p><p id="passkey-status" class="passkey-status" role="alert" hidden></p>` : ""}
<div class="field${reviewErrors.approve ? " invalid" : ""}"><label for="approve-reason">${w.approveNote}</label>
<textarea id="approve-reason" name="reason"></textarea>${reviewErrors.approve ? html`<p class="error" role="alert">${reviewErrors.approve}</p>` : ""}</div>
<button type="submit">${w.approve}</button></form>
<form method="post" action="/edit/changes/${encodeURIComponent(change.id)}/reject">
<input type="hidden" name="csrf" value="${session!.csrfToken}">
<div class="field${reviewErrors.reject ? " invalid" : ""}"><label for="reject-reason">${w.rejectReason}</label>
<textarea id="reject-reason" name="reason" required${reviewErrors.reject ? raw(' aria-invalid="true" aria-describedby="e-reject"') : ""}></textarea>${
        reviewErrors.reject
          ? html`<p class="error" id="e-reject" role="alert">${w.reason}: ${reviewErrors.reject}</p>`
          : ""
      }</div>
<button type="submit">${w.reject}</button></form></div>`
    : change.status === "draft" && change.author === user.name
      ? html`<p>${w.waitsForOther}</p>`
      : ""
}
<p><a href="${historyHref}">${w.historyOf(kind, change.targetId)}</a></p>`;
  // A monitor draft: the archived copy it was read from beside the values and the review forms.
  const framed = evidence
    ? html`<div class="with-evidence"><section class="evidence" aria-label="${MONITOR_WORDS[w.lang].evidence}">${evidence}</section><div>${body}</div></div>`
    : body;
  return page(view, w.changeTitle(change.id.slice(0, 8)), framed, passkey ? { scripts: PASSKEY_SCRIPTS } : {});
}

export function historyView(
  view: View,
  table: EditableTable,
  id: string,
  entries: ReadonlyArray<HistoryEntry>,
  current: Record<string, unknown> | null,
  names: ReadonlyMap<string, string> = new Map(),
) {
  const { w } = view;
  const kind = w.rowKind[table];
  const body = html`<p>${w.historyIntro(kind, id, current !== null)}${
    current
      ? html` <a href="/edit/correct?table=${table}&amp;id=${encodeURIComponent(id)}">${w.proposeCorrectionLink}</a>.`
      : ""
  }</p>
${
  entries.length === 0
    ? html`<p>${w.noEntries}</p>`
    : html`<ol class="history">${entries.map(
        (e) => html`<li><h2>${w.entryTitle(e.seq, e.action, e.actor, e.at)}</h2>
<p>${w.reasonLine}: ${e.reason ?? w.noneRecorded}</p>${diffTable(w, table, e.before, e.after, names)}</li>`,
      )}</ol>`
}`;
  return page(view, w.historyOf(kind, id), body);
}

function rowPicker(w: Words, prefix: string, label: string, button: string, action: string) {
  return html`<form method="get" action="${action}" class="row-picker"><fieldset><legend>${label}</legend>
<div class="field"><label for="${prefix}-table">${w.columns.what}</label><select id="${prefix}-table" name="table">${(
    ["observations", "sources", "jurisdictions"] as const
  ).map((t) => html`<option value="${t}">${w.rowKind[t]}</option>`)}</select></div>
<div class="field"><label for="${prefix}-id">${w.rowId}</label><input id="${prefix}-id" name="id" list="dl-rows" autocomplete="off" data-picker="dl-rows" aria-describedby="${prefix}-help ${prefix}-picked">
<output class="picked" id="${prefix}-picked" for="${prefix}-id"></output><p class="help" id="${prefix}-help">${w.correctHelp}</p></div>
<button type="submit">${button}</button></fieldset></form>`;
}

export function dashboard(
  view: View,
  lists: { mine: ReadonlyArray<Change>; toReview: ReadonlyArray<Change>; drafts: ReadonlyArray<Change> },
  cases: { role: boolean; locked: boolean },
  choices: PickerChoices,
) {
  const { w, session } = view;
  const role = session!.user.role;
  const editor = roleAtLeast(role, "editor");
  const reviewer = roleAtLeast(role, "reviewer");
  const body = html`${
    editor
      ? html`<h2>${w.proposeHeading}</h2>
<ul class="actions"><li><a href="/edit/new/observations">${w.newObservation}</a></li><li><a href="/edit/new/sources">${w.newSource}</a></li></ul>
<div class="pickers">${rowPicker(w, "correct", w.correctLabel, w.open, "/edit/correct")}
${rowPicker(w, "history", w.historyHeading, w.showHistory, "/edit/history")}</div>`
      : html`<p>${w.viewerNote(role)}</p>
<div class="pickers">${rowPicker(w, "history", w.historyHeading, w.showHistory, "/edit/history")}</div>`
  }
${datalist("dl-rows", choices.rows ?? [])}
${serviceLinks(w.lang, role)}
${cases.role ? html`<h2>${w.casesHeading}</h2><p><a href="/edit/cases">${w.casesLink}</a>${cases.locked ? w.casesLocked : ""}</p>` : ""}
${reviewer ? html`<h2>${w.awaitingReview}</h2>${changesTable(w, lists.toReview, w.noneToReview)}` : ""}
${editor ? html`<h2>${w.yourChanges}</h2>${changesTable(w, lists.mine, w.noneYours)}` : html`<h2>${w.drafts}</h2>${changesTable(w, lists.drafts, w.noDrafts)}`}`;
  return page(view, w.editingTitle, body, { scripts: [PICKER_SCRIPT] });
}

export function loginPage(view: View, message: string | null, name = "", status: "error" | "ok" = "error") {
  const { w } = view;
  const passkey = html`<p><button type="button" id="passkey-signin">${w.signInWithPasskey}</button></p>
<p id="passkey-status" class="passkey-status" role="alert" hidden></p>`;
  return page(
    view,
    w.signIn,
    html`${message ? html`<p class="${status === "ok" ? "ok" : "notice"}" role="${status === "ok" ? "status" : "alert"}">${message}</p>` : ""}
<form method="post" action="/edit/login" class="narrow">
<div class="field"><label for="login-name">${w.name}</label><input id="login-name" name="name" autocomplete="username" value="${name}" required></div>
<div class="field"><label for="login-password">${w.password}</label><input id="login-password" name="password" type="password" autocomplete="current-password" required></div>
<p><button type="submit">${w.signIn}</button></p></form>
${passkey}`,
    { scripts: PASSKEY_SCRIPTS },
  );
}

export function setupPage(view: View, token: string, message: string | null) {
  const { w } = view;
  return page(
    view,
    w.choosePassword,
    html`${message ? html`<p class="notice" role="alert">${message}</p>` : ""}
<form method="post" action="/edit/setup" class="narrow">
<input type="hidden" id="setup-token" name="token" value="${token}">
<div class="field"><label for="setup-password">${w.newPassword}</label><input id="setup-password" name="password" type="password" autocomplete="new-password" required></div>
<div class="field"><label for="setup-repeat">${w.repeatPassword}</label><input id="setup-repeat" name="repeat" type="password" autocomplete="new-password" required></div>
<p><button type="submit">${w.setPassword}</button></p></form>
<noscript><p>${w.noScriptSetup}</p></noscript>`,
    { scripts: ["/edit/static/setup.js"] },
  );
}
