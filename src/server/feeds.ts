import { Feed } from "feed";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { findSession } from "../accounts/index.ts";
import { listChanges } from "../review/index.ts";
import { feedTokenUser } from "../service/index.ts";
import type { LedgerDb } from "../store/index.ts";
import { SESSION_COOKIE } from "./editing/index.ts";

/** The ledger's own tables: only changes to these are public (never accounts, cases or reads). */
const LEDGER_TABLES = ["sources", "observations", "assumptions", "jurisdictions"];
const PUBLIC_ACTIONS = ["approve", "import", "restore"];
const ENTRIES = 50;
const ATOM = "application/atom+xml; charset=utf-8";

const VERBS: Record<string, string> = { approve: "Approved", import: "Imported", restore: "Restored" };
const SINGULAR: Record<string, string> = {
  sources: "source",
  observations: "observation",
  assumptions: "assumption",
  jurisdictions: "jurisdiction",
};

/** What a ledger row says in a line: an observation's figure, else its id. */
function rowLine(entity: string, id: string | null, after: Record<string, unknown> | null): string {
  if (entity === "observations" && after) {
    return `${String(after.measure)} ${String(after.jurisdiction)} ${String(after.period_start)}..${String(after.period_end)} = ${String(after.value)} (${String(after.qualifier)}, ${String(after.unit)})`;
  }
  if (entity === "sources" && after) return `${String(after.publisher)}: ${String(after.title ?? after.url ?? id)}`;
  return String(id);
}

/**
 * Atom feeds: `/feeds/ledger.atom`, public, every change to the published ledger (approvals,
 * imports, restores; from the audit log); `/feeds/drafts.atom`, the drafts awaiting review, for a
 * signed-in account or a reader holding the account's secret (`?key=`, see `liuzhi feeds key`).
 */
export function feedRoutes(db: LedgerDb, options: { readonly publicOrigin?: string }): Hono {
  const app = new Hono();
  const originOf = (c: Context) => options.publicOrigin ?? new URL(c.req.url).origin;

  app.get("/feeds/ledger.atom", async (c) => {
    const origin = originOf(c);
    const rows = await db
      .selectFrom("audit_log")
      .select(["seq", "at", "actor", "action", "entity", "entity_id", "after_json", "reason", "hash"])
      .where("entity", "in", LEDGER_TABLES)
      .where("action", "in", PUBLIC_ACTIONS)
      .orderBy("seq", "desc")
      .limit(ENTRIES)
      .execute();
    const feed = new Feed({
      title: "Liuzhi Monitor: changes to the ledger",
      description: "Every figure and source added to or corrected in the public ledger, as the audit log records it.",
      id: `${origin}/feeds/ledger.atom`,
      link: `${origin}/`,
      feedLinks: { atom: `${origin}/feeds/ledger.atom` },
      updated: rows[0] ? new Date(rows[0].at) : new Date(0),
      copyright: "Liuzhi Monitor contributors",
    });
    for (const row of rows) {
      const after = row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : null;
      const line = rowLine(row.entity, row.entity_id, after);
      feed.addItem({
        title: `${VERBS[row.action] ?? row.action} ${SINGULAR[row.entity] ?? row.entity} ${row.entity_id ?? ""}: ${line}`,
        id: `${origin}/feeds/ledger.atom#${row.hash}`,
        link:
          row.entity === "observations" && row.entity_id
            ? `${origin}/embed/figure/${encodeURIComponent(row.entity_id)}`
            : `${origin}/`,
        date: new Date(row.at),
        description: `${row.reason ?? ""} (audit log entry ${row.seq}, SHA-256 ${row.hash})`.trim(),
      });
    }
    return c.body(feed.atom1(), 200, { "Content-Type": ATOM, "Cache-Control": "no-cache" });
  });

  app.get("/feeds/drafts.atom", async (c) => {
    const key = c.req.query("key");
    const cookie = getCookie(c, SESSION_COOKIE);
    const reader =
      key !== undefined
        ? await feedTokenUser(db, key)
        : cookie && cookie.length <= 200
          ? ((await findSession(db, cookie))?.user ?? null)
          : null;
    c.header("Cache-Control", "no-store");
    if (!reader) {
      return c.json(
        {
          error: {
            status: 401,
            message:
              key === undefined ? "sign in first, or add the feed's key (?key=…)" : "unknown or revoked feed key",
          },
        },
        401,
      );
    }
    const origin = originOf(c);
    const drafts = (await listChanges(db)).filter((ch) => ch.status === "draft").reverse();
    const feed = new Feed({
      title: "Liuzhi Monitor: drafts awaiting review",
      description: `Drafts in the review queue, for ${reader.name}.`,
      id: `${origin}/feeds/drafts.atom`,
      link: `${origin}/edit`,
      updated: drafts[0] ? new Date(drafts[0].createdAt) : new Date(0),
      copyright: "Liuzhi Monitor contributors",
    });
    for (const draft of drafts.slice(0, ENTRIES)) {
      feed.addItem({
        title: draft.reason,
        id: `${origin}/edit/changes/${draft.id}`,
        link: `${origin}/edit/changes/${draft.id}`,
        date: new Date(draft.createdAt),
        author: [{ name: draft.author }],
        description: `${draft.action} ${draft.table} ${draft.targetId}, proposed by ${draft.author}`,
      });
    }
    return c.body(feed.atom1(), 200, { "Content-Type": ATOM });
  });
  return app;
}
