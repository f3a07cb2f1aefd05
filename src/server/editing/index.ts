/**
 * Team editing over HTTP: sign-in, proposals, reviews and histories, as HTML pages under /edit and
 * JSON under /api/edit. Every route needs a session; every state-changing request needs the
 * session's CSRF token, a same-origin request and the role it acts with (checked here, and again in src/review).
 * The case register is read under /edit/cases and /api/edit/cases by accounts with a case role.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { serverLog } from "../log.ts";
import { apiRoutes } from "./api.ts";
import { caseApiRoutes } from "./cases-api.ts";
import { CaseOperations } from "./cases-operations.ts";
import { casePageRoutes } from "./cases-pages.ts";
import { formFieldLimit } from "./form-limits.ts";
import { type EditingEnv, EditingError, loadSession, sameOriginOnly } from "./guard.ts";
import { jobsPageRoutes } from "./jobs-page.ts";
import { Operations } from "./operations.ts";
import { errorPage, pageRoutes } from "./pages.ts";
import { Challenges, passkeyApiRoutes, passkeyPageRoutes } from "./passkeys.ts";

export { EditingError, LOGIN_LIMIT, SESSION_COOKIE } from "./guard.ts";
export { escapeHtml, html, SafeHtml } from "./html.ts";
export type { EditingDeps } from "./operations.ts";

import type { EditingDeps } from "./operations.ts";

/** The routes, with their full paths (/edit/…, /api/edit/…): mount with `app.route("/", editingRoutes(deps))`. */
export function editingRoutes(deps: EditingDeps): Hono {
  const ops = new Operations(deps);
  const app = new Hono<EditingEnv>();
  const isApi = (path: string) => path === "/api/edit" || path.startsWith("/api/edit/");

  // "/edit/" (as typed, or from a link with a trailing slash) is the dashboard too.
  app.get("/edit/", (c) => c.redirect("/edit", 301));

  for (const prefix of ["/edit/*", "/api/edit/*"]) {
    app.use(prefix, async (c, next) => {
      await next();
      // Private pages and answers: never stored by a browser or a proxy (the static assets excepted).
      if (!c.req.path.startsWith("/edit/static/")) c.header("Cache-Control", "no-store");
    });
    app.use(
      prefix,
      bodyLimit({
        maxSize: 256 * 1024,
        onError: () => {
          throw new EditingError(413, "the request body is too large");
        },
      }),
    );
    app.use(prefix, sameOriginOnly(deps.publicOrigin));
    // Counted on the bytes before any route parses the form (the sign-in route included).
    app.use(prefix, formFieldLimit());
    app.use(prefix, loadSession(deps.db, ops.clock));
  }

  // The case register (confidential: a case role on every route, every read audited) before the
  // general routes, whose catch-all would answer 404.
  const cases = new CaseOperations(ops);
  app.route("/api/edit/cases", caseApiRoutes(cases));
  const challenges = new Challenges();
  app.route("/api/edit", passkeyApiRoutes(ops, challenges));
  app.route("/api/edit", apiRoutes(ops));
  app.route("/edit/cases", casePageRoutes(cases));
  app.route("/edit/jobs", jobsPageRoutes(ops, deps.schedule));
  app.route("/edit", passkeyPageRoutes(ops));
  app.route("/edit", pageRoutes(ops, cases));

  app.onError((error, c) => {
    if (!(error instanceof EditingError)) serverLog.error(error);
    const known = error instanceof EditingError ? error : new EditingError(500, "internal error");
    if (isApi(c.req.path)) {
      // The API says issues in English only: each one's row, column and message (not the pages' detail).
      const issues = known.issues.length
        ? { issues: known.issues.map(({ row, column, message }) => ({ row, column, message })) }
        : {};
      return c.json({ error: { status: known.status, message: known.message, ...issues } }, known.status);
    }
    if (known.status === 401 && c.req.method === "GET") return c.redirect("/edit/login", 303);
    return errorPage(c, known);
  });

  return app as unknown as Hono;
}
