import type { Ledger } from "../core/index.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { ROUNDING, roundTo } from "./rounding.ts";
import { ratioAssumption } from "./select.ts";
import { defaultInputs, type InputPoint, pointEstimate, type UncertaintyInputs, yearBases } from "./uncertainty.ts";

export interface SensitivityRow {
  readonly input: string;
  readonly low: string;
  readonly high: string;
  /** Adjusted total with this input at its low and its high end, the others at the baseline. */
  readonly totalAtLow: number;
  readonly totalAtHigh: number;
  readonly totalSwing: number;
  /** People held on an average day (last year) at the low and high end. */
  readonly heldAtLow: number;
  readonly heldAtHigh: number;
}

export interface SensitivityResult {
  readonly baseline: { readonly point: InputPoint; readonly adjustedTotal: number; readonly heldOnAverageDay: number };
  /** Sorted by the swing in the adjusted total, largest first. */
  readonly rows: ReadonlyArray<SensitivityRow>;
  readonly provenance: Provenance;
}

/**
 * One-at-a-time sensitivity: from the Monte Carlo's median point (each input at the median of the
 * range it is drawn from: mid ratio, plain annualization, mid duration, on the first scenario's
 * base), move each input alone to the ends of its range and record how far the adjusted total and
 * the number held on an average day move. The input with the largest swing matters most. The
 * adjusted total is linear in the ratio and the annualization factor, so the baseline is the
 * scenario's median adjusted total.
 */
export function sensitivity(ledger: Ledger, overrides: Partial<UncertaintyInputs> = {}): SensitivityResult {
  const inputs = { ...defaultInputs(ledger), ...overrides };
  const years = yearBases(ledger);
  const mid = (r: readonly [number, number]) => (r[0] + r[1]) / 2;
  const baseline: InputPoint = {
    ratio: mid(inputs.ratio),
    base: inputs.base === "cat4" ? "cat4" : "cat3_4",
    annualizationFactor: 1,
    annualize: true,
    duration: mid(inputs.duration),
  };
  const at = (change: Partial<InputPoint>) => pointEstimate(years, { ...baseline, ...change });
  const cases: Array<[string, string, string, Partial<InputPoint>, Partial<InputPoint>]> = [
    ["ratio", String(inputs.ratio[0]), String(inputs.ratio[1]), { ratio: inputs.ratio[0] }, { ratio: inputs.ratio[1] }],
    ["category base", "category 4 only", "categories 3 and 4", { base: "cat4" }, { base: "cat3_4" }],
    [
      "annualization of partial years",
      `× ${1 - inputs.annualizationSpread} on unreported months`,
      `× ${1 + inputs.annualizationSpread} on unreported months`,
      { annualizationFactor: 1 - inputs.annualizationSpread },
      { annualizationFactor: 1 + inputs.annualizationSpread },
    ],
    ["partial years extended", "no", "yes", { annualize: false }, { annualize: true }],
    [
      "average duration (days)",
      String(inputs.duration[0]),
      String(inputs.duration[1]),
      { duration: inputs.duration[0] },
      { duration: inputs.duration[1] },
    ],
  ];
  const usable = years.every((y) => y.cat4 !== null) ? cases : cases.filter(([name]) => name !== "category base");
  const rows = usable
    .map(([input, low, high, lowChange, highChange]) => {
      const l = at(lowChange);
      const h = at(highChange);
      const totalAtLow = roundTo(l.adjusted, ROUNDING.estimate);
      const totalAtHigh = roundTo(h.adjusted, ROUNDING.estimate);
      return {
        input,
        low,
        high,
        totalAtLow,
        totalAtHigh,
        totalSwing: Math.abs(totalAtHigh - totalAtLow),
        heldAtLow: roundTo(l.heldOnAverageDay, ROUNDING.person),
        heldAtHigh: roundTo(h.heldOnAverageDay, ROUNDING.person),
      };
    })
    .sort(
      (a, b) =>
        b.totalSwing - a.totalSwing || Math.abs(b.heldAtHigh - b.heldAtLow) - Math.abs(a.heldAtHigh - a.heldAtLow),
    );
  const base = at({});
  return {
    baseline: {
      point: baseline,
      adjustedTotal: roundTo(base.adjusted, ROUNDING.estimate),
      heldOnAverageDay: roundTo(base.heldOnAverageDay, ROUNDING.person),
    },
    rows,
    provenance: provenance(
      years.flatMap((y) => y.ids),
      [ratioAssumption(ledger).id],
      ["one input at a time"],
    ),
  };
}
