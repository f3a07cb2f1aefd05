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

type Lang = "en" | "zh";

/** Every word of the embed pages, in both languages of the dashboard. */
const WORDS = {
  en: {
    app: "Liuzhi Monitor",
    back: ": the ledger, the methods and every source.",
    source: "Source: ",
    sep: ", ",
    semi: "; ",
    officialFigure: "Official figure",
    official: (year: number) => `Placed in liuzhi in ${year}, official count`,
    officialTitle: "Official count",
    floor: "At least this many liuzhi placements since March 2018 (official figures added up, no one counted twice)",
    floorTitle: "Floor",
    floorSource: (n: number, published: string) =>
      `Sum of ${n} official figures in the ledger (liuzhi floor); as the December 2024 submission adds them: ${published}.`,
    gap: " ",
  },
  zh: {
    app: "留置监测",
    back: "：数据账簿、方法及全部来源。",
    source: "来源：",
    sep: "，",
    semi: "；",
    officialFigure: "官方数字",
    official: (year: number) => `${year}年官方公布的留置人数`,
    officialTitle: "官方数字",
    floor: "2018年3月以来官方公布的最低留置人数（官方数字相加，无人重复计算）",
    floorTitle: "最低人数",
    floorSource: (n: number, published: string) =>
      `数据账簿中${n}个官方数字之和（liuzhi floor）；按2024年12月提交材料的加法：${published}。`,
    gap: "",
  },
} as const;

/** Every figure exactly as the ledger holds it (no rounding): digits grouped, decimals kept. */
const exact = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 20 });

function pageHtml(origin: string, lang: Lang, title: string, body: string): string {
  const w = WORDS[lang];
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-Hans" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${w.app}</title><link rel="stylesheet" href="/embed/embed.css"></head>
<body>${body}
<p class="back"><a href="${escapeHtml(`${origin}/${lang === "zh" ? "?lang=zh" : ""}`)}" target="_blank" rel="noopener">${w.app}</a>${w.back}</p>
</body></html>`;
}

function sourceLine(ledger: Ledger, observation: Observation, lang: Lang): string {
  const w = WORDS[lang];
  const source = ledger.sources.find((s) => s.id === observation.source_id);
  if (!source) return `${w.source}${escapeHtml(observation.source_id)}`;
  const text = escapeHtml(footnoteText(source, lang));
  return `${w.source}${source.url ? `<a href="${escapeHtml(source.url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text}`;
}

function figureCard(ledger: Ledger, o: Observation, heading: string, lang: Lang): string {
  const w = WORDS[lang];
  const labels = VOCABULARY_LABELS[lang];
  const qualifier = o.qualifier === "exact" ? "" : `${labels.qualifier[o.qualifier]} `;
  const j = ledger.jurisdictions.find((x) => x.code === o.jurisdiction);
  const where = (lang === "zh" ? j?.name_zh : j?.name_en) ?? o.jurisdiction;
  const period = periodLabel(o.period_label, lang, { start: o.period_start, end: o.period_end });
  return `<figure data-observation="${escapeHtml(o.id)}"><p class="what">${escapeHtml(heading)}</p>
<p class="big" data-value="${o.value}">${escapeHtml(qualifier)}${exact(o.value)}</p>
<p>${escapeHtml(labels.measure[o.measure])}${w.sep}${escapeHtml(labels.unit[o.unit])}${w.semi}${escapeHtml(where)}${w.sep}${escapeHtml(period)}</p>
<figcaption class="source">${sourceLine(ledger, o, lang)}</figcaption></figure>`;
}

/** The iframe code for an embed page, as the dashboard's Embed button gives it. */
export function iframeCode(origin: string, path: string, title: string, height = 420): string {
  return `<iframe src="${origin}${path}" title="${escapeHtml(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}

const notFound = (c: Context, message: string) => c.json({ error: { status: 404, message } }, 404);

export function embedRoutes(options: {
  readonly ledger: Ledger;
  readonly version: string;
  readonly publicOrigin?: string;
}) {
  const app = new Hono();
  const { ledger } = options;
  const originOf = (c: Context) => options.publicOrigin ?? new URL(c.req.url).origin;
  const charts = new Map<string, ReturnType<typeof reportCharts>[number]>();
  const chart = (id: string, lang: Lang) => {
    if (!charts.has(`${lang}:${id}`)) {
      const report = buildReport(ledger, { lang, generated: "1970-01-01", version: options.version });
      for (const c of reportCharts(report)) charts.set(`${lang}:${c.id}`, c);
    }
    return charts.get(`${lang}:${id}`);
  };
  const svgs = new Map<string, string>();

  // The page's language from `?lang=` (en by default); another value is a 400 naming the parameter.
  app.use("/embed/*", async (c, next) => {
    const lang = c.req.query("lang") ?? "en";
    if (lang !== "en" && lang !== "zh") {
      return c.json({ error: { status: 400, message: "invalid query parameter 'lang': expected en or zh" } }, 400);
    }
    return next();
  });
  const langOf = (c: Context): Lang => (c.req.query("lang") === "zh" ? "zh" : "en");

  app.get("/embed/embed.css", (c) =>
    c.body(EMBED_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
  );

  app.get("/embed", (c) => {
    const origin = originOf(c);
    const items = [
      ...CHARTS.map((id) => [`/embed/chart/${id}`, `${chart(id, "en")?.title ?? id} (chart)`]),
      ...EMBED_HEADLINES.map((h) => [`/embed/headline/${h}`, `headline: ${h}`]),
    ];
    return c.html(
      pageHtml(
        origin,
        "en",
        "Embeds",
        `<h1>Embed a chart or a figure</h1><p>Each page below may be framed by another site; add ?lang=zh for the Chinese edition. Any figure of the ledger is at /embed/figure/ID.</p><ul>${items
          .map(
            ([path, label]) =>
              `<li><a href="${path}">${escapeHtml(label!)}</a><br><code>${escapeHtml(iframeCode(origin, path!, label!))}</code></li>`,
          )
          .join("")}</ul>`,
      ),
    );
  });

  app.get("/embed/chart/:file", (c) => {
    const lang = langOf(c);
    const file = c.req.param("file");
    const id = file.replace(/\.svg$/, "");
    const found = CHARTS.includes(id as ChartId) ? chart(id, lang) : undefined;
    if (!found) return notFound(c, `no chart '${id}': expected ${CHARTS.join(", ")}`);
    if (file.endsWith(".svg")) {
      let svg = svgs.get(`${lang}:${id}`);
      if (!svg) {
        svg = renderChartSvg(found);
        svgs.set(`${lang}:${id}`, svg);
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
        lang,
        found.title,
        `<figure><img src="/embed/chart/${id}.svg${lang === "zh" ? "?lang=zh" : ""}" alt="${escapeHtml(found.alt)}">
<figcaption class="source">${escapeHtml(found.source)}${WORDS[lang].gap}${escapeHtml(found.dataDate)}</figcaption></figure>`,
      ),
    );
  });

  app.get("/embed/headline/:name", (c) => {
    const lang = langOf(c);
    const w = WORDS[lang];
    const name = c.req.param("name");
    if (name === "official") {
      const latest = rates(ledger).at(-1);
      const o = latest && ledger.observations.find((x) => x.id === latest.placementsId);
      if (!latest || !o) return notFound(c, "the ledger has no nationwide liuzhi figure");
      return c.html(pageHtml(originOf(c), lang, w.officialTitle, figureCard(ledger, o, w.official(latest.year), lang)));
    }
    if (name === "floor") {
      const floor = officialFloor(ledger);
      return c.html(
        pageHtml(
          originOf(c),
          lang,
          w.floorTitle,
          `<figure><p class="what">${escapeHtml(w.floor)}</p>
<p class="big" data-value="${floor.strict}">${exact(floor.strict)}</p>
<figcaption class="source">${escapeHtml(w.floorSource(floor.strictUsed.length, exact(floor.asPublished)))}</figcaption></figure>`,
        ),
      );
    }
    return notFound(c, `no headline '${name}': expected ${EMBED_HEADLINES.join(", ")}`);
  });

  app.get("/embed/figure/:id", (c) => {
    const lang = langOf(c);
    const id = c.req.param("id");
    const o = ledger.observations.find((x) => x.id === id);
    if (!o) return notFound(c, `no observation '${id}' in the ledger`);
    return c.html(pageHtml(originOf(c), lang, o.id, figureCard(ledger, o, WORDS[lang].officialFigure, lang)));
  });
  return app;
}
