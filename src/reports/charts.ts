/**
 * Charts rendered in Node: Observable Plot draws into a linkedom document; the plot is then framed
 * in an SVG of its own that carries the title, the units, the source line and the date of the
 * data, so a chart lifted out of the report still says where it came from, and a legend drawn in
 * the SVG itself (Plot's own legends are HTML and would not survive as SVG) that says what each
 * colour and mark stands for. The SVG has role="img", an aria-label and a <title>.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { formatInteger } from "./format.ts";
import { STRINGS } from "./i18n.ts";
import type { Chart } from "./model.ts";

export const CHART_WIDTH = 720;
const PLOT_HEIGHT = 340;
const LINE = 16;
const LEGEND_LINE = LINE + 2;
const LEGEND_FONT = 11;
/** The two ratio bands of the yearly chart, in the order of their series; the cumulative band is the first. */
const BAND_COLOURS = ["#4c78a8", "#f58518"] as const;
const OFFICIAL = "#c00";
const FLOOR = "#555";

type Swatch = "band" | "bar" | "dot" | "rule" | "interval" | "dashed";
interface LegendItem {
  readonly label: string;
  readonly swatch: Swatch;
  readonly colour: string;
}

const escapeXml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Chinese characters and full-width punctuation: about twice as wide as a Latin letter. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** A Chinese character with the punctuation that follows it (never wrapped to the next line's start), or a Latin run. */
const PIECE =
  /[\u2e80-\u2fff\u3040-\u9fff\uf900-\ufaff][\u3000-\u303f\uff00-\uffef]*|[\u3000-\u303f\uff00-\uffef]+|[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
const measure = (s: string) => [...s].reduce((w, c) => w + (WIDE.test(c) ? 2 : 1), 0);

/**
 * Splits a line into lines of at most `width` Latin characters' worth (a Chinese character counts
 * two), at spaces, and between Chinese characters, which Chinese writes without spaces.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const pieces = WIDE.test(word) ? (word.match(PIECE) ?? [word]) : [word];
    pieces.forEach((piece, i) => {
      const joined = i === 0 && line ? `${line} ${piece}` : line + piece;
      if (line && measure(joined) > width) {
        lines.push(line);
        line = piece;
      } else {
        line = joined;
      }
    });
  }
  if (line) lines.push(line);
  return lines;
}

const tick = (d: number) => formatInteger(d);

/** What each colour and mark of a chart stands for, in the chart's language. */
function legendFor(chart: Chart): LegendItem[] {
  const t = STRINGS[chart.lang].charts;
  switch (chart.id) {
    case "yearly":
      return [
        ...yearlySeries(chart).map((label, i) => ({
          label,
          swatch: "band" as const,
          colour: BAND_COLOURS[i % BAND_COLOURS.length]!,
        })),
        ...(chart.official.length > 0 ? [{ label: t.official, swatch: "dot" as const, colour: OFFICIAL }] : []),
      ];
    case "cumulative":
      return [
        ...(chart.band[0] ? [{ label: chart.band[0].series, swatch: "band" as const, colour: BAND_COLOURS[0] }] : []),
        { label: chart.interval.series, swatch: "interval", colour: OFFICIAL },
        { label: chart.floor.series, swatch: "dashed", colour: FLOOR },
      ];
    case "provinces":
      return [
        { label: t.provincial, swatch: "bar", colour: BAND_COLOURS[0] },
        ...(chart.official.length > 0 ? [{ label: t.official, swatch: "rule" as const, colour: OFFICIAL }] : []),
      ];
  }
}

const yearlySeries = (chart: Extract<Chart, { id: "yearly" }>) => [...new Set(chart.bands.map((b) => b.series))];

/** A generous estimate of the width of a legend label (CJK characters are a full em wide). */
const textWidth = (s: string) =>
  [...s].reduce(
    (w, c) => w + (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c) ? LEGEND_FONT : 0.52 * LEGEND_FONT),
    0,
  );

function swatch(item: LegendItem, x: number, y: number): string {
  const c = item.colour;
  const mid = y - 4;
  switch (item.swatch) {
    case "band":
      return `<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${c}" fill-opacity="0.3" stroke="${c}"/>`;
    case "bar":
      return `<rect x="${x}" y="${y - 9}" width="14" height="10" fill="${c}"/>`;
    case "dot":
      return `<circle cx="${x + 7}" cy="${mid}" r="5" fill="${c}" stroke="white"/>`;
    case "rule":
      return `<line x1="${x + 7}" x2="${x + 7}" y1="${y - 11}" y2="${y + 3}" stroke="${c}" stroke-width="2"/>`;
    case "interval":
      return `<line x1="${x + 7}" x2="${x + 7}" y1="${y - 11}" y2="${y + 3}" stroke="${c}" stroke-width="3"/><circle cx="${x + 7}" cy="${mid}" r="4" fill="${c}" stroke="white"/>`;
    case "dashed":
      return `<line x1="${x}" x2="${x + 14}" y1="${mid}" y2="${mid}" stroke="${c}" stroke-dasharray="4,3"/>`;
  }
}

/** The legend laid out in rows that fit the chart's width; `top` is the baseline of its first row. */
function legendSvg(items: ReadonlyArray<LegendItem>, top: number): { svg: string[]; rows: number } {
  const svg: string[] = [];
  let x = 8;
  let row = 0;
  for (const item of items) {
    const width = 18 + textWidth(item.label);
    if (x > 8 && x + width > CHART_WIDTH - 8) {
      row += 1;
      x = 8;
    }
    const y = top + row * LEGEND_LINE;
    svg.push(
      `<g class="legend-item">${swatch(item, x, y)}<text x="${x + 18}" y="${y}" font-size="${LEGEND_FONT}">${escapeXml(item.label)}</text></g>`,
    );
    x += Math.ceil(width) + 16;
  }
  return { svg, rows: items.length > 0 ? row + 1 : 0 };
}

/** A year as its tick says it: the chart's own label where it has one (an extended or partial year). */
const yearTick = (chart: Chart) => {
  const labels = new Map((chart.ticks ?? []).map((tk) => [tk.year, tk.label]));
  return (d: number) => labels.get(d) ?? String(d);
};
const twoLineTicks = (chart: Chart) => (chart.ticks ?? []).some((tk) => tk.label.includes("\n"));

/**
 * Room on the right of a bar for its value: the pixels a label of `text` takes at 11 px (digits and
 * commas about 0.62 em), with the gap before it.
 */
const labelPixels = (text: string) => 4 + text.length * 0.62 * 11;

function plotFor(chart: Chart, document: Document): Element {
  const t = STRINGS[chart.lang].charts;
  const common = {
    document,
    width: CHART_WIDTH,
    height: PLOT_HEIGHT,
    marginLeft: 70,
    style: { fontFamily: "sans-serif", fontSize: "11px", background: "white", color: "black" },
  };
  switch (chart.id) {
    case "yearly":
      return Plot.plot({
        ...common,
        // The units are the chart's subtitle, drawn once above it: the axis carries no title of its own.
        ...(twoLineTicks(chart) ? { marginBottom: 48, marginRight: 40 } : {}),
        x: { label: null, tickFormat: yearTick(chart), ticks: [...new Set(chart.bands.map((b) => b.year))] },
        y: { label: null, grid: true, tickFormat: tick, zero: true },
        color: { legend: false, domain: yearlySeries(chart), range: [...BAND_COLOURS] },
        marks: [
          Plot.areaY(chart.bands, {
            x: "year",
            y1: "low",
            y2: "high",
            fill: "series",
            fillOpacity: 0.3,
            curve: "linear",
          }),
          Plot.lineY(chart.bands, { x: "year", y: "low", stroke: "series", strokeWidth: 1 }),
          Plot.lineY(chart.bands, { x: "year", y: "high", stroke: "series", strokeWidth: 1 }),
          Plot.dot(chart.official, { x: "year", y: "value", r: 5, fill: OFFICIAL, stroke: "white" }),
          Plot.text(chart.official, {
            x: "year",
            y: "value",
            text: (d: { value: number }) => formatInteger(d.value),
            dy: -12,
            fill: OFFICIAL,
          }),
        ],
      }) as unknown as Element;
    case "cumulative":
      return Plot.plot({
        ...common,
        ...(twoLineTicks(chart) ? { marginBottom: 48, marginRight: 40 } : {}),
        x: { label: null, tickFormat: yearTick(chart), ticks: chart.band.map((b) => b.year) },
        y: { label: null, grid: true, tickFormat: tick, zero: true },
        marks: [
          Plot.areaY(chart.band, { x: "year", y1: "low", y2: "high", fill: BAND_COLOURS[0], fillOpacity: 0.3 }),
          Plot.ruleY([chart.floor.value], { stroke: FLOOR, strokeDasharray: "4,3" }),
          Plot.text([chart.floor], {
            x: chart.band[0]?.year,
            y: "value",
            text: (d: { series: string; value: number }) => t.valueLabel(d.series, formatInteger(d.value)),
            dy: -8,
            textAnchor: "start",
          }),
          Plot.ruleX([chart.interval], { x: "year", y1: "p05", y2: "p95", stroke: OFFICIAL, strokeWidth: 3 }),
          Plot.dot([chart.interval], { x: "year", y: "median", r: 5, fill: OFFICIAL, stroke: "white" }),
          Plot.text([chart.interval], {
            x: "year",
            y: "p95",
            text: (d: { median: number; p05: number; p95: number }) =>
              t.medianLabel(formatInteger(d.median), `${formatInteger(d.p05)}–${formatInteger(d.p95)}`),
            dy: -10,
            textAnchor: "end",
            fill: OFFICIAL,
          }),
        ],
      }) as unknown as Element;
    case "provinces": {
      // The official figures' labels go on the side of their rule with more room, so none is cut off,
      // each on a line of its own above the plot, so two close figures' labels never overlap.
      const max = Math.max(...chart.bars.map((b) => b.value), ...chart.official.map((o) => o.value));
      const OFFICIAL_LINE = 14;
      const officialLabels = [...chart.official]
        .sort((a, b) => a.value - b.value)
        .map((o, i, all) => {
          const side = o.value > max / 2 ? "end" : "start";
          return Plot.text([o], {
            x: "value",
            text: "label",
            frameAnchor: "top",
            dy: -6 - OFFICIAL_LINE * (all.length - 1 - i),
            dx: side === "start" ? 4 : -4,
            textAnchor: side,
            fill: OFFICIAL,
          });
        });
      // A bar's value goes after its end unless an official rule runs through that room, or the frame
      // ends there: then inside the bar, in white, so a value never crosses a rule or the edge.
      const marginLeft = 260;
      const marginRight = 50;
      const plotWidth = CHART_WIDTH - marginLeft - marginRight;
      const domainMax = max * 1.04;
      const px = (v: number) => (v / domainMax) * plotWidth;
      const inside = (b: { value: number }) => {
        const end = px(b.value);
        const room = labelPixels(formatInteger(b.value));
        const crosses = chart.official.some((o) => px(o.value) >= end - 2 && px(o.value) <= end + room + 2);
        return (crosses || end + room > plotWidth + marginRight - 4) && end > room + 4;
      };
      const outsideBars = chart.bars.filter((b) => !inside(b));
      const insideBars = chart.bars.filter(inside);
      const valueText = (bars: typeof chart.bars, within: boolean) =>
        Plot.text(bars, {
          x: "value",
          y: "label",
          text: (d: { value: number }) => formatInteger(d.value),
          dx: within ? -4 : 4,
          textAnchor: within ? "end" : "start",
          fill: within ? "white" : "black",
          ...(within ? {} : { stroke: "white", strokeWidth: 3, paintOrder: "stroke" }),
        });
      return Plot.plot({
        ...common,
        marginLeft,
        marginRight,
        marginTop: 24 + OFFICIAL_LINE * Math.max(0, chart.official.length - 1),
        marginBottom: 28,
        height: Math.max(PLOT_HEIGHT, 22 * (chart.bars.length + 2)),
        // The units are the chart's subtitle, drawn once above it.
        x: { label: null, grid: true, tickFormat: tick, domain: [0, domainMax] },
        y: { label: null, domain: chart.bars.map((b) => b.label) },
        marks: [
          // The rule first, so that the bars and their values (on a white halo) stay readable across it.
          Plot.ruleX(chart.official, { x: "value", stroke: OFFICIAL, strokeWidth: 2 }),
          Plot.barX(chart.bars, { x: "value", y: "label", fill: BAND_COLOURS[0] }),
          valueText(outsideBars, false),
          valueText(insideBars, true),
          ...officialLabels,
        ],
      }) as unknown as Element;
    }
  }
}

/** The chart as a standalone SVG document (no XML declaration), the same bytes for the same chart. */
export function renderChartSvg(chart: Chart): string {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const plot = plotFor(chart, document as unknown as Document);
  const plotHeight = Number(plot.getAttribute("height") ?? PLOT_HEIGHT);
  const legend = legendSvg(legendFor(chart), 3 * LINE + 12);
  const plotTop = 3 * LINE + 8 + legend.rows * LEGEND_LINE;
  plot.setAttribute("x", "0");
  plot.setAttribute("y", String(plotTop));
  // Plot's class names carry a random suffix (fixed here so the bytes are reproducible), and its axes
  // a `font-variant` attribute, which is CSS but not an SVG presentation attribute: validators reject it.
  const inner = plot.outerHTML.replace(/\bplot-[0-9a-f]{6}\b/g, "liuzhi-plot").replace(/ font-variant="[^"]*"/g, "");
  const footer = [...(chart.note ? wrap(chart.note, 110) : []), ...wrap(chart.source, 110), chart.dataDate];
  const height = plotTop + plotHeight + 8 + footer.length * LINE;
  const label = STRINGS[chart.lang].charts.titleAndAlt(chart.title, chart.alt);
  const footY = plotTop + plotHeight + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${escapeXml(label)}" font-family="sans-serif">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="${LINE + 4}" font-size="16" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="8" y="${2 * LINE + 8}" font-size="12" fill="#333">${escapeXml(chart.units)}</text>`,
    ...legend.svg,
    inner,
    ...footer.map(
      (line, i) => `<text x="8" y="${footY + (i + 1) * LINE - 4}" font-size="10" fill="#555">${escapeXml(line)}</text>`,
    ),
    "</svg>",
  ].join("\n");
}

/** Width and height of a rendered chart, read from its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  return { width: Number(match?.[1] ?? CHART_WIDTH), height: Number(match?.[2] ?? PLOT_HEIGHT) };
}
