/** The extractor: Chinese official prose → proposed figures. Pure functions, no Node APIs (also for the browser). */
export { type ExtractContext, extractFigures, type Figure } from "./extract.ts";
export type { JurisdictionName } from "./jurisdiction.ts";
export { normalize } from "./normalize.ts";
export { chineseNumeral, parseNumber } from "./numbers.ts";
export { findPeriods, resolvePeriod } from "./periods.ts";
