import type { Observation } from "../core/index.ts";
import { daysInclusive, yearOf } from "../core/index.ts";

/**
 * Known cases against official totals (pure): per jurisdiction and year, how many cases the register
 * documents next to the ledger's official placement count. What is published is protected by
 * small-number suppression:
 *   - primary: no cell (inner or total) under SUPPRESSION_THRESHOLD is published — zero included;
 *   - complementary: more cells are withheld until no withheld value can be computed from the
 *     published ones and the row and column totals (checked exactly, by linear algebra: a withheld
 *     cell is safe when some combination of withheld cells can change while every total holds).
 */

export const SUPPRESSION_THRESHOLD = 5;

/** A table of counts with its margins: cells[r][c]; the grid with totals is (R+1)×(C+1). */
export interface SuppressionResult {
  /** suppressed[r][c] over the extended grid: rows 0..R-1 then the column-totals row R; column C is the row totals. */
  readonly suppressed: ReadonlyArray<ReadonlyArray<boolean>>;
  readonly values: ReadonlyArray<ReadonlyArray<number>>;
}

/** The table with its totals: row R holds the column totals, column C the row totals. */
export function withTotals(cells: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const R = cells.length;
  const C = cells[0]?.length ?? 0;
  const grid = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: C + 1 }, (_, c) => grid.reduce((sum, row) => sum + row[c]!, 0));
  return R === 0 ? [] : [...grid, totals];
}

type Var = readonly [number, number];

/** The equations of the extended grid restricted to the given cells: one row per line (row or column). */
function constraintMatrix(vars: ReadonlyArray<Var>, R: number, C: number): number[][] {
  const eq: number[][] = Array.from({ length: R + 1 + C + 1 }, () => new Array<number>(vars.length).fill(0));
  vars.forEach(([r, c], k) => {
    eq[r]![k] = c === C ? -1 : 1; // row r: inner cells minus the row total
    eq[R + 1 + c]![k] = r === R ? -1 : 1; // column c: inner cells minus the column total
  });
  return eq;
}

function rank(matrix: ReadonlyArray<ReadonlyArray<number>>): number {
  const m = matrix.map((row) => [...row]);
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!)) pivot = i;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r += 1;
  }
  return r;
}

/**
 * The withheld cells whose value the published cells and totals determine exactly. A withheld
 * cell k is determined iff the unit vector e_k lies in the row space of the equations restricted to
 * the withheld cells, i.e. iff dropping column k lowers the rank.
 */
export function derivableCells(suppressed: ReadonlyArray<ReadonlyArray<boolean>>): Var[] {
  const R = suppressed.length - 1;
  const C = (suppressed[0]?.length ?? 1) - 1;
  const vars: Var[] = [];
  for (const [r, row] of suppressed.entries()) for (const [c, s] of row.entries()) if (s) vars.push([r, c]);
  if (vars.length === 0) return [];
  const a = constraintMatrix(vars, R, C);
  const full = rank(a);
  return vars.filter((_, k) => rank(a.map((row) => row.filter((__, j) => j !== k))) < full);
}

/** Primary then complementary suppression over a table of counts (cells without totals). */
export function suppress(
  cells: ReadonlyArray<ReadonlyArray<number>>,
  threshold = SUPPRESSION_THRESHOLD,
): SuppressionResult {
  const values = withTotals(cells);
  const R = values.length - 1;
  const suppressed = values.map((row) => row.map((v) => v < threshold));
  if (R < 0) return { suppressed, values };
  const C = values[0]!.length - 1;
  const pickIn = (candidates: Var[]): Var | undefined =>
    candidates
      .filter(([r, c]) => !suppressed[r]![c])
      .sort(
        ([r1, c1], [r2, c2]) =>
          Number(r1 === R || c1 === C) - Number(r2 === R || c2 === C) || values[r1]![c1]! - values[r2]![c2]!,
      )[0];
  for (;;) {
    const [cell] = derivableCells(suppressed);
    if (!cell) {
      // Counts are never negative: in a line whose total is published, withheld cells adding up to
      // less than the threshold are each known to be small (all zero when they add up to 0).
      const weak = weakLine(values, suppressed, threshold);
      if (!weak) break;
      // Withholding the line's total removes what leaks; the cells themselves stay published.
      const next = pickIn([weak.total]) ?? pickIn(weak.inner);
      if (!next) break;
      suppressed[next[0]]![next[1]] = true;
      continue;
    }
    const [r, c] = cell;
    const line: Var[] = [
      ...values[r]!.map((_, j) => [r, j] as const).filter(([, j]) => j !== c),
      ...values.map((_, i) => [i, c] as const).filter(([i]) => i !== r),
    ];
    const everywhere: Var[] = values.flatMap((row, i) => row.map((_, j) => [i, j] as const));
    const next = pickIn(line) ?? pickIn(everywhere);
    if (!next) break; // everything withheld: nothing can be derived
    suppressed[next[0]]![next[1]] = true;
  }
  return { suppressed, values };
}

/**
 * A row or column whose total is published but whose withheld cells add up to less than the
 * threshold: non-negativity then bounds each of them below the threshold.
 */
function weakLine(
  values: ReadonlyArray<ReadonlyArray<number>>,
  suppressed: ReadonlyArray<ReadonlyArray<boolean>>,
  threshold: number,
): { inner: Var[]; total: Var } | null {
  const R = values.length - 1;
  const C = values[0]!.length - 1;
  const lines: Array<{ inner: Var[]; total: Var }> = [
    ...values.map((_, r) => ({ inner: values[r]!.slice(0, C).map((_, c) => [r, c] as Var), total: [r, C] as Var })),
    ...values[0]!.map((_, c) => ({ inner: values.slice(0, R).map((_, r) => [r, c] as Var), total: [R, c] as Var })),
  ];
  for (const line of lines) {
    if (suppressed[line.total[0]]![line.total[1]]) continue;
    const withheld = line.inner.filter(([r, c]) => suppressed[r]![c]);
    const sum = withheld.reduce((a, [r, c]) => a + values[r]![c]!, 0);
    if (withheld.length > 0 && sum < threshold) return line;
  }
  return null;
}

export interface OfficialCount {
  readonly value: number;
  readonly period_label: string;
  readonly observation_id: string;
}

/** The ledger's placement count for a jurisdiction within one calendar year (the longest period). */
export function officialCount(observations: ReadonlyArray<Observation>, jurisdiction: string, year: number) {
  const candidates = observations.filter(
    (o) =>
      o.measure === "liuzhi_placements" &&
      // Campaign, pilot and bribery-only figures count part of the placements only.
      o.scope === "all" &&
      o.jurisdiction === jurisdiction &&
      yearOf(o.period_start) === year &&
      yearOf(o.period_end) === year,
  );
  candidates.sort((a, b) => daysInclusive(b.period_start, b.period_end) - daysInclusive(a.period_start, a.period_end));
  const best = candidates[0];
  return best ? { value: best.value, period_label: best.period_label, observation_id: best.id } : null;
}

export interface CoverageRow {
  readonly jurisdiction: string;
  /** A year, or "unknown" for cases whose date taken is not known; "total" for the margins. */
  readonly year: string;
  /** Documented cases, or null when withheld. */
  readonly documented: number | null;
  readonly official: OfficialCount | null;
}

export interface Coverage {
  readonly threshold: number;
  readonly rows: ReadonlyArray<CoverageRow>;
}

/** Coverage of the register, suppressed, from the clear columns of the cases: what may be published. */
export function coverage(
  cases: ReadonlyArray<{ readonly jurisdiction: string; readonly year: number | null }>,
  observations: ReadonlyArray<Observation>,
  threshold = SUPPRESSION_THRESHOLD,
): Coverage {
  const jurisdictions = [...new Set(cases.map((c) => c.jurisdiction))].sort();
  const years = [...new Set(cases.map((c) => (c.year === null ? "unknown" : String(c.year))))].sort();
  const cells = jurisdictions.map((j) =>
    years.map(
      (y) => cases.filter((c) => c.jurisdiction === j && (c.year === null ? "unknown" : String(c.year)) === y).length,
    ),
  );
  const { suppressed, values } = suppress(cells, threshold);
  const rows: CoverageRow[] = [];
  const cell = (r: number, c: number) => (suppressed[r]![c] ? null : values[r]![c]!);
  jurisdictions.forEach((j, r) => {
    for (const [c, y] of years.entries()) {
      rows.push({
        jurisdiction: j,
        year: y,
        documented: cell(r, c),
        official: y === "unknown" ? null : officialCount(observations, j, Number(y)),
      });
    }
    rows.push({ jurisdiction: j, year: "total", documented: cell(r, years.length), official: null });
  });
  for (const [c, y] of years.entries()) {
    rows.push({ jurisdiction: "total", year: y, documented: cell(jurisdictions.length, c), official: null });
  }
  if (jurisdictions.length > 0)
    rows.push({
      jurisdiction: "total",
      year: "total",
      documented: cell(jurisdictions.length, years.length),
      official: null,
    });
  return { threshold, rows };
}
