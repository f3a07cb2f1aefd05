/**
 * The case register's JSON under /api/edit/cases: the same reads as the pages (cases-pages.ts), with
 * the same checks (401, 403, 503 while cases are locked) and the same audit entries.
 */
import { Hono } from "hono";
import { WGEID_ELEMENTS, WgeidRefusal } from "../../cases/index.ts";
import { type CaseOperations, docxHeaders } from "./cases-operations.ts";
import { type EditingEnv, EditingError } from "./guard.ts";

/** The WGEID_ELEMENTS key of a missing element's text, so scripts need not match sentences. */
const elementKey = (text: string) => Object.entries(WGEID_ELEMENTS).find(([, t]) => t === text)?.[0] ?? null;

export function caseApiRoutes(cases: CaseOperations): Hono<EditingEnv> {
  const api = new Hono<EditingEnv>();

  api.get("/", async (c) => c.json(await cases.deadlines(await cases.context(c))));

  api.get("/:id", async (c) => {
    const view = await cases.view(await cases.context(c), c.req.param("id"));
    return c.json({
      case: { id: view.id, ...view.record },
      deadline: view.deadline,
      wgeid: {
        ...view.wgeid,
        ...(view.wgeid.ready ? { download: `/api/edit/cases/${encodeURIComponent(view.id)}/wgeid.docx` } : {}),
      },
    });
  });

  api.get("/:id/wgeid.docx", async (c) => {
    const ctx = await cases.context(c);
    try {
      const { filename, bytes } = await cases.wgeid(ctx, c.req.param("id"));
      return c.body(bytes, 200, docxHeaders(filename));
    } catch (error) {
      if (!(error instanceof WgeidRefusal)) throw error;
      throw new EditingError(
        409,
        error.message,
        error.missing.map((message) => ({ row: null, column: elementKey(message), message })),
      );
    }
  });

  return api;
}
