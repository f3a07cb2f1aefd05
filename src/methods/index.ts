/**
 * The estimation engine: pure functions from a ledger to figures, each carrying its provenance.
 * No I/O and no Node-only APIs: the same code runs in the CLI, the server and the browser.
 */

export { type Extrapolation, extrapolations } from "./extrapolate.ts";
export { type Exclusion, type FloorResult, LIUZHI_LAW_START, mayDoubleCount, officialFloor } from "./floor.ts";
export { type RunManifest, runManifest } from "./manifest.ts";
export { annualize, isCalendarYear, periodName, periodsOverlap, yearFraction } from "./period.ts";
export type { Provenance } from "./provenance.ts";
export { quantiles } from "./quantile.ts";
export { seededRandom } from "./random.ts";
export { rates, type StockEstimate, type YearRates } from "./rates.ts";
export {
  BASES,
  type Base,
  checkRatios,
  type RatioCell,
  type RatioOptions,
  type RatioRow,
  type RatioTable,
  ratioLabel,
  ratioTable,
} from "./ratio.ts";
export { ROUNDING, roundTo } from "./rounding.ts";
export { ledgerThrough, SEED_SUBMISSION, seedLedger } from "./seed.ts";
export { type SensitivityResult, type SensitivityRow, sensitivity } from "./sensitivity.ts";
export { type Triangulation, triangulate } from "./triangulate.ts";
export {
  BASE_CHOICES,
  type BaseChoice,
  defaultInputs,
  type Interval,
  monteCarlo,
  pointEstimate,
  type UncertaintyInputs,
  type UncertaintyResult,
} from "./uncertainty.ts";
