/**
 * The case register's forms: a case (person, detention, WGEID fields) and one timeline event. Field
 * names are the paths the case schema reports problems at (`person.name_zh`, `detention.taken_on`),
 * so each problem lands next to its field; choices come from the case vocabularies themselves
 * (EVENT_KINDS and the rest in src/cases/model.ts), never from a copy.
 */
import {
  CASE_STATUSES,
  type CaseEvent,
  type CaseRecord,
  COMMISSION_LEVELS,
  CONFIDENCES,
  EMPLOYER_KINDS,
  EVENT_KINDS,
  SEXES,
} from "../../cases/index.ts";
import { issue, issueText } from "../../core/index.ts";
import type { CaseWords } from "./case-words.ts";
import { html, raw, type SafeHtml } from "./html.ts";
import type { View } from "./layout.ts";
import { PICKER_SCRIPT, type PickerChoices } from "./views.ts";
import type { EditLang } from "./words.ts";

export type FormValues = Readonly<Record<string, string>>;
export type FieldErrors = ReadonlyMap<string, ReadonlyArray<string>>;

const fid = (name: string) => `f-${name.replace(/[^a-z0-9_-]/gi, "-")}`;
const eid = (name: string) => `e-${name.replace(/[^a-z0-9_-]/gi, "-")}`;
const hid = (name: string) => `h-${name.replace(/[^a-z0-9_-]/gi, "-")}`;

interface FieldSpec {
  readonly name: string;
  readonly kind: "text" | "long" | "date" | "number" | "check" | "select" | "picker";
  readonly choices?: ReadonlyArray<string>;
  readonly required?: boolean;
  /** A select that may be left empty. */
  readonly optional?: boolean;
}

function control(cw: CaseWords, view: View, spec: FieldSpec, values: FormValues, errors: FieldErrors): SafeHtml {
  const { name } = spec;
  const value = values[name] ?? "";
  const invalid = errors.has(name);
  const help = cw.help[name];
  const described = [help ? hid(name) : "", invalid ? eid(name) : ""].filter(Boolean).join(" ");
  const attrs = html`id="${fid(name)}" name="${name}"${described ? html` aria-describedby="${described}"` : ""}${
    spec.required ? raw(" required") : ""
  }${invalid ? raw(' aria-invalid="true"') : ""}`;
  let input: SafeHtml;
  switch (spec.kind) {
    case "long":
      input = html`<textarea ${attrs}>${value}</textarea>`;
      break;
    case "date":
      input = html`<input type="date" ${attrs} value="${value}">`;
      break;
    case "number":
      input = html`<input type="text" inputmode="numeric" ${attrs} value="${value}">`;
      break;
    case "check":
      input = html`<input type="checkbox" ${attrs}${value === "on" ? raw(" checked") : ""}>`;
      break;
    case "select": {
      const options = [...(spec.optional ? [""] : []), ...(spec.choices ?? [])];
      input = html`<select ${attrs}>${options.map(
        (o) =>
          html`<option value="${o}"${o === value ? raw(" selected") : ""}>${o === "" ? view.w.none : (cw.values[o] ?? o)}</option>`,
      )}</select>`;
      break;
    }
    case "picker":
      input = html`<input type="text" ${attrs} value="${value}" list="dl-jurisdictions" autocomplete="off" data-picker="dl-jurisdictions" aria-describedby="${[
        hid(name),
        `p-${name.replace(/[^a-z0-9_-]/gi, "-")}`,
        invalid ? eid(name) : "",
      ]
        .filter(Boolean)
        .join(" ")}">
<output class="picked" id="p-${name.replace(/[^a-z0-9_-]/gi, "-")}" for="${fid(name)}"></output>`;
      break;
    default:
      input = html`<input type="text" ${attrs} value="${value}">`;
  }
  const label = cw.fields[name] ?? name;
  const labelled = html`<label for="${fid(name)}">${label}${spec.required ? html` <span class="req">(${view.w.required})</span>` : ""}</label>`;
  const list = errors.get(name);
  return html`<div class="field${invalid ? " invalid" : ""}${spec.kind === "check" ? " check" : ""}">
${spec.kind === "check" ? html`${input} ${labelled}` : html`${labelled}${input}`}
${help ? html`<p class="help" id="${hid(name)}">${help}</p>` : ""}${
  list?.length
    ? html`<p class="error" id="${eid(name)}">${label}: ${list.map((m) => say(view, m)).join(view.w.lang === "zh" ? "；" : "; ")}</p>`
    : ""
}</div>`;
}

/**
 * A problem in the page's language: the case schema's are English (rendered again by the core's
 * table, src/core/issues.ts); those checked up front here (`formProblems`) are already in it.
 */
const say = (view: View, message: string) =>
  view.w.lang === "zh" && /\p{Script=Han}/u.test(message) ? message : issueText({ message }, view.w.lang);

const CASE_SECTIONS: ReadonlyArray<{
  readonly section: "person" | "detention" | "wgeid";
  readonly fields: ReadonlyArray<FieldSpec>;
}> = [
  {
    section: "person",
    fields: [
      { name: "person.name_zh", kind: "text" },
      { name: "person.name_pinyin", kind: "text" },
      { name: "person.aliases", kind: "text" },
      { name: "person.sex", kind: "select", choices: SEXES },
      { name: "person.birth_year", kind: "number" },
      { name: "person.position", kind: "text" },
      { name: "person.employer", kind: "text" },
      { name: "person.employer_kind", kind: "select", choices: EMPLOYER_KINDS, optional: true },
      { name: "person.relation", kind: "text" },
    ],
  },
  {
    section: "detention",
    fields: [
      { name: "detention.taken_on", kind: "date" },
      { name: "detention.place_last_seen", kind: "text" },
      { name: "detention.commission_level", kind: "select", choices: COMMISSION_LEVELS, optional: true },
      { name: "detention.jurisdiction", kind: "picker", required: true },
      { name: "status", kind: "select", choices: CASE_STATUSES },
    ],
  },
  {
    section: "wgeid",
    fields: [
      { name: "perpetrators", kind: "long" },
      { name: "steps_taken", kind: "long" },
      { name: "narrative", kind: "long" },
      { name: "submitter.name", kind: "text" },
      { name: "submitter.contact", kind: "text" },
      { name: "submitter.confidential", kind: "check" },
      { name: "relatives_consent.date", kind: "date" },
      { name: "relatives_consent.by", kind: "text" },
      { name: "consent_publish_name", kind: "check" },
    ],
  },
];

export const EVENT_FIELDS: ReadonlyArray<FieldSpec> = [
  { name: "event.date", kind: "date", required: true },
  // Built from the case vocabulary: kinds added there appear here.
  { name: "event.kind", kind: "select", choices: EVENT_KINDS, required: true },
  { name: "event.source", kind: "text", required: true },
  { name: "event.confidence", kind: "select", choices: CONFIDENCES, required: true },
  { name: "event.note", kind: "text" },
];

const datalist = (choices: PickerChoices["jurisdictions"]) =>
  html`<datalist id="dl-jurisdictions">${choices.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</datalist>`;

function summary(view: View, cw: CaseWords, errors: FieldErrors, general: ReadonlyArray<string>) {
  const n = [...errors.values()].reduce((sum, list) => sum + list.length, 0) + general.length;
  if (n === 0) return html``;
  return html`<div class="notice" role="alert" id="problems"><p>${cw.notSaved(n)}</p>${
    general.length ? html`<ul>${general.map((g) => html`<li>${say(view, g)}</li>`)}</ul>` : ""
  }</div>`;
}

/** The case form: new (action /edit/cases) or an edit of case `id`. */
export function caseForm(
  view: View,
  cw: CaseWords,
  form: { id: string | null; values: FormValues },
  choices: PickerChoices,
  errors: FieldErrors = new Map(),
  general: ReadonlyArray<string> = [],
) {
  const action = form.id ? `/edit/cases/${encodeURIComponent(form.id)}` : "/edit/cases";
  return html`<p>${cw.confidential} <a href="/edit/cases">${cw.backToWatch}</a></p>
${summary(view, cw, errors, general)}
<form method="post" action="${action}" novalidate class="case-form">
<input type="hidden" name="csrf" value="${view.session?.csrfToken ?? ""}">
${CASE_SECTIONS.map(
  (s) =>
    html`<fieldset><legend>${cw.sections[s.section]}</legend>${s.fields.map((f) => control(cw, view, f, form.values, errors))}</fieldset>`,
)}
${form.id ? control(cw, view, { name: "reason", kind: "text" }, form.values, errors) : ""}
<p><button type="submit">${form.id ? cw.save : cw.create}</button></p>
${datalist(choices.jurisdictions)}
</form>`;
}

export const CASE_FORM_SCRIPTS = [PICKER_SCRIPT];

/** The form adding one event to a case's timeline. */
export function eventForm(view: View, cw: CaseWords, id: string, values: FormValues, errors: FieldErrors = new Map()) {
  return html`<form method="post" action="/edit/cases/${encodeURIComponent(id)}/events" novalidate class="event-form" id="add-event">
<input type="hidden" name="csrf" value="${view.session?.csrfToken ?? ""}">
${summary(view, cw, errors, [])}
${EVENT_FIELDS.map((f) => control(cw, view, f, values, errors))}
<p><button type="submit">${cw.addEvent}</button></p></form>`;
}

/** A stored record as the form's values (for editing it). */
export function recordValues(r: CaseRecord): FormValues {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    "person.name_zh": s(r.person.name_zh),
    "person.name_pinyin": s(r.person.name_pinyin),
    "person.aliases": r.person.aliases.join(", "),
    "person.sex": r.person.sex,
    "person.birth_year": s(r.person.birth_year),
    "person.position": s(r.person.position),
    "person.employer": s(r.person.employer),
    "person.employer_kind": s(r.person.employer_kind),
    "person.relation": s(r.person.relation),
    "detention.taken_on": s(r.detention.taken_on),
    "detention.place_last_seen": s(r.detention.place_last_seen),
    "detention.commission_level": s(r.detention.commission_level),
    "detention.jurisdiction": r.detention.jurisdiction,
    status: r.status,
    perpetrators: s(r.perpetrators),
    steps_taken: s(r.steps_taken),
    narrative: s(r.narrative),
    "submitter.name": s(r.submitter?.name),
    "submitter.contact": s(r.submitter?.contact),
    "submitter.confidential": r.submitter === null || r.submitter.confidential ? "on" : "",
    "relatives_consent.date": s(r.relatives_consent?.date),
    "relatives_consent.by": s(r.relatives_consent?.by),
    consent_publish_name: r.consent_publish_name ? "on" : "",
  };
}

/** The form's values as the case schema's input (the schema then validates and names every problem). */
export function caseInputFromForm(v: FormValues, timeline: ReadonlyArray<CaseEvent>): unknown {
  const t = (name: string) => (v[name] ?? "").trim();
  const orNull = (name: string) => (t(name) === "" ? null : t(name));
  const year = t("person.birth_year");
  const submitter = t("submitter.name") || t("submitter.contact");
  const consent = t("relatives_consent.date") || t("relatives_consent.by");
  return {
    person: {
      name_zh: t("person.name_zh"),
      name_pinyin: t("person.name_pinyin"),
      aliases: t("person.aliases")
        .split(/[,，;；\n]/)
        .map((a) => a.trim())
        .filter(Boolean),
      sex: t("person.sex") || "unknown",
      birth_year: year === "" ? null : /^\d+$/.test(year) ? Number(year) : year,
      position: t("person.position"),
      employer: t("person.employer"),
      employer_kind: orNull("person.employer_kind"),
      relation: t("person.relation"),
    },
    detention: {
      taken_on: orNull("detention.taken_on"),
      place_last_seen: t("detention.place_last_seen"),
      commission_level: orNull("detention.commission_level"),
      jurisdiction: t("detention.jurisdiction"),
    },
    timeline,
    perpetrators: t("perpetrators"),
    steps_taken: t("steps_taken"),
    narrative: t("narrative"),
    submitter: submitter
      ? {
          name: t("submitter.name"),
          contact: t("submitter.contact"),
          confidential: v["submitter.confidential"] === "on",
        }
      : null,
    relatives_consent: consent ? { date: t("relatives_consent.date"), by: t("relatives_consent.by") } : null,
    consent_publish_name: v.consent_publish_name === "on",
    status: t("status") || "open",
  };
}

/** An event from the form's values (validated with the case). */
export function eventFromForm(v: FormValues): unknown {
  const t = (name: string) => (v[name] ?? "").trim();
  return {
    date: t("event.date"),
    kind: t("event.kind"),
    source: t("event.source"),
    confidence: t("event.confidence"),
    note: t("event.note"),
  };
}

/**
 * The case schema's problems ("person.name_zh: needs a name") by form field; an event's problems
 * ("timeline.3.date: …") go to the event form's fields.
 */
export function problemsByField(problems: ReadonlyArray<string>): { fields: Map<string, string[]>; general: string[] } {
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    const at = problem.indexOf(": ");
    let path = at > 0 ? problem.slice(0, at) : "";
    const message = at > 0 ? problem.slice(at + 2) : problem;
    const event = /^timeline\.\d+\.(\w+)$/.exec(path);
    if (event) path = `event.${event[1]}`;
    if (path === "person" || path === "(case)" || path === "") general.push(message);
    else fields.set(path, [...(fields.get(path) ?? []), message]);
  }
  return { fields, general };
}

/**
 * Problems the schema reports only once everything else is valid (a name; a jurisdiction the ledger
 * knows), checked up front so that a form's answer lists every problem at once.
 */
export function formProblems(v: FormValues, choices: PickerChoices, lang: EditLang = "en"): string[] {
  const out: string[] = [];
  if (!(v["person.name_zh"] ?? "").trim() && !(v["person.name_pinyin"] ?? "").trim()) {
    out.push("person.name_zh: needs a name: name_zh or name_pinyin");
  }
  const code = (v["detention.jurisdiction"] ?? "").trim();
  if (code !== "" && !choices.jurisdictions.some((j) => j.value === code)) {
    out.push(`detention.jurisdiction: ${issueText(issue("jurisdictionNotInLedger", { code }), lang)}`);
  }
  return out;
}

/**
 * Every problem once per field: those checked up front (already in the page's language), then the
 * schema's on fields those did not name (the store's "'CN-XX' is not in the ledger" says the same
 * as the up-front check, in English only).
 */
export function mergeProblems(schema: ReadonlyArray<string>, upFront: ReadonlyArray<string>): string[] {
  const pathOf = (p: string) => p.slice(0, Math.max(0, p.indexOf(": ")));
  const named = new Set(upFront.map(pathOf));
  return [...upFront, ...schema.filter((p) => !named.has(pathOf(p)))];
}
