/**
 * The seed's rounding, in one place. Counts are never rounded in the ledger; only what a method
 * prints is, and always here.
 */

/** Rounds half away from zero to a multiple of `step` (1, 100, 1000, 0.1 …), without float noise. */
export function roundTo(value: number, step: number): number {
  if (!(step > 0)) throw new RangeError(`invalid rounding step: ${step}`);
  const scaled = Math.abs(value) / step;
  // A tiny epsilon keeps 20549.999999997 (float noise from 137000 × 0.15) from rounding down.
  const rounded = Math.floor(scaled + 0.5 + 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Math.sign(value) * Number(rounded.toFixed(decimals)) || 0;
}

export const ROUNDING = {
  /** Ratio estimates (people placed in liuzhi): the seed prints them to the hundred (5,500; 92,300). */
  estimate: 100,
  /** Bases scaled to a full year: to the thousand, the precision the CCDI publishes them in (13.7万). */
  annualizedBase: 1000,
  /** Totals of ratio estimates: the sum of the unrounded cells, rounded once to the person (230,750). */
  total: 1,
  /** National equivalents of a provincial count: whole people, and "around" figures to the thousand (198,000). */
  person: 1,
  around: 1000,
  /** Placements per day: one decimal (71.2; the seed says 71). */
  perDay: 0.1,
  /** Shares and ratios: four decimals (0.0415 = 4.15%). */
  share: 0.0001,
} as const;
