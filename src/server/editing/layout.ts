/** The frame of every editing page: the policy, the page shell, sending it, and error pages. */

import type { Context } from "hono";
import type { EditableTable } from "../../review/index.ts";
import type { EditingEnv, EditingError, Session } from "./guard.ts";
import { html, type SafeHtml } from "./html.ts";

/** The policy for these pages (the app's own security headers set the same or stricter). */
export const EDITING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const TABLE_LABEL: Record<EditableTable, string> = { observations: "observation", sources: "source" };

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
