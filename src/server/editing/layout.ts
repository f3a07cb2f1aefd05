/** The frame of every editing page: the policy, the page shell (language switch included), sending it, and error pages. */

import type { Context } from "hono";
import { issueText } from "../../core/index.ts";
import type { EditingEnv, EditingError, Session } from "./guard.ts";
import { html, type SafeHtml } from "./html.ts";
import { type EditLang, type Words, wordsOf } from "./words.ts";

/** The policy for these pages (the app's own security headers set the same or stricter). */
export const EDITING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** What every page needs besides its body: who is signed in, the words of the page's language, where it is. */
export interface View {
  readonly session: Session | null;
  readonly w: Words;
  /** This page's address (path and query), for the language switch to come back to. */
  readonly here: string;
}

export function viewOf(c: Context<EditingEnv>): View {
  const url = new URL(c.req.url);
  // After a POST the page's own address is not one to come back to: the dashboard is.
  const here = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/edit";
  return { session: c.get("session") ?? null, w: wordsOf(c), here };
}

/** Only local editing addresses are followed after a language switch (never another site). */
export function safeBack(back: string | undefined): string {
  return back && /^\/edit(?:[/?#]|$)/.test(back) && !back.startsWith("//") ? back : "/edit";
}

const langHref = (to: EditLang, here: string) => `/edit/lang?to=${to}&back=${encodeURIComponent(safeBack(here))}`;

export function page(view: View, title: string, body: SafeHtml, options: { scripts?: ReadonlyArray<string> } = {}) {
  const { session, w } = view;
  const other = html`<a class="lang" href="${langHref(w.otherLang.code, view.here)}" lang="${w.otherLang.code === "zh" ? "zh-Hans" : "en"}">${w.otherLang.label}</a>`;
  const top = session
    ? html`<header class="top"><a href="/edit">${w.app} · ${w.editingTitle}</a>
<span class="who">${w.signedInAs} <strong>${session.user.name}</strong>${w.roleNames[session.user.role]} <a href="/edit/account">${w.passkeys}</a> ${other}
<form method="post" action="/edit/logout"><input type="hidden" name="csrf" value="${session.csrfToken}"><button type="submit">${w.signOut}</button></form></span></header>`
    : html`<header class="top"><a href="/">${w.app}</a><span class="who">${w.teamEditing} ${other}</span></header>`;
  const scripts = options.scripts ?? [];
  return html`<!doctype html>
<html lang="${w.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${w.app}</title><link rel="stylesheet" href="/edit/static/editing.css">
${scripts.map((src) => html`<script src="${src}" defer></script>`)}</head>
<body><a class="skip" href="#main">${w.skip}</a>${top}<main id="main"><h1>${title}</h1>
${body}</main></body></html>`;
}

export function send(c: Context, markup: SafeHtml, status = 200) {
  c.header("Content-Security-Policy", EDITING_CSP);
  c.header("Content-Language", /<html lang="zh/.test(markup.value.slice(0, 200)) ? "zh-Hans" : "en");
  return c.html(markup.value, status as 200);
}

export function errorPage(c: Context<EditingEnv>, error: EditingError) {
  const view = viewOf(c);
  const { w } = view;
  return send(
    c,
    page(
      view,
      `${error.status} ${w.errorTitles[error.status] ?? "Error"}`,
      html`<p class="notice" role="alert">${error.message}</p>
${error.issues.length ? html`<ul>${error.issues.map((i) => html`<li>${i.column ? `${i.column}: ` : ""}${issueText(i, w.lang)}</li>`)}</ul>` : ""}
<p><a href="/edit">${w.back}</a></p>`,
    ),
    error.status,
  );
}
