import { extname } from "node:path";
import { Hono } from "hono";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import { dashboardData } from "./dashboard-data.ts";
import { DOWNLOAD_TYPES, downloadFiles } from "./downloads.ts";
import { jsonResource, type Resource, resource, send } from "./json-resource.ts";
import { staticFiles } from "./static.ts";

export interface DashboardOptions extends PublicSummaries {
  readonly ledger: Ledger;
  readonly version: string;
  /** The built browser bundle by URL path (see loadStaticFiles); without it "/" is a plain index of the API. */
  readonly web?: ReadonlyMap<string, Resource>;
  /** This server also serves team editing under /edit: the dashboard's footer links to its sign-in. */
  readonly teamEditing?: boolean;
}

/** The dashboard: its data file from the ledger in memory, the downloads (made on first request), the bundle. */
export function dashboardRoutes(options: DashboardOptions): Hono {
  const app = new Hono();
  let data: Resource | undefined;
  app.get("/data/dashboard.json", (c) => {
    data ??= jsonResource(
      dashboardData(options.ledger, options.version, options, {
        teamEditing: options.teamEditing === true,
        embeds: true,
      }),
    );
    return send(c, data, "no-cache");
  });

  let downloads: Promise<Map<string, Resource>> | undefined;
  app.get("/downloads/*", async (c) => {
    downloads ??= downloadFiles(options.ledger, {
      ...(options.captures ? { captures: options.captures } : {}),
      ...(options.coverage ? { coverage: options.coverage } : {}),
      version: options.version,
      generated: new Date().toISOString().slice(0, 10),
    }).then(
      (files) =>
        new Map(
          [...files].map(([path, bytes]) => [
            path,
            resource(bytes, DOWNLOAD_TYPES[extname(path).slice(1)] ?? "application/octet-stream"),
          ]),
        ),
    );
    const file = (await downloads).get(c.req.path.slice("/downloads/".length));
    if (!file) return c.notFound();
    return send(c, file, "no-cache");
  });

  if (options.web) app.use("*", staticFiles(options.web));
  else {
    app.get("/", (c) =>
      c.html(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Liuzhi Monitor</title><h1>Liuzhi Monitor</h1><p>The dashboard is not built in this process. The API: <a href="/api">/api</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p></html>`,
      ),
    );
  }
  return app;
}
