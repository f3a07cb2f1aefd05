/** The JSON side of editing, under /api/edit: the same operations as the pages, for scripts and the dashboard. */

import type { Context } from "hono";
import { Hono } from "hono";
import { endSession } from "../../accounts/index.ts";
import { authorize, clearSessionCookie, type EditingEnv, EditingError, requireSession } from "./guard.ts";
import { isEditableTable, type Operations, parseStatus } from "./operations.ts";

/** The body of a JSON request: an object, or 415/400. */
async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header("Content-Type") ?? "").startsWith("application/json")) {
    throw new EditingError(415, "send the body as application/json");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new EditingError(400, "the body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new EditingError(400, "the body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/** A JSON body that may be absent (approve takes an optional reason). */
async function optionalJsonBody(c: Context): Promise<Record<string, unknown>> {
  const length = c.req.header("Content-Length");
  if (!c.req.header("Content-Type") && (length === undefined || length === "0")) return {};
  return jsonBody(c);
}

export function apiRoutes(ops: Operations): Hono<EditingEnv> {
  const api = new Hono<EditingEnv>();

  api.post("/session", async (c) => {
    const body = await jsonBody(c);
    const { user, csrfToken } = await ops.login(c, body.name, body.password);
    return c.json({ user, csrfToken });
  });

  api.get("/session", (c) => {
    const session = requireSession(c);
    return c.json({ user: session.user, csrfToken: session.csrfToken });
  });

  api.delete("/session", async (c) => {
    const session = await authorize(c, "viewer");
    await endSession(ops.deps.db, session.token);
    clearSessionCookie(c, ops.deps.secureCookies);
    return c.body(null, 204);
  });

  api.get("/changes", async (c) => {
    requireSession(c);
    return c.json({ changes: await ops.changes(parseStatus(c.req.query("status"))) });
  });

  api.post("/changes", async (c) => {
    const session = await authorize(c, "editor");
    const body = await jsonBody(c);
    const change = await ops.propose(
      session,
      body as { table: unknown; action: unknown; row: unknown; reason: unknown; newSource?: unknown },
    );
    return c.json({ change }, 201);
  });

  api.get("/changes/:id", async (c) => {
    requireSession(c);
    return c.json({ change: await ops.change(c.req.param("id")) });
  });

  api.post("/changes/:id/approve", async (c) => {
    const session = await authorize(c, "reviewer");
    const body = await optionalJsonBody(c);
    return c.json({ change: await ops.approve(session, c.req.param("id"), body.reason) });
  });

  api.post("/changes/:id/reject", async (c) => {
    const session = await authorize(c, "reviewer");
    const body = await jsonBody(c);
    return c.json({ change: await ops.reject(session, c.req.param("id"), body.reason) });
  });

  api.get("/:table/:id/history", async (c) => {
    requireSession(c);
    const table = c.req.param("table");
    if (!isEditableTable(table)) throw new EditingError(404, `no history for '${table}'`);
    return c.json({ entries: await ops.history(table, c.req.param("id")) });
  });

  api.all("*", (c) => {
    throw new EditingError(404, `no route for ${c.req.method} ${c.req.path}`);
  });
  return api;
}
