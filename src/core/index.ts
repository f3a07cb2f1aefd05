/** The shared core: vocabularies, the domain model (tables and their schemas), dates, CSV. No I/O. */
export * from "./csv.ts";
export * from "./dates.ts";
export { type Field, type FieldDescriptor, field } from "./fields.ts";
export * from "./issues.ts";
export * from "./labels.ts";
export * from "./legal-regimes.ts";
export * from "./model.ts";
export * from "./no-break.ts";
export * from "./period-label.ts";
export type {
  CoverageOfficial,
  CoverageRowSummary,
  CoverageSummary,
  PublicSummaries,
  SourceCaptureSummary,
} from "./summaries.ts";
export * from "./table.ts";
export {
  forbiddenCharacter,
  formulaIssue,
  freeTextIssue,
  TEXT_LIMITS,
  type TextKind,
  textIssue,
} from "./text-policy.ts";
export * from "./vocabulary.ts";
export * from "./watch-list.ts";
