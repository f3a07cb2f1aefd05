/**
 * The case register's pages under /edit/cases: the deadline watch, one case with its timeline, the
 * forms that record a case, edit it and add events, and the WGEID Word file. Every route needs a
 * session and a case role and says when cases are locked (cases-operations.ts); every write needs
 * the CSRF token; every read and write is audited through src/cases. No name in a URL or a page
 * title (titles end up in browser histories): only the random case id.
 */
import { type Context, Hono } from "hono";
import {
  CaseError,
  type CaseEvent,
  type DeadlineStatus,
  displayName,
  nextDeadline,
  sortedTimeline,
  type WgeidElement,
  WgeidRefusal,
} from "../../cases/index.ts";
import { CASE_WORDS, type CaseWords } from "./case-words.ts";
import {
  CASE_FORM_SCRIPTS,
  caseForm,
  caseInputFromForm,
  eventForm,
  eventFromForm,
  type FieldErrors,
  type FormValues,
  formProblems,
  mergeProblems,
  problemsByField,
  recordValues,
} from "./cases-forms.ts";
import { type CaseOperations, type CaseView, docxHeaders } from "./cases-operations.ts";
import { authorize, type EditingEnv, EditingError } from "./guard.ts";
import { html, type SafeHtml } from "./html.ts";
import { page, send, type View, viewOf } from "./layout.ts";
import { langOf } from "./words.ts";

const caseHref = (id: string) => `/edit/cases/${encodeURIComponent(id)}`;
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));
const label = (cw: CaseWords, value: string | null) => (value === null ? null : (cw.values[value] ?? value));

function flagList(cw: CaseWords, s: DeadlineStatus): SafeHtml {
  if (s.flags.length === 0) return html`—`;
  return html`<ul class="flags">${s.flags.map((f) => {
    const text = `${cw.flags[f]}${f === "wgeid-urgent-window" && s.urgent_days_left !== null ? ` (${cw.daysLeft(s.urgent_days_left)})` : ""}`;
    // Past the legal maximum is the one fact a case worker must not miss.
    return html`<li class="flag-${f}">${f === "beyond-legal-maximum" ? html`<strong>${text}</strong>` : text}</li>`;
  })}</ul>`;
}

/** The deadline that matters next, in words, with its date and distance; a passed one marked. */
function nextCell(cw: CaseWords, s: DeadlineStatus, asOf: string): SafeHtml {
  const next = nextDeadline(s, asOf);
  if (!next) return html`—`;
  const text = `${cw.deadlineKinds[next.kind]}: ${next.date} (${cw.due(next.daysLeft)})`;
  return next.daysLeft < 0
    ? html`<strong class="overdue" data-next="${next.kind}">${text}</strong>`
    : html`<span data-next="${next.kind}">${text}</span>`;
}

const held = (cw: CaseWords, s: DeadlineStatus) =>
  s.days_held === null ? "—" : `${s.days_held}${s.ended_on ? ` (${cw.ended(s.ended_on)})` : ""}`;

/** The deadline watch: only what the list needs (no name, no place): the id, dates, days held, flags. */
function deadlinesPage(view: View, cw: CaseWords, asOf: string, list: ReadonlyArray<DeadlineStatus>) {
  const c = cw.cols;
  const body = html`<p>${cw.watchIntro(asOf)}</p>
<p><a href="/edit/cases/new">${cw.newCase}</a></p>
${
  list.length === 0
    ? html`<p>${cw.noOpen}</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>${c.case}</th><th>${c.taken}</th><th>${c.held}</th><th>${c.law}</th><th>${c.next}</th><th>${c.extension}</th><th>${c.flags}</th></tr></thead><tbody>
${list.map(
  (s) =>
    html`<tr><td data-label="${c.case}"><a href="${caseHref(s.id)}">${s.id}</a></td><td data-label="${c.taken}">${dash(s.taken_on)}</td><td data-label="${c.held}">${held(cw, s)}</td><td data-label="${c.law}">${s.regime ? cw.regimeShort(s.regime) : "—"}</td><td data-label="${c.next}">${nextCell(cw, s, asOf)}</td><td data-label="${c.extension}">${s.extension_recorded ? cw.yes : cw.no}</td><td data-label="${c.flags}">${flagList(cw, s)}</td></tr>`,
)}</tbody></table></div>`
}`;
  return page(view, cw.watchTitle, body);
}

const row = (name: string, value: string | number | null | undefined) => html`<dt>${name}</dt><dd>${dash(value)}</dd>`;

function timelineTable(cw: CaseWords, events: ReadonlyArray<CaseEvent>) {
  if (events.length === 0) return html`<p>${cw.noEvents}</p>`;
  const c = cw.eventCols;
  return html`<div class="scroll"><table class="timeline"><thead><tr><th>${c.date}</th><th>${c.kind}</th><th>${c.source}</th><th>${c.confidence}</th><th>${c.note}</th></tr></thead><tbody>
${events.map(
  (e) =>
    html`<tr data-kind="${e.kind}"><td>${e.date}</td><td>${label(cw, e.kind)}</td><td>${e.source}</td><td>${label(cw, e.confidence)}</td><td>${dash(e.note)}</td></tr>`,
)}</tbody></table></div>`;
}

function wgeidSection(cw: CaseWords, view: CaseView) {
  if (view.wgeid.ready) {
    return html`<p class="ok">${cw.ready} <a href="${caseHref(view.id)}/wgeid.docx">${cw.download}</a></p>`;
  }
  return html`<div class="notice"><p>${cw.notReady}</p>
<ul>${view.wgeid.elements.map((e) => html`<li>${cw.wgeidElements[e]}</li>`)}</ul></div>`;
}

function casePage(
  pageView: View,
  cw: CaseWords,
  view: CaseView,
  event: { values: FormValues; errors: FieldErrors } = { values: {}, errors: new Map() },
) {
  const r = view.record;
  const p = r.person;
  const d = r.detention;
  const s = view.deadline;
  const f = cw.fields;
  const dr = cw.deadlineRows;
  const body = html`<p>${cw.confidential} <a href="/edit/cases">${cw.backToWatch}</a> · <a href="${caseHref(view.id)}/edit">${cw.edit}</a></p>
<h2>${cw.sections.person}</h2><dl class="facts">
${row(cw.name, displayName(r))}${row(f["person.aliases"]!, p.aliases.join(", "))}${row(f["person.sex"]!, label(cw, p.sex))}${row(f["person.birth_year"]!, p.birth_year)}
${row(f["person.position"]!, p.position)}${row(f["person.employer"]!, p.employer ? `${p.employer}${p.employer_kind ? ` (${label(cw, p.employer_kind)})` : ""}` : null)}
${row(f["person.relation"]!, p.relation)}</dl>
<h2>${cw.sections.detention}</h2><dl class="facts">
${row(f["detention.taken_on"]!, d.taken_on)}${row(f["detention.place_last_seen"]!, d.place_last_seen)}${row(f["detention.commission_level"]!, label(cw, d.commission_level))}
${row(f["detention.jurisdiction"]!, d.jurisdiction)}${row(f.status!, label(cw, r.status))}</dl>
<h2>${cw.sections.deadlines}</h2><dl class="facts" id="deadlines">
${row(dr.lawApplied, s.regime ? cw.regimeText(s.regime) : null)}
${row(cw.cols.held, held(cw, s))}${row(dr.recounted, s.recounted_on)}${row(cw.cols.termEnds, s.term_ends)}${row(dr.termPlusExtension, s.six_months)}
${row(dr.legalMax, s.legal_max_ends)}
${row(cw.cols.extension, s.extension_recorded ? cw.yes : cw.no)}${row(dr.secondExtension, s.second_extension_recorded ? cw.yes : cw.no)}
${row(dr.notInRegime, s.events_not_in_regime.map((k) => cw.values[k] ?? k).join(", "))}<dt>${cw.cols.flags}</dt><dd>${flagList(cw, s)}</dd></dl>
<h2>${cw.sections.timeline}</h2>${timelineTable(cw, sortedTimeline(r))}
<h3>${cw.sections.addEvent}</h3>${eventForm(pageView, cw, view.id, event.values, event.errors)}
<h2>${cw.sections.wgeid}</h2><dl class="facts">
${row(f.perpetrators!, r.perpetrators)}${row(f.steps_taken!, r.steps_taken)}
${row(f.narrative!, r.narrative)}
${row(f["submitter.name"]!, r.submitter ? `${r.submitter.name}${r.submitter.confidential ? cw.confidentialOnRequest : ""}` : null)}
${row(f["relatives_consent.by"]!, r.relatives_consent ? cw.consentBy(r.relatives_consent.date, r.relatives_consent.by) : null)}
${row(f.consent_publish_name!, r.consent_publish_name ? cw.given : cw.notGiven)}</dl>
<h2>${cw.sections.readiness}</h2>${wgeidSection(cw, view)}`;
  return page(pageView, cw.caseTitle(view.id), body, { scripts: CASE_FORM_SCRIPTS });
}

function refusalPage(view: View, cw: CaseWords, id: string, missing: ReadonlyArray<WgeidElement>) {
  const body = html`<div class="notice" role="alert"><p>${cw.refused(id)}</p>
<ul>${missing.map((e) => html`<li>${cw.wgeidElements[e]}</li>`)}</ul></div>
<p><a href="${caseHref(id)}">${cw.caseTitle(id)}</a></p>`;
  return page(view, cw.refusedTitle, body);
}

/** The text fields of a posted form (files and repeated fields ignored). */
async function formValues(c: Context<EditingEnv>): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function casePageRoutes(cases: CaseOperations): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();
  const words = (c: Context<EditingEnv>) => CASE_WORDS[viewOf(c).w.lang];
  const formPage = (c: Context<EditingEnv>, id: string | null, values: FormValues, problems: string[] = []) => {
    const view = viewOf(c);
    const cw = words(c);
    const { fields, general } = problemsByField(problems);
    return cases.ops.choices().then((choices) =>
      send(
        c,
        page(view, id ? cw.editCase(id) : cw.newCase, caseForm(view, cw, { id, values }, choices, fields, general), {
          scripts: CASE_FORM_SCRIPTS,
        }),
        problems.length ? 400 : 200,
      ),
    );
  };

  const allProblems = async (c: Context<EditingEnv>, error: CaseError, values: FormValues) =>
    mergeProblems(
      error.problems.length ? error.problems : [error.message],
      formProblems(values, await cases.ops.choices(), viewOf(c).w.lang),
    );

  app.get("/", async (c) => {
    const ctx = await cases.context(c);
    const { as_of, cases: list } = await cases.deadlines(ctx);
    return send(c, deadlinesPage(viewOf(c), words(c), as_of, list));
  });

  app.get("/new", async (c) => {
    await cases.context(c);
    // Nothing is presumed about the person: sex unknown until someone records it.
    return formPage(c, null, { "person.sex": "unknown", "submitter.confidential": "on", status: "open" });
  });

  app.post("/", async (c) => {
    await authorize(c, "viewer");
    const ctx = await cases.context(c);
    const values = await formValues(c);
    try {
      const id = await cases.create(ctx, caseInputFromForm(values, []));
      return c.redirect(caseHref(id), 303);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      return formPage(c, null, values, await allProblems(c, error, values));
    }
  });

  app.get("/:id", async (c) => {
    const ctx = await cases.context(c);
    return send(c, casePage(viewOf(c), words(c), await cases.view(ctx, c.req.param("id"))));
  });

  app.get("/:id/edit", async (c) => {
    const ctx = await cases.context(c);
    const id = c.req.param("id");
    const stored = await cases.read(ctx, id, "web: case edit form");
    return formPage(c, id, { ...recordValues(stored.record), reason: "" });
  });

  app.post("/:id", async (c) => {
    await authorize(c, "viewer");
    const ctx = await cases.context(c);
    const id = c.req.param("id");
    const values = await formValues(c);
    const stored = await cases.read(ctx, id, "web: case edit");
    const reason = (values.reason ?? "").trim() || "case edited on the web";
    try {
      await cases.update(ctx, id, caseInputFromForm(values, stored.record.timeline), `web: ${reason}`);
      return c.redirect(caseHref(id), 303);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      return formPage(c, id, values, await allProblems(c, error, values));
    }
  });

  app.post("/:id/events", async (c) => {
    await authorize(c, "viewer");
    const ctx = await cases.context(c);
    const id = c.req.param("id");
    const values = await formValues(c);
    const stored = await cases.read(ctx, id, "web: timeline event");
    const timeline = [...stored.record.timeline, eventFromForm(values) as CaseEvent];
    try {
      await cases.update(ctx, id, { ...stored.record, timeline }, "web: timeline event added");
      return c.redirect(`${caseHref(id)}#deadlines`, 303);
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      const { fields } = problemsByField([...error.problems]);
      return send(c, casePage(viewOf(c), words(c), await cases.view(ctx, id), { values, errors: fields }), 400);
    }
  });

  app.get("/:id/wgeid.docx", async (c) => {
    const ctx = await cases.context(c);
    const id = c.req.param("id");
    try {
      // The document in the page's language (Chinese pages give the Chinese document).
      const { filename, bytes } = await cases.wgeid(ctx, id, langOf(c) === "zh" ? "zh" : "en");
      return c.body(bytes, 200, docxHeaders(filename));
    } catch (error) {
      if (!(error instanceof WgeidRefusal)) throw error;
      return send(c, refusalPage(viewOf(c), words(c), id, error.elements), 409);
    }
  });

  app.all("*", () => {
    throw new EditingError(404, "no such page in the case register");
  });

  return app;
}
