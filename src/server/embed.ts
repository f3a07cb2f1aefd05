import { type Context, Hono } from "hono";
import { type Ledger, type Observation, periodLabel, VOCABULARY_LABELS } from "../core/index.ts";
import { officialFloor, rates } from "../methods/index.ts";
import { buildReport, type ChartId, footnoteText, renderChartSvg, reportCharts } from "../reports/index.ts";
import { escapeHtml } from "./editing/index.ts";

/**
 * Pages other sites may frame (`<iframe src="…/embed/…">`): each chart, each headline figure and any
 * figure of the ledger, with its source line and a link back. Only `/embed/` may be framed (see
 * security.ts); the pages hold no script, and read the snapshot the public views serve.
 */
export const EMBED_PREFIX = "/embed/";

const CHARTS: ReadonlyArray<ChartId> = ["yearly", "cumulative", "provinces"];
export const EMBED_HEADLINES = ["official", "floor"] as const;

export const EMBED_CSS = `body{font:15px/1.4 system-ui,sans-serif;margin:0;padding:12px;color:#1a1a1a;background:#fff}
figure{margin:0}img{max-width:100%;height:auto}.big{font-size:2.2em;font-weight:700;margin:.1em 0}
.what{font-weight:600;margin:0}.source,.back{font-size:.85em;color:#444;margin:.4em 0 0}a{color:#0b4f8a}`;

/** Every figure exactly as the ledger holds it (no rounding): digits grouped, decimals kept. */
const exact = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 20 });

function pageHtml(origin: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Liuzhi Monitor</title><link rel="stylesheet" href="/embed/embed.css"></head>
<body>${body}
<p class="back"><a href="${escapeHtml(`${origin}/`)}" target="_blank" rel="noopener">Liuzhi Monitor</a>: the ledger, the methods and every source.</p>
</body></html>`;
}

function sourceLine(ledger: Ledger, observation: Observation): string {
  const source = ledger.sources.find((s) => s.id === observation.source_id);
  if (!source) return `Source: ${escapeHtml(observation.source_id)}`;
  const text = escapeHtml(footnoteText(source, "en"));
  return `Source: ${source.url ? `<a href="${escapeHtml(source.url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text}`;
}

function figureCard(ledger: Ledger, o: Observation, heading: string): string {
  const labels = VOCABULARY_LABELS.en;
  const qualifier = o.qualifier === "exact" ? "" : `${labels.qualifier[o.qualifier]} `;
  const where = ledger.jurisdictions.find((j) => j.code === o.jurisdiction)?.name_en ?? o.jurisdiction;
  return `<figure data-observation="${escapeHtml(o.id)}"><p class="what">${escapeHtml(heading)}</p>
<p class="big" data-value="${o.value}">${escapeHtml(qualifier)}${exact(o.value)}</p>
<p>${escapeHtml(labels.measure[o.measure])}, ${escapeHtml(labels.unit[o.unit])}; ${escapeHtml(where)}, ${escapeHtml(periodLabel(o.period_label, "en", { start: o.period_start, end: o.period_end }))}</p>
<figcaption class="source">${sourceLine(ledger, o)}</figcaption></figure>`;
}

/** The iframe code for an embed page, as the dashboard's Embed button gives it. */
export function iframeCode(origin: string, path: string, title: string, height = 420): string {
  return `<iframe src="${origin}${path}" title="${escapeHtml(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

export function embedRoutes(options: {
  readonly ledger: Ledger;
  readonly version: string;
  readonly publicOrigin?: string;
}) {
  const app = new Hono();
  const { ledger } = options;
  const originOf = (c: Context) => options.publicOrigin ?? new URL(c.req.url).origin;
  const charts = new Map<string, ReturnType<typeof reportCharts>[number]>();
  const chart = (id: string) => {
    if (charts.size === 0) {
      const report = buildReport(ledger, { lang: "en", generated: "1970-01-01", version: options.version });
      for (const c of reportCharts(report)) charts.set(c.id, c);
    }
    return charts.get(id);
  };
  const svgs = new Map<string, string>();

  app.get("/embed/embed.css", (c) =>
    c.body(EMBED_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
  );

  app.get("/embed", (c) => {
    const origin = originOf(c);
    const items = [
      ...CHARTS.map((id) => [`/embed/chart/${id}`, `${chart(id)?.title ?? id} (chart)`]),
      ...EMBED_HEADLINES.map((h) => [`/embed/headline/${h}`, `headline: ${h}`]),
    ];
    return c.html(
      pageHtml(
        origin,
        "Embeds",
        `<h1>Embed a chart or a figure</h1><p>Each page below may be framed by another site. Any figure of the ledger is at /embed/figure/ID.</p><ul>${items
          .map(
            ([path, label]) =>
              `<li><a href="${path}">${escapeHtml(label!)}</a><br><code>${escapeHtml(iframeCode(origin, path!, label!))}</code></li>`,
          )
          .join("")}</ul>`,
      ),
    );
  });

  app.get("/embed/chart/:file", (c) => {
    const file = c.req.param("file");
    const id = file.replace(/\.svg$/, "");
    const found = CHARTS.includes(id as ChartId) ? chart(id) : undefined;
    if (!found)
      return c.json({ error: { status: 404, message: `no chart '${id}': expected ${CHARTS.join(", ")}` } }, 404);
    if (file.endsWith(".svg")) {
      let svg = svgs.get(id);
      if (!svg) {
        svg = renderChartSvg(found);
        svgs.set(id, svg);
      }
      // An image: its own styles only; it runs nothing.
      return c.body(svg, 200, {
        "Content-Type": "image/svg+xml; charset=utf-8",
        "Cache-Control": "no-cache",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      });
    }
    return c.html(
      pageHtml(
        originOf(c),
        found.title,
        `<figure><img src="/embed/chart/${id}.svg" alt="${escapeHtml(found.alt)}">
<figcaption class="source">${escapeHtml(found.source)} Data as of ${escapeHtml(found.dataDate)}.</figcaption></figure>`,
      ),
    );
  });

  app.get("/embed/headline/:name", (c) => {
    const name = c.req.param("name");
    if (name === "official") {
      const latest = rates(ledger).at(-1);
      const o = latest && ledger.observations.find((x) => x.id === latest.placementsId);
      if (!latest || !o)
        return c.json({ error: { status: 404, message: "the ledger has no nationwide liuzhi figure" } }, 404);
      return c.html(
        pageHtml(
          originOf(c),
          "Official count",
          figureCard(ledger, o, `Placed in liuzhi in ${latest.year}, official count`),
        ),
      );
    }
    if (name === "floor") {
      const floor = officialFloor(ledger);
      return c.html(
        pageHtml(
          originOf(c),
          "Floor",
          `<figure><p class="what">At least this many liuzhi placements since March 2018 (official figures added up, no one counted twice)</p>
<p class="big" data-value="${floor.strict}">${exact(floor.strict)}</p>
<figcaption class="source">Sum of ${floor.strictUsed.length} official figures in the ledger (liuzhi floor); as the December 2024 submission adds them: ${exact(floor.asPublished)}.</figcaption></figure>`,
        ),
      );
    }
    return c.json(
      { error: { status: 404, message: `no headline '${name}': expected ${EMBED_HEADLINES.join(", ")}` } },
      404,
    );
  });

  app.get("/embed/figure/:id", (c) => {
    const id = c.req.param("id");
    const o = ledger.observations.find((x) => x.id === id);
    if (!o) return c.json({ error: { status: 404, message: `no observation '${id}' in the ledger` } }, 404);
    return c.html(pageHtml(originOf(c), o.id, figureCard(ledger, o, "Official figure")));
  });
  return app;
}
