/**
 * Charts rendered in Node: Observable Plot draws into a linkedom document; the plot is then framed
 * in an SVG of its own that carries the title, the units, the source line and the date of the
 * data, so a chart lifted out of the report still says where it came from. The SVG has
 * role="img", an aria-label and a <title>.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { formatInteger } from "./format.ts";
import { STRINGS } from "./i18n.ts";
import type { Chart } from "./model.ts";

export const CHART_WIDTH = 720;
const PLOT_HEIGHT = 340;
const LINE = 16;

const escapeXml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Splits a line into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + word).length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const tick = (d: number) => formatInteger(d);

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
        x: { label: t.year, tickFormat: (d: number) => String(d), ticks: [...new Set(chart.bands.map((b) => b.year))] },
        y: { label: chart.units, grid: true, tickFormat: tick, zero: true },
        color: { legend: false, domain: [...new Set(chart.bands.map((b) => b.series))], range: ["#4c78a8", "#f58518"] },
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
          Plot.dot(chart.official, { x: "year", y: "value", r: 5, fill: "#c00", stroke: "white" }),
          Plot.text(chart.official, {
            x: "year",
            y: "value",
            text: (d: { value: number }) => formatInteger(d.value),
            dy: -12,
            fill: "#c00",
          }),
        ],
      }) as unknown as Element;
    case "cumulative":
      return Plot.plot({
        ...common,
        x: { label: t.year, tickFormat: (d: number) => String(d), ticks: chart.band.map((b) => b.year) },
        y: { label: chart.units, grid: true, tickFormat: tick, zero: true },
        marks: [
          Plot.areaY(chart.band, { x: "year", y1: "low", y2: "high", fill: "#4c78a8", fillOpacity: 0.3 }),
          Plot.ruleY([chart.floor.value], { stroke: "#555", strokeDasharray: "4,3" }),
          Plot.text([chart.floor], {
            x: chart.band[0]?.year,
            y: "value",
            text: (d: { series: string; value: number }) => `${d.series}: ${formatInteger(d.value)}`,
            dy: -8,
            textAnchor: "start",
          }),
          Plot.ruleX([chart.interval], { x: "year", y1: "p05", y2: "p95", stroke: "#c00", strokeWidth: 3 }),
          Plot.dot([chart.interval], { x: "year", y: "median", r: 5, fill: "#c00", stroke: "white" }),
          Plot.text([chart.interval], {
            x: "year",
            y: "p95",
            text: (d: { median: number; p05: number; p95: number }) =>
              `${t.median} ${formatInteger(d.median)} (${formatInteger(d.p05)}–${formatInteger(d.p95)})`,
            dy: -10,
            textAnchor: "end",
            fill: "#c00",
          }),
        ],
      }) as unknown as Element;
    case "provinces":
      return Plot.plot({
        ...common,
        marginLeft: 260,
        height: Math.max(PLOT_HEIGHT, 22 * (chart.bars.length + 2)),
        x: { label: chart.units, grid: true, tickFormat: tick },
        y: { label: null, domain: chart.bars.map((b) => b.label) },
        marks: [
          Plot.barX(chart.bars, { x: "value", y: "label", fill: "#4c78a8" }),
          Plot.text(chart.bars, {
            x: "value",
            y: "label",
            text: (d: { value: number }) => formatInteger(d.value),
            dx: 4,
            textAnchor: "start",
          }),
          Plot.ruleX(chart.official, { x: "value", stroke: "#c00", strokeWidth: 2 }),
          Plot.text(chart.official, {
            x: "value",
            text: "label",
            frameAnchor: "top",
            dy: -2,
            dx: 4,
            textAnchor: "start",
            fill: "#c00",
          }),
        ],
      }) as unknown as Element;
  }
}

/** The chart as a standalone SVG document (no XML declaration), the same bytes for the same chart. */
export function renderChartSvg(chart: Chart): string {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const plot = plotFor(chart, document as unknown as Document);
  const plotHeight = Number(plot.getAttribute("height") ?? PLOT_HEIGHT);
  plot.setAttribute("x", "0");
  plot.setAttribute("y", String(3 * LINE + 8));
  const inner = plot.outerHTML.replace(/\bplot-[0-9a-f]{6}\b/g, "liuzhi-plot");
  const footer = [...wrap(chart.source, 110), chart.dataDate];
  const height = 3 * LINE + 8 + plotHeight + 8 + footer.length * LINE;
  const label = `${chart.title}. ${chart.alt}`;
  const footY = 3 * LINE + 8 + plotHeight + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${escapeXml(label)}" font-family="sans-serif">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="${LINE + 4}" font-size="16" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="8" y="${2 * LINE + 8}" font-size="12" fill="#333">${escapeXml(chart.units)}</text>`,
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
