import type { Ledger, Observation } from "../core/index.ts";
import { type Cell, defineMethod } from "./define.ts";
import { allowedText, defineParams, InvalidOption, percentLabel } from "./params.ts";
import { annualize, isCalendarYear, periodName } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { nationalSeries, ratioAssumption } from "./select.ts";

export const BASES = ["cat4", "cat3_4"] as const;
export type Base = (typeof BASES)[number];

export interface RatioOptions {
  /** Ratios in (0, 1]; default the ledger's ye-ratio range (0.1 and 0.2). */
  readonly ratios?: ReadonlyArray<number>;
}

export interface RatioCell {
  readonly column: string;
  readonly base: Base;
  readonly ratio: number;
  /** Null where the ledger has no base for the period. */
  readonly value: number | null;
}

export type RatioRowKind = "year" | "total" | "extrapolation" | "adjusted-total";

export interface RatioRow {
  readonly kind: RatioRowKind;
  readonly period: string;
  readonly punishedCat3_4: number | null;
  readonly cells: ReadonlyArray<RatioCell>;
  readonly provenance: Provenance;
}

export interface RatioTable {
  readonly ratios: ReadonlyArray<number>;
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<RatioRow>;
}

/** The parameters of the ratio method (`liuzhi estimate`, `/api/estimates`). */
export const RATIO_PARAMS = defineParams({
  ratios: {
    kind: "numbers",
    bounds: { min: 0, max: 1, minExclusive: true },
    help: "ratios in (0, 1], comma-separated",
    defaultText: "the ledger's range, 0.1,0.2",
    example: "0.05,0.1,0.2",
  },
});

/** "10pct" for 0.1, "12.5pct" for 0.125: the column suffix a ratio is known by. */
export const ratioLabel = percentLabel;

/** Checks ratios given in code as the parameter checks them in a URL: each in (0, 1], each once. */
export function checkRatios(ratios: ReadonlyArray<number>): void {
  const p = RATIO_PARAMS.ratios;
  const given = ratios.join(",");
  if (ratios.length === 0) throw new InvalidOption("ratios", allowedText(p), given);
  for (const r of ratios) {
    if (!(Number.isFinite(r) && r > 0 && r <= 1)) throw new InvalidOption("ratios", allowedText(p), given);
  }
  const labels = ratios.map(ratioLabel);
  const repeated = labels.find((label, i) => labels.indexOf(label) !== i);
  // Two ratios named alike would make two columns of one name, and one would vanish from JSON.
  if (repeated)
    throw new InvalidOption("ratios", `${allowedText(p)}; ${repeated.replace("pct", "%")} is given twice`, given);
}

const sumOrNull = (values: ReadonlyArray<number | null>): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);

/**
 * The seed's paragraph-25 table: Prof. Ye's ratios applied, year by year, to the people punished in
 * categories 3 and 4 and in category 4 alone; a Total; for every partial year its full-year
 * extrapolation; and the Adjusted total that uses those extrapolations instead of the partial years.
 */
export function ratioTable(ledger: Ledger, options: RatioOptions = {}): RatioTable {
  const assumption = ratioAssumption(ledger);
  // A range of one value (low = high) is one ratio, not the same ratio twice.
  const ratios = options.ratios ?? [...new Set([assumption.low, assumption.high])];
  checkRatios(ratios);
  const columns = BASES.flatMap((base) => ratios.map((r) => `${base}_${ratioLabel(r)}`));
  const cat34 = nationalSeries(ledger, "punished_cat3_4");
  const cat4 = nationalSeries(ledger, "punished_cat4");

  // Each row's cells unrounded, in column order: totals add these and round once, so a total is
  // never the sum of rounded cells (at 25%, 923,000 gives 230,750, not the 230,900 of the rounded years).
  const unrounded = new Map<RatioRow, ReadonlyArray<number | null>>();
  const rawFor = (bases: Record<Base, number | null>, scale: (v: number) => number): Array<number | null> =>
    BASES.flatMap((base) =>
      ratios.map((ratio) => {
        const b = bases[base];
        return b === null ? null : scale(b) * ratio;
      }),
    );
  const cellsOf = (raw: ReadonlyArray<number | null>, step: number): RatioCell[] =>
    columns.map((column, i) => {
      const v = raw[i] ?? null;
      return {
        column,
        base: BASES[Math.floor(i / ratios.length)] ?? "cat3_4",
        ratio: ratios[i % ratios.length] ?? 0,
        value: v === null ? null : roundTo(v, step),
      };
    });
  const withRaw = (row: RatioRow, raw: ReadonlyArray<number | null>): RatioRow => {
    unrounded.set(row, raw);
    return row;
  };

  const yearRows: RatioRow[] = [];
  const extrapolations: RatioRow[] = [];
  const fullYearRows: RatioRow[] = [];
  for (const o of cat34) {
    const match: Observation | undefined = cat4.find(
      (c) => c.period_start === o.period_start && c.period_end === o.period_end,
    );
    const bases = { cat3_4: o.value, cat4: match?.value ?? null };
    const ids = match ? [o.id, match.id] : [o.id];
    const raw = rawFor(bases, (v) => v);
    const row = withRaw(
      {
        kind: "year",
        period: periodName(o.period_start, o.period_end),
        punishedCat3_4: o.value,
        cells: cellsOf(raw, ROUNDING.estimate),
        provenance: provenance(ids, [assumption.id]),
      },
      raw,
    );
    yearRows.push(row);
    if (isCalendarYear(o.period_start, o.period_end)) {
      fullYearRows.push(row);
    } else {
      const scale = (v: number) => annualize(v, o.period_start, o.period_end);
      const rawFull = rawFor(bases, scale);
      const extrapolation = withRaw(
        {
          kind: "extrapolation",
          period: `${o.period_start.slice(0, 4)} (full-year extrapolation)`,
          punishedCat3_4: roundTo(scale(o.value), ROUNDING.annualizedBase),
          cells: cellsOf(rawFull, ROUNDING.estimate),
          provenance: provenance(ids, [assumption.id], ["annualized: count × 12 / months covered"]),
        },
        rawFull,
      );
      extrapolations.push(extrapolation);
      fullYearRows.push(extrapolation);
    }
  }

  const totalOf = (kind: RatioRowKind, period: string, rows: ReadonlyArray<RatioRow>): RatioRow => ({
    kind,
    period,
    punishedCat3_4: sumOrNull(rows.map((r) => r.punishedCat3_4)),
    cells: cellsOf(
      columns.map((_, i) => sumOrNull(rows.map((r) => unrounded.get(r)?.[i] ?? null))),
      ROUNDING.total,
    ),
    provenance: provenance(
      rows.flatMap((r) => r.provenance.observations),
      [assumption.id],
      [...new Set([...rows.flatMap((r) => r.provenance.steps), "total = sum of the unrounded cells, rounded once"])],
    ),
  });

  const rows = [...yearRows, totalOf("total", "Total", yearRows)];
  if (extrapolations.length > 0)
    rows.push(...extrapolations, totalOf("adjusted-total", "Adjusted total", fullYearRows));
  return { ratios, columns, rows };
}

/** The table's rows as the CLI and the API print them: one column per cell. */
function ratioRecords(table: RatioTable): Array<Record<string, Cell>> {
  return table.rows.map((row) => ({
    period: row.period,
    punished_cat3_4: row.punishedCat3_4,
    ...Object.fromEntries(row.cells.map((c) => [c.column, c.value])),
  }));
}

const ratioColumns = (table: RatioTable) => ["period", "punished_cat3_4", ...table.columns];

export const ratioMethod = defineMethod({
  name: "ratio",
  command: "estimate",
  path: "/estimates",
  summary: "The ratio-method estimate table (the seed's paragraph 25), year by year",
  description:
    "Prof. Ye's ratios applied to the people punished in category 4 alone and in categories 3 and 4, per year; the Total; each partial year extrapolated to a full year; and the Adjusted total. See docs/methods.md.",
  examples: ["liuzhi estimate --format csv", "liuzhi estimate --ratios 0.05,0.1,0.2"],
  params: RATIO_PARAMS,
  run: (ledger, { ratios }) => ratioTable(ledger, ratios ? { ratios } : {}),
  manifest: (_values, table) => ({ options: { ratios: table.ratios } }),
  body: (table) => ({
    columns: ratioColumns(table),
    rows: ratioRecords(table).map((record, i) => ({
      ...record,
      kind: table.rows[i]!.kind,
      provenance: table.rows[i]!.provenance,
    })),
  }),
  table: (table) => {
    const columns = ratioColumns(table);
    return { columns, rows: ratioRecords(table).map((r) => columns.map((c) => r[c] ?? null)) };
  },
});
