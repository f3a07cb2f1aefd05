/**
 * The estimation engine: pure functions from a ledger to figures, each carrying its provenance.
 * No I/O and no Node-only APIs: the same code runs in the CLI, the server and the browser.
 */

export { METHODS } from "./catalogue.ts";
export {
  type AnyMethod,
  type Cell,
  defineMethod,
  type MethodDefinition,
  methodManifest,
  methodResult,
  type RunContext,
  type Table,
  tableRecords,
} from "./define.ts";
export { type Extrapolation, extrapolateMethod, extrapolations } from "./extrapolate.ts";
export {
  type Exclusion,
  type FloorResult,
  floorMethod,
  LIUZHI_LAW_START,
  mayDoubleCount,
  officialFloor,
} from "./floor.ts";
export { type RunManifest, runManifest } from "./manifest.ts";
export { GRID as MODEL_GRID, type Interval as ModelInterval } from "./model.ts";
export { ESTIMATORS, type Estimator, modelInputs } from "./model-inputs.ts";
export { MODEL_PARAMS, type ModelResult, type ModelYear, model, modelMethod } from "./model-method.ts";
export {
  allowedText,
  type Bounds,
  defaultText,
  defineParams,
  formatParam,
  InvalidOption,
  MissingData,
  type Param,
  type Params,
  paramSchema,
  parseParam,
  parseParams,
  type Values,
} from "./params.ts";
export { annualize, isCalendarYear, periodName, periodsOverlap, yearFraction } from "./period.ts";
export type { Provenance } from "./provenance.ts";
export { quantiles } from "./quantile.ts";
export { seededRandom } from "./random.ts";
export { rates, ratesMethod, type StockEstimate, type YearRates } from "./rates.ts";
export {
  BASES,
  type Base,
  checkRatios,
  RATIO_PARAMS,
  type RatioCell,
  type RatioOptions,
  type RatioRow,
  type RatioTable,
  ratioLabel,
  ratioMethod,
  ratioTable,
} from "./ratio.ts";
export { ROUNDING, roundTo } from "./rounding.ts";
export { ledgerThrough, SEED_SUBMISSION, seedLedger } from "./seed.ts";
export { type SensitivityResult, type SensitivityRow, sensitivity } from "./sensitivity.ts";
export {
  TRANSFER_MEASURES,
  type TransferEstimate,
  type TransferSeries,
  type TransfersResult,
  transferEstimates,
  transfersMethod,
} from "./transfers.ts";
export { type Triangulation, triangulate, triangulateMethod } from "./triangulate.ts";
export {
  BASE_CHOICES,
  type BaseChoice,
  defaultInputs,
  type Interval,
  monteCarlo,
  pointEstimate,
  UNCERTAINTY_PARAMS,
  type UncertaintyInputs,
  type UncertaintyResult,
} from "./uncertainty.ts";
export {
  monteCarloManifest,
  UNCERTAINTY_DEFAULTS,
  type UncertaintyValues,
  uncertaintyInputs,
  uncertaintyMethod,
} from "./uncertainty-method.ts";
