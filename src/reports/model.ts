/**
 * The format-neutral report: sections of paragraphs, tables with typed cells and charts, built from
 * a ledger and options by a pure function. Every figure comes from the methods or the ledger;
 * official figures carry the ids of the sources they were read from, and `footnotes` lists those
 * sources in order of first use, so that every renderer numbers them the same way.
 */
import type { CoverageSummary, Ledger, Observation, Source, SourceCaptureSummary } from "../core/index.ts";
import {
  extrapolations,
  LIUZHI_LAW_START,
  monteCarlo,
  officialFloor,
  ROUNDING,
  rates,
  ratioTable,
  roundTo,
  sensitivity,
  triangulate,
  yearFraction,
} from "../methods/index.ts";
import { formatDate, formatInteger, formatNumber, formatPercent, formatRange } from "./format.ts";
import { type Lang, STRINGS, type Strings } from "./i18n.ts";
import type { LegalProvision } from "./legal.ts";

/** A table cell. Numbers stay numbers until a renderer formats them; `refs` are source ids. */
export type Cell =
  | { readonly kind: "text"; readonly text: string; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "integer"; readonly value: number; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "decimal"; readonly value: number; readonly refs?: ReadonlyArray<string> }
  | { readonly kind: "percent"; readonly value: number; readonly digits: number }
  | { readonly kind: "empty" };

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
}

export interface Row {
  readonly cells: ReadonlyArray<Cell>;
  /** A total row, printed in bold. */
  readonly strong?: boolean;
}

export interface Table {
  /** File and sheet name: estimates, floor, rates … */
  readonly id: string;
  readonly title: string;
  readonly columns: ReadonlyArray<Column>;
  readonly rows: ReadonlyArray<Row>;
}

/** A sentence (or a few) with the sources it cites, as footnotes at its end. */
export interface Paragraph {
  readonly text: string;
  readonly refs: ReadonlyArray<string>;
}

export type ChartId = "yearly" | "cumulative" | "provinces";

interface ChartBase {
  readonly id: ChartId;
  readonly title: string;
  readonly units: string;
  readonly source: string;
  readonly dataDate: string;
  readonly alt: string;
  readonly lang: Lang;
}

export interface YearlyChart extends ChartBase {
  readonly id: "yearly";
  readonly bands: ReadonlyArray<{
    readonly series: string;
    readonly year: number;
    readonly low: number;
    readonly high: number;
  }>;
  readonly official: ReadonlyArray<{ readonly series: string; readonly year: number; readonly value: number }>;
}

export interface CumulativeChart extends ChartBase {
  readonly id: "cumulative";
  readonly band: ReadonlyArray<{
    readonly series: string;
    readonly year: number;
    readonly low: number;
    readonly high: number;
  }>;
  readonly interval: {
    readonly series: string;
    readonly year: number;
    readonly median: number;
    readonly p05: number;
    readonly p95: number;
  };
  readonly floor: { readonly series: string; readonly value: number };
}

export interface ProvincesChart extends ChartBase {
  readonly id: "provinces";
  readonly bars: ReadonlyArray<{ readonly label: string; readonly value: number }>;
  readonly official: ReadonlyArray<{ readonly label: string; readonly value: number }>;
}

export type Chart = YearlyChart | CumulativeChart | ProvincesChart;

export type Block =
  | { readonly kind: "paragraph"; readonly paragraph: Paragraph }
  | { readonly kind: "table"; readonly table: Table }
  | { readonly kind: "chart"; readonly chart: Chart };

export interface Section {
  readonly id: string;
  readonly heading: string;
  readonly blocks: ReadonlyArray<Block>;
}

export interface ReportOptions {
  readonly lang?: Lang;
  /** The generation date (YYYY-MM-DD), stated once in the report; fixed in tests. */
  readonly generated: string;
  /** The software version, stated with the generation date. */
  readonly version: string;
  readonly draws?: number;
  readonly seed?: number;
  /** The legal-framework annex rows (data/legal-framework.csv); left out when not given. */
  readonly legal?: ReadonlyArray<LegalProvision>;
  /** The latest capture of each source by id (capture's `captureSummaries`): "captured on … (SHA-256 …)" beside it. */
  readonly captures?: ReadonlyMap<string, SourceCaptureSummary>;
  /**
   * Documented cases against official figures (cases' `coverage`, already suppressed): a section of
   * its own when it has rows; left out when not given or empty.
   */
  readonly coverage?: CoverageSummary;
}

export interface Report {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  /** The one line that states the generation date, software, data date and Monte Carlo seed. */
  readonly colophon: string;
  readonly generated: string;
  readonly version: string;
  readonly draws: number;
  readonly seed: number;
  readonly dataDate: string;
  readonly sections: ReadonlyArray<Section>;
  /** Source ids in order of first use: footnote n is footnotes[n - 1]. */
  readonly footnotes: ReadonlyArray<string>;
  /** Every source of the ledger, by id (footnotes and the sources list read from it). */
  readonly sources: ReadonlyArray<Source>;
  /** The latest capture of each source by id, when the report was built with a capture store. */
  readonly captures?: ReadonlyMap<string, SourceCaptureSummary>;
  /** Run parameters and assumptions, for the method sheet. */
  readonly method: ReadonlyArray<{ readonly label: string; readonly value: string | number }>;
  readonly assumptionsTable: Table;
}

export const DEFAULT_DRAWS = 20_000;
/** The seed's date, 12 December 2024: a fixed seed so the same ledger gives the same figures. */
export const DEFAULT_SEED = 20241212;

const text = (t: string, refs?: ReadonlyArray<string>): Cell =>
  refs?.length ? { kind: "text", text: t, refs } : { kind: "text", text: t };
const int = (value: number | null, refs?: ReadonlyArray<string>): Cell =>
  value === null ? { kind: "empty" } : refs?.length ? { kind: "integer", value, refs } : { kind: "integer", value };
const dec = (value: number | null): Cell => (value === null ? { kind: "empty" } : { kind: "decimal", value });
const col = (key: string, label: string, numeric = false): Column => ({ key, label, numeric });
const para = (t: string, refs: ReadonlyArray<string> = []): Block => ({
  kind: "paragraph",
  paragraph: { text: t, refs },
});
const table = (t: Table): Block => ({ kind: "table", table: t });

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Builds the report. Pure: the same ledger and options give the same report. */
export function buildReport(ledger: Ledger, options: ReportOptions): Report {
  const lang = options.lang ?? "en";
  const t: Strings = STRINGS[lang];
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? DEFAULT_SEED;
  const observation = new Map(ledger.observations.map((o) => [o.id, o]));
  const sourceOf = (id: string): string[] => {
    const o = observation.get(id);
    return o ? [o.source_id] : [];
  };
  const jurisdiction = new Map(ledger.jurisdictions.map((j) => [j.code, j]));
  const placeName = (code: string) => {
    const j = jurisdiction.get(code);
    return j ? (lang === "zh" ? j.name_zh : j.name_en) : code;
  };
  const used: Observation[] = [];
  const use = (ids: Iterable<string>) => {
    for (const id of ids) {
      const o = observation.get(id);
      if (o) used.push(o);
    }
  };
  const publishersOf = (ids: Iterable<string>) => {
    const sourceIds = unique([...ids].flatMap(sourceOf));
    const publisher = new Map(ledger.sources.map((s) => [s.id, s.publisher]));
    return unique(sourceIds.map((id) => publisher.get(id) ?? id)).join("; ");
  };
  const latest = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => observation.get(id)?.period_end ?? "")
      .sort()
      .at(-1) ?? "";

  const ratio = ratioTable(ledger);
  const ratioAssumption = ledger.assumptions.find((a) => a.id === "ye-ratio");
  const ratioRefs = ratioAssumption ? [ratioAssumption.source_id] : [];
  const floor = officialFloor(ledger);
  const rateRows = rates(ledger);
  const mc = monteCarlo(ledger, { draws, seed });
  const sens = sensitivity(ledger);
  const extra = extrapolations(ledger);
  const tri = triangulate(ledger);

  // --- Estimates (the table after paragraph 25)
  const baseLabel = (base: "cat4" | "cat3_4") => (base === "cat4" ? "cat4" : "cat3_4");
  const estimateColumns = [
    col("period", t.columns.period),
    col("punished_cat3_4", t.columns.punishedCat34, true),
    ...ratio.rows[0]!.cells.map((c) =>
      col(c.column, t.columns.estimate(baseLabel(c.base), formatPercent(c.ratio)), true),
    ),
  ];
  const periodLabel = (row: (typeof ratio.rows)[number]) =>
    row.kind === "total"
      ? t.rows.total
      : row.kind === "adjusted-total"
        ? t.rows.adjustedTotal
        : row.kind === "extrapolation"
          ? t.rows.extrapolation(row.period.slice(0, 4))
          : row.period;
  const estimates: Table = {
    id: "estimates",
    title: t.tables.estimates,
    columns: estimateColumns,
    rows: ratio.rows.map((row) => {
      const ids = row.kind === "year" ? row.provenance.observations : [];
      use(row.provenance.observations);
      const byMeasure = (measure: string) =>
        unique(ids.filter((id) => observation.get(id)?.measure === measure).flatMap(sourceOf));
      const cat34Refs = byMeasure("punished_cat3_4");
      const cat4Refs = byMeasure("punished_cat4");
      let cat4Cited = false;
      return {
        strong: row.kind === "total" || row.kind === "adjusted-total",
        cells: [
          text(periodLabel(row)),
          int(row.punishedCat3_4, cat34Refs),
          ...row.cells.map((c) => {
            const refs = c.base === "cat4" && !cat4Cited ? cat4Refs : [];
            if (c.base === "cat4") cat4Cited = true;
            return int(c.value, refs);
          }),
        ],
      };
    }),
  };
  const partial = ratio.rows.find((r) => r.kind === "extrapolation");
  const partialObs = partial ? observation.get(partial.provenance.observations[0] ?? "") : undefined;
  const months = partialObs ? roundTo(yearFraction(partialObs.period_start, partialObs.period_end) * 12, 0.01) : 12;
  const factor = Number.isInteger(months) ? `× 12 ÷ ${months}` : `× 12 ÷ ${formatNumber(months)}`;
  const yearly: YearlyChart = {
    id: "yearly",
    lang,
    ...t.charts.yearly,
    source: t.charts.source(publishersOf(tri.years.flatMap((y) => y.provenance.observations))),
    dataDate: t.charts.dataDate(formatDate(latest(tri.years.flatMap((y) => y.provenance.observations)), lang)),
    bands: tri.years.flatMap((y) =>
      (["cat3_4", "cat4"] as const).flatMap((base) => {
        const b = y.ratioBand[base];
        const series = t.charts.band(
          base === "cat4" ? t.columns.estimate("cat4", "").trim() : t.columns.estimate("cat3_4", "").trim(),
        );
        return b ? [{ series, year: y.year, low: b.low, high: b.high }] : [];
      }),
    ),
    official: tri.years.flatMap((y) =>
      y.official ? [{ series: t.charts.official, year: y.year, value: y.official.value }] : [],
    ),
  };

  // --- Floor
  const floorIds = unique([...floor.used, ...floor.strictUsed]).sort();
  use(floorIds);
  const floorTable: Table = {
    id: "floor",
    title: t.tables.floor,
    columns: [
      col("coverage", t.columns.coverage),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("as_published", t.columns.inAsPublished),
      col("strict", t.columns.inStrict),
    ],
    rows: [
      ...floorIds.map((id) => {
        const o = observation.get(id)!;
        return {
          cells: [
            text(placeName(o.jurisdiction)),
            text(o.period_label),
            int(o.value, sourceOf(id)),
            text(floor.used.includes(id) ? t.rows.yes : t.rows.no),
            text(floor.strictUsed.includes(id) ? t.rows.yes : t.rows.no),
          ],
        };
      }),
      {
        strong: true,
        cells: [text(t.rows.total), text(""), { kind: "empty" }, int(floor.asPublished), int(floor.strict)],
      },
    ],
  };
  const allPlacements = ledger.observations.filter((o) => o.measure === "liuzhi_placements").length;

  // --- Rates
  const durations = unique(rateRows.flatMap((r) => r.stock.map((s) => s.durationDays))).sort((a, b) => a - b);
  const ratesTable: Table = {
    id: "rates",
    title: t.tables.rates,
    columns: [
      col("year", t.columns.year),
      col("placements", t.columns.placements, true),
      col("per_day", t.columns.perDay, true),
      col("per_case_filed", t.columns.perCaseFiled, true),
      ...durations.map((d) => col(`held_${d}_days`, t.columns.heldAt(formatNumber(d)), true)),
    ],
    rows: rateRows.map((r) => {
      use(r.provenance.observations);
      return {
        cells: [
          text(String(r.year)),
          int(r.placements, sourceOf(r.placementsId)),
          dec(r.perDay),
          dec(r.perCaseFiled),
          ...durations.map((d) => int(r.stock.find((s) => s.durationDays === d)?.heldOnAverageDay ?? null)),
        ],
      };
    }),
  };
  const rateParagraphs: Block[] = rateRows.flatMap((r) => {
    const out: Block[] = [
      para(
        t.sentences.perDay({
          placements: formatInteger(r.placements),
          year: String(r.year),
          perDay: formatNumber(r.perDay),
          days: formatInteger(r.days),
        }),
        sourceOf(r.placementsId),
      ),
    ];
    if (r.perCaseFiled !== null && r.casesFiledId) {
      const cases = observation.get(r.casesFiledId)!;
      out.push(
        para(
          t.sentences.perCase({ perCase: formatNumber(r.perCaseFiled), cases: formatInteger(cases.value) }),
          sourceOf(r.casesFiledId),
        ),
      );
    }
    if (r.stock.length > 0) {
      const first = r.stock[0]!;
      const last = r.stock[r.stock.length - 1]!;
      out.push(
        para(
          t.sentences.stock({
            days: formatRange(first.durationDays, last.durationDays),
            held: formatRange(first.heldOnAverageDay, last.heldOnAverageDay),
          }),
          unique(r.stock.flatMap((s) => sourceOf(s.durationId))),
        ),
      );
    }
    return out;
  });

  // --- Uncertainty
  const interval = (label: string, i: { median: number; p05: number; p95: number }, strong = false): Row => ({
    strong,
    cells: [text(label), int(i.median), int(i.p05), int(i.p95)],
  });
  use(mc.provenance.observations);
  const uncertaintyTable: Table = {
    id: "uncertainty",
    title: t.tables.uncertainty,
    columns: [
      col("estimate", t.columns.measure),
      col("median", t.columns.median, true),
      col("p05", t.columns.p05, true),
      col("p95", t.columns.p95, true),
    ],
    rows: [
      ...mc.years.map((y) => interval(y.period, y)),
      interval(t.rows.cumulative, mc.cumulative, true),
      interval(t.rows.adjustedCumulative, mc.adjustedCumulative, true),
      interval(t.rows.heldOnAverageDay(mc.heldOnAverageDay.period), mc.heldOnAverageDay),
    ],
  };
  const sensitivityTable: Table = {
    id: "sensitivity",
    title: t.tables.sensitivity,
    columns: [
      col("input", t.columns.input),
      col("low", t.columns.low),
      col("high", t.columns.high),
      col("total_at_low", t.columns.totalAtLow, true),
      col("total_at_high", t.columns.totalAtHigh, true),
      col("swing", t.columns.swing, true),
    ],
    rows: sens.rows.map((r) => ({
      cells: [
        text(t.rows.sensitivityInput(r.input)),
        text(r.low),
        text(r.high),
        int(r.totalAtLow),
        int(r.totalAtHigh),
        int(r.totalSwing),
      ],
    })),
  };
  const inputs = mc.inputs;
  let cumulativeLow = 0;
  let cumulativeHigh = 0;
  const yearRows = ratio.rows.filter((r) => r.kind === "year");
  const lowColumn = ratio.columns.indexOf(`cat3_4_${ratio.columns[0]!.split("_").pop()}`);
  const highColumn = ratio.columns.length - 1;
  const cumulative: CumulativeChart = {
    id: "cumulative",
    lang,
    ...t.charts.cumulative,
    source: t.charts.source(publishersOf(mc.provenance.observations)),
    dataDate: t.charts.dataDate(formatDate(latest(yearRows.flatMap((r) => r.provenance.observations)), lang)),
    band: yearRows.map((r) => {
      cumulativeLow += r.cells[lowColumn]?.value ?? 0;
      cumulativeHigh += r.cells[highColumn]?.value ?? 0;
      return {
        series: t.charts.band(t.columns.estimate("cat3_4", "").trim()),
        year: Number(r.period.slice(0, 4)),
        low: cumulativeLow,
        high: cumulativeHigh,
      };
    }),
    interval: {
      series: `${t.charts.median}, ${t.charts.interval}`,
      year: Number(yearRows[yearRows.length - 1]?.period.slice(0, 4) ?? 0),
      ...mc.cumulative,
    },
    floor: { series: t.charts.floor, value: floor.asPublished },
  };

  // --- Extrapolations
  use(extra.map((e) => e.id));
  const extrapolationTable: Table = {
    id: "extrapolations",
    title: t.tables.extrapolations,
    columns: [
      col("province", t.columns.province),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("population_m", t.columns.populationM, true),
      col("population_share", t.columns.populationShare, true),
      col("national_equivalent", t.columns.nationalEquivalent, true),
      col("around", t.columns.around, true),
      col("per_year", t.columns.perYear, true),
    ],
    rows: extra.map((e) => ({
      cells: [
        text(placeName(e.jurisdiction)),
        text(e.periodLabel),
        int(e.count, sourceOf(e.id)),
        int(e.populationM),
        { kind: "percent", value: e.populationShare, digits: 2 },
        int(e.nationalEquivalent),
        int(e.nationalEquivalentAround),
        int(e.nationalPerYear),
      ],
    })),
  };
  const largest = [...extra].sort((a, b) => b.nationalEquivalent - a.nationalEquivalent || a.id.localeCompare(b.id))[0];
  const provinces: ProvincesChart = {
    id: "provinces",
    lang,
    ...t.charts.provinces,
    source: t.charts.source(publishersOf([...extra.map((e) => e.id), ...rateRows.map((r) => r.placementsId)])),
    dataDate: t.charts.dataDate(
      formatDate(latest([...extra.map((e) => e.id), ...rateRows.map((r) => r.placementsId)]), lang),
    ),
    bars: extra.map((e) => ({ label: `${placeName(e.jurisdiction)}, ${e.periodLabel}`, value: e.nationalPerYear })),
    official: rateRows.map((r) => ({ label: `${t.charts.official}, ${r.year}`, value: r.placements })),
  };

  // --- Appendix I
  const cn = jurisdiction.get("CN")?.population_m ?? null;
  const coverage = (o: Observation) => {
    if (o.jurisdiction !== "CN") return placeName(o.jurisdiction);
    if (o.scope.startsWith("campaign:")) return t.rows.campaign(o.scope.slice("campaign:".length));
    return t.rows.nationwide;
  };
  const sourceById = new Map(ledger.sources.map((s) => [s.id, s]));
  const appendixRows = ledger.observations
    .filter((o) => o.measure === "liuzhi_placements")
    .sort((a, b) => a.id.localeCompare(b.id));
  use(appendixRows.map((o) => o.id));
  const appendix: Table = {
    id: "appendix-i",
    title: t.tables.appendix,
    columns: [
      col("coverage", t.columns.coverage),
      col("period", t.columns.periodPrinted),
      col("count", t.columns.count, true),
      col("population_m", t.columns.populationM, true),
      col("population_share", t.columns.populationShare, true),
      col("source", t.columns.source),
    ],
    rows: appendixRows.map((o) => {
      const pop = jurisdiction.get(o.jurisdiction)?.population_m ?? null;
      const s = sourceById.get(o.source_id);
      return {
        cells: [
          text(coverage(o)),
          text(o.period_label),
          int(o.value),
          pop === null ? { kind: "empty" } : int(pop),
          pop === null || cn === null
            ? { kind: "empty" }
            : { kind: "percent", value: roundTo(pop / cn, ROUNDING.share), digits: 2 },
          text(s?.url ?? s?.publisher ?? o.source_id, [o.source_id]),
        ],
      };
    }),
  };

  // --- Documented cases against official figures (aggregates only, suppressed upstream and checked again here)
  const threshold = options.coverage?.threshold ?? 0;
  const coverageRows = options.coverage?.rows ?? [];
  const coverageTable: Table | null =
    coverageRows.length > 0
      ? {
          id: "case-coverage",
          title: t.cases.table,
          columns: [
            col("jurisdiction", t.cases.jurisdiction),
            col("year", t.cases.year),
            col("documented", t.cases.documented, true),
            col("official", t.cases.official, true),
            col("official_period", t.cases.officialPeriod),
            col("documented_share", t.cases.share, true),
          ],
          rows: coverageRows.map((r) => {
            // A withheld cell, or (defensively) any count under the threshold, is printed as "suppressed".
            const documented = r.documented !== null && r.documented >= threshold ? r.documented : null;
            const official = r.official;
            if (official) use([official.observation_id]);
            return {
              strong: r.jurisdiction === "total" || r.year === "total",
              cells: [
                text(r.jurisdiction === "total" ? t.cases.total : placeName(r.jurisdiction)),
                text(r.year === "total" ? t.cases.total : r.year === "unknown" ? t.cases.unknownYear : r.year),
                documented === null ? text(t.cases.suppressed) : int(documented),
                official ? int(official.value, sourceOf(official.observation_id)) : { kind: "empty" },
                official ? text(official.period_label) : { kind: "empty" },
                documented !== null && official && official.value > 0
                  ? { kind: "percent", value: documented / official.value, digits: 1 }
                  : { kind: "empty" },
              ],
            };
          }),
        }
      : null;

  // --- Legal framework
  const legalTable: Table | null = options.legal
    ? {
        id: "legal-framework",
        title: t.tables.legal,
        columns: [
          col("characteristic", t.columns.characteristic),
          col("instrument", t.columns.instrument),
          col("article", t.columns.article),
          col("seed_paragraph", t.columns.seedParagraph),
        ],
        rows: options.legal.map((p) => ({
          cells: [text(p.characteristic), text(p.instrument), text(p.article), text(p.seedParagraph)],
        })),
      }
    : null;

  // --- Method and assumptions
  const assumptionsTable: Table = {
    id: "assumptions",
    title: t.tables.assumptions,
    columns: [
      col("id", t.columns.id),
      col("description", t.columns.description),
      col("low", t.columns.low, true),
      col("high", t.columns.high, true),
      col("unit", t.columns.unit),
      col("source", t.columns.source),
    ],
    rows: ledger.assumptions.map((a) => ({
      cells: [
        text(a.id),
        text(a.description),
        dec(a.low),
        dec(a.high),
        text(a.unit),
        text(sourceById.get(a.source_id)?.publisher ?? a.source_id, [a.source_id]),
      ],
    })),
  };
  const dataDate = latest(used.map((o) => o.id));
  const colophon = t.generated(
    formatDate(options.generated, lang),
    options.version,
    formatInteger(draws),
    String(seed),
    formatDate(dataDate, lang),
  );
  const method = [
    { label: t.method.generated, value: options.generated },
    { label: t.method.software, value: `liuzhi-monitor ${options.version}` },
    { label: t.method.dataDate, value: dataDate },
    { label: t.method.floorStart, value: LIUZHI_LAW_START },
    { label: t.method.draws, value: draws },
    { label: t.method.seed, value: seed },
  ];

  const sections: Section[] = [
    {
      id: "estimates",
      heading: t.headings.estimates,
      blocks: [
        para(
          t.sentences.ratio({
            low: formatPercent(ratio.ratios[0]!),
            high: formatPercent(ratio.ratios[ratio.ratios.length - 1]!),
            factor,
          }),
          ratioRefs,
        ),
        table(estimates),
        { kind: "chart", chart: yearly },
      ],
    },
    {
      id: "floor",
      heading: t.headings.floor,
      blocks: [
        para(
          t.sentences.floor({
            asPublished: formatInteger(floor.asPublished),
            start: formatDate(LIUZHI_LAW_START, lang),
            used: formatInteger(floor.used.length),
            all: formatInteger(allPlacements),
            strict: formatInteger(floor.strict),
          }),
        ),
        table(floorTable),
      ],
    },
    { id: "rates", heading: t.headings.rates, blocks: [...rateParagraphs, table(ratesTable)] },
    {
      id: "uncertainty",
      heading: t.headings.uncertainty,
      blocks: [
        para(
          t.sentences.monteCarlo({
            draws: formatInteger(draws),
            seed: String(seed),
            ratio: formatRange(inputs.ratio[0], inputs.ratio[1]),
            base: t.sentences.bases[inputs.base],
            spread: formatRange(1 - inputs.annualizationSpread, 1 + inputs.annualizationSpread),
            duration: formatRange(inputs.duration[0], inputs.duration[1]),
          }),
          ratioRefs,
        ),
        para(
          t.sentences.monteCarloResult({
            median: formatInteger(mc.cumulative.median),
            total: formatRange(mc.cumulative.p05, mc.cumulative.p95),
            adjusted: formatRange(mc.adjustedCumulative.p05, mc.adjustedCumulative.p95),
          }),
        ),
        table(uncertaintyTable),
        { kind: "chart", chart: cumulative },
        ...(sens.rows[0]
          ? [para(t.sentences.sensitivity({ input: t.rows.sensitivityInput(sens.rows[0].input) }))]
          : []),
        table(sensitivityTable),
      ],
    },
    {
      id: "extrapolations",
      heading: t.headings.extrapolations,
      blocks: [
        ...(largest
          ? [
              para(
                t.sentences.extrapolation({
                  name: placeName(largest.jurisdiction),
                  count: formatInteger(largest.count),
                  period: largest.periodLabel,
                  population: formatNumber(largest.populationM),
                  national: formatInteger(largest.nationalEquivalent),
                  around: formatInteger(largest.nationalEquivalentAround),
                }),
                sourceOf(largest.id),
              ),
            ]
          : []),
        table(extrapolationTable),
        { kind: "chart", chart: provinces },
      ],
    },
    { id: "appendix-i", heading: t.headings.appendix, blocks: [para(t.sentences.appendix), table(appendix)] },
    ...(coverageTable
      ? [
          {
            id: "case-coverage",
            heading: t.cases.heading,
            blocks: [para(t.cases.sentence(formatInteger(threshold))), table(coverageTable)],
          },
        ]
      : []),
    ...(legalTable
      ? [{ id: "legal", heading: t.headings.legal, blocks: [para(t.sentences.legal), table(legalTable)] }]
      : []),
    { id: "method", heading: t.headings.method, blocks: [para(t.sentences.method), table(assumptionsTable)] },
  ];

  return {
    lang,
    title: t.title,
    subtitle: t.subtitle,
    colophon,
    generated: options.generated,
    version: options.version,
    draws,
    seed,
    dataDate,
    sections,
    footnotes: footnoteOrder(sections),
    sources: ledger.sources,
    ...(options.captures && options.captures.size > 0 ? { captures: options.captures } : {}),
    method,
    assumptionsTable,
  };
}

/** Source ids in order of first use, reading the sections in order (paragraphs, then tables row by row). */
export function footnoteOrder(sections: ReadonlyArray<Section>): string[] {
  const order: string[] = [];
  const add = (refs: ReadonlyArray<string> | undefined) => {
    for (const r of refs ?? []) if (!order.includes(r)) order.push(r);
  };
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.kind === "paragraph") add(block.paragraph.refs);
      if (block.kind === "table") {
        for (const row of block.table.rows) for (const cell of row.cells) if ("refs" in cell) add(cell.refs);
      }
    }
  }
  return order;
}

/** The tables of a report, in order. */
export function reportTables(report: Report): Table[] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])));
}

/** The charts of a report, in order. */
export function reportCharts(report: Report): Chart[] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
}

/** A cell as the reader sees it (without footnote marks). */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "integer":
      return formatInteger(cell.value);
    case "decimal":
      return formatNumber(cell.value);
    case "percent":
      return formatPercent(cell.value, cell.digits);
    case "empty":
      return "";
  }
}

/** A cell as a machine reads it (CSV): digits only, shares as fractions. */
export function cellValue(cell: Cell): string | number | null {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "integer":
    case "decimal":
    case "percent":
      return cell.value;
    case "empty":
      return null;
  }
}

export function cellRefs(cell: Cell): ReadonlyArray<string> {
  return "refs" in cell && cell.refs ? cell.refs : [];
}

/** A piece of a footnote: plain text, or an address (which Markdown writes as a link). */
export type FootnotePart = { readonly text: string } | { readonly url: string };

/**
 * One footnote's pieces: publisher, title as published, date, URL, archived copy, and — when the
 * source was captured — "captured on YYYY-MM-DD (SHA-256 first 16 hex digits…)" of its latest capture.
 */
export function footnoteParts(source: Source, lang: Lang, capture?: SourceCaptureSummary): FootnotePart[] {
  const t = STRINGS[lang];
  const parts: FootnotePart[] = [{ text: source.publisher }];
  if (source.title) parts.push({ text: `, ${source.title}` });
  if (source.published) parts.push({ text: `, ${formatDate(source.published, lang)}` });
  if (source.url) parts.push({ text: ", " }, { url: source.url });
  if (source.archived_url) parts.push({ text: `; ${t.footnote.archived}: ` }, { url: source.archived_url });
  if (capture) parts.push({ text: `; ${t.capture.captured(captureDate(capture), `${capture.sha256.slice(0, 16)}…`)}` });
  parts.push({ text: "." });
  return parts;
}

/** One footnote's text (footnoteParts joined). */
export function footnoteText(source: Source, lang: Lang, capture?: SourceCaptureSummary): string {
  return footnoteParts(source, lang, capture)
    .map((p) => ("url" in p ? p.url : p.text))
    .join("");
}

/** The UTC date (YYYY-MM-DD) of a capture. */
export function captureDate(capture: SourceCaptureSummary): string {
  return capture.captured_at.slice(0, 10);
}

/** A source's footnote as this report prints it (with its capture, when the report has one). */
export function sourceNote(report: Report, source: Source): string {
  return footnoteText(source, report.lang, report.captures?.get(source.id));
}

/** A source's footnote as pieces (sourceNote's text, with the addresses kept apart). */
export function sourceNoteParts(report: Report, source: Source): FootnotePart[] {
  return footnoteParts(source, report.lang, report.captures?.get(source.id));
}
