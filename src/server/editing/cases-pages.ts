/**
 * The case register's pages under /edit/cases: the deadline watch, one case, its WGEID Word file.
 * Every route needs a session and a case role and says when cases are locked (cases-operations.ts);
 * every read is audited. No name in a URL or a page title (titles end up in browser histories):
 * only the random case id.
 */
import { Hono } from "hono";
import {
  type CaseEvent,
  type DeadlineFlag,
  type DeadlineStatus,
  displayName,
  sortedTimeline,
  WgeidRefusal,
} from "../../cases/index.ts";
import { type CaseOperations, type CaseView, docxHeaders } from "./cases-operations.ts";
import type { EditingEnv, Session } from "./guard.ts";
import { requireSession } from "./guard.ts";
import { html, type SafeHtml } from "./html.ts";
import { page, send } from "./pages.ts";

const FLAG_LABEL: Record<DeadlineFlag, string> = {
  "beyond-legal-maximum": "past the legal maximum of the law in force on the day taken",
  "term-passed-no-extension": "3-month term passed, no extension recorded",
  "wgeid-urgent-window": "inside the WGEID urgent-procedure window",
  "no-regime-for-date": "taken before any legal regime on record",
};

/** Which law the deadlines were judged by: "Supervision Law (2018), art. 43". */
const regimeText = (s: DeadlineStatus) =>
  s.regime
    ? `${s.regime.name_en}, ${s.regime.article} (${s.regime.name_zh}; at most ${s.regime.max_months} months)`
    : "—";

const caseHref = (id: string) => `/edit/cases/${encodeURIComponent(id)}`;
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));

function flagList(s: DeadlineStatus): SafeHtml {
  if (s.flags.length === 0) return html`—`;
  return html`<ul class="flags">${s.flags.map(
    (f) =>
      html`<li class="flag-${f}">${FLAG_LABEL[f]}${
        f === "wgeid-urgent-window" && s.urgent_days_left !== null ? ` (${s.urgent_days_left} days left)` : ""
      }</li>`,
  )}</ul>`;
}

const held = (s: DeadlineStatus) =>
  s.days_held === null ? "—" : `${s.days_held}${s.ended_on ? ` (ended ${s.ended_on})` : ""}`;

/** The deadline watch: only what the list needs (no name, no place): the id, dates, days held, flags. */
function deadlinesPage(session: Session, asOf: string, list: ReadonlyArray<DeadlineStatus>) {
  const body = html`<p>Open cases as of ${asOf}, most urgent first: past the legal maximum of the law in force on the day taken, then the three-month term passed
without a recorded extension, then those inside the WGEID urgent-procedure window (fewest days left first), then the
rest; cases with no date taken come last. Opening this list is recorded in the audit log for every case on it.</p>
${
  list.length === 0
    ? html`<p>No open cases.</p>`
    : html`<table><thead><tr><th>case</th><th>taken on</th><th>days held</th><th>law applied</th><th>3-month term ends</th><th>extension recorded</th><th>flags</th></tr></thead><tbody>
${list.map(
  (s) =>
    html`<tr><td><a href="${caseHref(s.id)}">${s.id}</a></td><td>${dash(s.taken_on)}</td><td>${held(s)}</td><td>${s.regime ? `${s.regime.id} (${s.regime.article})` : "—"}</td><td>${dash(
      s.term_ends,
    )}</td><td>${s.extension_recorded ? "yes" : "no"}</td><td>${flagList(s)}</td></tr>`,
)}</tbody></table>`
}`;
  return page("Cases: deadline watch", session, body);
}

const row = (label: string, value: string | number | null | undefined) =>
  html`<dt>${label}</dt><dd>${dash(value)}</dd>`;

function timelineTable(events: ReadonlyArray<CaseEvent>) {
  if (events.length === 0) return html`<p>No events recorded.</p>`;
  return html`<table><thead><tr><th>date</th><th>event</th><th>source</th><th>confidence</th><th>note</th></tr></thead><tbody>
${events.map(
  (e) =>
    html`<tr><td>${e.date}</td><td>${e.kind}</td><td>${e.source}</td><td>${e.confidence}</td><td>${dash(e.note)}</td></tr>`,
)}</tbody></table>`;
}

function wgeidSection(view: CaseView) {
  if (view.wgeid.ready) {
    return html`<p class="ok">Every minimum element and the relatives' consent are recorded.
<a href="${caseHref(view.id)}/wgeid.docx">Download the WGEID communication (Word)</a>: keep it as confidential as the case.</p>`;
  }
  return html`<div class="notice"><p>Not ready for the WGEID: missing</p>
<ul>${view.wgeid.missing.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

function casePage(session: Session, view: CaseView) {
  const r = view.record;
  const p = r.person;
  const d = r.detention;
  const s = view.deadline;
  const body = html`<p>Confidential. Opening this page is recorded in the audit log. <a href="/edit/cases">Back to the deadline watch</a></p>
<h2>Person</h2><dl>
${row("Name", displayName(r))}${row("Other names", p.aliases.join(", "))}${row("Sex", p.sex)}${row("Year of birth", p.birth_year)}
${row("Position", p.position)}${row("Employer", p.employer ? `${p.employer}${p.employer_kind ? ` (${p.employer_kind})` : ""}` : null)}
${row("Relation to others under investigation", p.relation)}</dl>
<h2>Detention</h2><dl>
${row("Taken on", d.taken_on)}${row("Place last seen", d.place_last_seen)}${row("Commission level", d.commission_level)}
${row("Jurisdiction", d.jurisdiction)}${row("Status", r.status)}</dl>
<h2>Deadlines (as of today)</h2><dl>
${row("Law applied (in force on the day taken)", regimeText(s))}
${row("Days held", held(s))}${row("Period counted anew on", s.recounted_on)}${row("3-month term ends", s.term_ends)}${row("Term + extension ends", s.six_months)}
${row("Legal maximum (recorded events) ends", s.legal_max_ends)}
${row("Extension recorded", s.extension_recorded ? "yes" : "no")}${row("Second extension recorded", s.second_extension_recorded ? "yes" : "no")}
${row("Events the law applied does not provide for", s.events_not_in_regime.join(", "))}<dt>Flags</dt><dd>${flagList(s)}</dd></dl>
<h2>Timeline</h2>${timelineTable(sortedTimeline(r))}
<h2>For the WGEID</h2><dl>
${row("Believed to have carried it out", r.perpetrators)}${row("Steps taken to locate the person", r.steps_taken)}
${row("Narrative", r.narrative)}
${row("Submitter", r.submitter ? `${r.submitter.name}${r.submitter.confidential ? " (confidential on request)" : ""}` : null)}
${row("Relatives' consent", r.relatives_consent ? `${r.relatives_consent.date}, given by ${r.relatives_consent.by}` : null)}
${row("Consent to publish the name", r.consent_publish_name ? "given" : "not given")}</dl>
<h2>WGEID readiness</h2>${wgeidSection(view)}`;
  return page(`Case ${view.id}`, session, body);
}

function refusalPage(session: Session, id: string, missing: ReadonlyArray<string>) {
  const body = html`<div class="notice" role="alert"><p>The WGEID form cannot be filled for case ${id}: missing</p>
<ul>${missing.map((m) => html`<li>${m}</li>`)}</ul></div>
<p><a href="${caseHref(id)}">Back to the case</a></p>`;
  return page("WGEID export refused", session, body);
}

export function casePageRoutes(cases: CaseOperations): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();

  app.get("/", async (c) => {
    const ctx = await cases.context(c);
    const { as_of, cases: list } = await cases.deadlines(ctx);
    return send(c, deadlinesPage(requireSession(c), as_of, list));
  });

  app.get("/:id", async (c) => {
    const ctx = await cases.context(c);
    return send(c, casePage(requireSession(c), await cases.view(ctx, c.req.param("id"))));
  });

  app.get("/:id/wgeid.docx", async (c) => {
    const ctx = await cases.context(c);
    const id = c.req.param("id");
    try {
      const { filename, bytes } = await cases.wgeid(ctx, id);
      return c.body(bytes, 200, docxHeaders(filename));
    } catch (error) {
      if (!(error instanceof WgeidRefusal)) throw error;
      return send(c, refusalPage(requireSession(c), id, error.missing), 409);
    }
  });

  return app;
}
