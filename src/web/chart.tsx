import { dot, plot, ruleX } from "@observablehq/plot";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Base, Triangulation } from "../methods/index.ts";
import { formatNumber, type Lang, type Strings } from "./i18n.ts";

export interface ChartPoint {
  readonly year: string;
  readonly value: number;
  readonly label: string;
}
/** The transfers-based estimate of a year: its central value and the range of the known years' shares. */
export interface ChartRange {
  readonly year: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly label: string;
}
export interface ChartBand {
  readonly year: string;
  readonly base: Base;
  readonly low: number;
  readonly high: number;
}

export function chartData(
  tri: Triangulation,
  bases: ReadonlyArray<Base>,
  names: ReadonlyMap<string, string>,
  partial: ReadonlySet<string> = new Set(),
) {
  const bands: ChartBand[] = [];
  const official: ChartPoint[] = [];
  const provincial: ChartPoint[] = [];
  const transfers: ChartRange[] = [];
  for (const y of tri.years) {
    const year = String(y.year);
    for (const base of bases) {
      const b = y.ratioBand[base];
      if (b) bands.push({ year, base, low: b.low, high: b.high });
    }
    if (y.official) official.push({ year, value: y.official.value, label: y.official.id });
    for (const e of y.transfers) {
      transfers.push({ year, value: e.placements, low: e.low, high: e.high, label: e.id });
    }
    for (const e of y.extrapolations) {
      provincial.push({ year, value: e.nationalPerYear, label: names.get(e.jurisdiction) ?? e.jurisdiction });
    }
  }
  return { bands, official, provincial, transfers, years: tri.years.map((y) => String(y.year)), partial };
}

const COLOURS: Record<Base, string> = { cat3_4: "#4a8fc4", cat4: "#e6801a" };
const TRANSFERS = "#1b7837";

/** Narrowest the chart is drawn at, in CSS pixels; at its widest it fills its column. */
const MIN_WIDTH = 280;
/** Below this width a year label every other year: nine four-digit years side by side would run together. */
const NARROW = 520;

/**
 * The width of an element's content box, followed as it changes. The chart is drawn at the width
 * it is shown at (never scaled down), so its 12 px text stays 12 px on a phone.
 */
function useWidth(ref: { current: HTMLElement | null }): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    setWidth(host.clientWidth);
    const observer = new ResizeObserver(() => setWidth(host.clientWidth));
    observer.observe(host);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The yearly chart, drawn by Observable Plot; a role="img" with a text alternative, no inline styles. */
export function YearChart(props: { data: ReturnType<typeof chartData>; lang: Lang; t: Strings; summary: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { data, lang, t } = props;
  const shown = useWidth(ref);
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host || shown === null) return;
    const width = Math.round(Math.max(MIN_WIDTH, shown));
    const narrow = width < NARROW;
    const fmt = (v: number) => formatNumber(lang, v);
    const colon = t.punctuation.colon;
    const offset = (base: Base) => (data.bands.some((b) => b.base !== base) ? (base === "cat3_4" ? -7 : 7) : 0);
    const svg = plot({
      className: "chart",
      width,
      height: Math.round(Math.max(260, Math.min(380, width * 0.5))),
      marginLeft: narrow ? 52 : 64,
      marginRight: narrow ? 8 : 20,
      // Room under the year labels for the axis label, so it never sits on a year.
      marginBottom: 42,
      x: {
        type: "band",
        domain: data.years,
        label: t.year,
        labelOffset: 38,
        padding: 0.2,
        ticks: narrow ? data.years.filter((_, i) => i % 2 === 0) : data.years,
        // A year whose base covers part of the year only is marked, as in the table and the legend.
        tickFormat: (y: string) => (data.partial.has(y) ? `${y}*` : y),
      },
      // `nice` takes the top of the scale to the next tick, so every dot and band is inside the grid.
      y: { grid: true, label: null, tickFormat: fmt, zero: true, nice: true },
      marks: [
        ...(["cat3_4", "cat4"] as const).map((base) =>
          ruleX(
            data.bands.filter((b) => b.base === base),
            {
              x: "year",
              y1: "low",
              y2: "high",
              stroke: COLOURS[base],
              strokeWidth: narrow ? 9 : 12,
              dx: offset(base) * (narrow ? 0.7 : 1),
              title: (b: ChartBand) => `${b.year} · ${t.band(t.byBase[base])}${colon}${fmt(b.low)}–${fmt(b.high)}`,
            },
          ),
        ),
        // The transfers-based estimate: its range as a thin rule, its central value as a diamond.
        ruleX(data.transfers, { x: "year", y1: "low", y2: "high", stroke: TRANSFERS, strokeWidth: 2 }),
        dot(data.transfers, {
          x: "year",
          y: "value",
          r: 4.5,
          symbol: "diamond",
          fill: TRANSFERS,
          title: (p: ChartRange) =>
            `${p.year} · ${t.transfersEstimate}${colon}${fmt(p.value)} (${fmt(p.low)}–${fmt(p.high)})`,
        }),
        dot(data.provincial, {
          x: "year",
          y: "value",
          r: 3.5,
          stroke: "#6a3d9a",
          strokeWidth: 1.5,
          title: (p: ChartPoint) => `${p.year} · ${p.label}${colon}${fmt(p.value)}`,
        }),
        dot(data.official, {
          x: "year",
          y: "value",
          r: 6,
          fill: "#111",
          title: (p: ChartPoint) => `${p.year} · ${t.officialFigure}${colon}${fmt(p.value)}`,
        }),
      ],
    }) as SVGSVGElement;
    // Plot's own <style> element would need 'unsafe-inline' under our CSP; style.css has its rules.
    for (const el of Array.from(svg.querySelectorAll("style"))) el.remove();
    // Plot's `font-variant` attribute is CSS, not SVG: the Nu HTML checker rejects it.
    for (const el of Array.from(svg.querySelectorAll("[font-variant]"))) el.removeAttribute("font-variant");
    for (const el of Array.from(svg.querySelectorAll("[aria-label],[aria-description]"))) {
      // The part's name stays as a class ("y-axis-tick-label"), for the stylesheet and the tests to find it by.
      const part = el.getAttribute("aria-label");
      if (part) el.classList.add(part.trim().replace(/\s+/g, "-"));
      el.removeAttribute("aria-label");
      el.removeAttribute("aria-description");
    }
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", t.chartAlt(props.summary));
    host.replaceChildren(svg);
  }, [data, lang, t, props.summary, shown]);
  return <div ref={ref} class="chart-host" />;
}
