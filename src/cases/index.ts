/** The individual case register: encrypted cases, deadline watch, WGEID export, coverage with suppression. */
export { CASE_USERS_ENV, CaseAccessError, caseUsers, requireCaseAccount } from "./access.ts";
export {
  type Coverage,
  type CoverageRow,
  coverage,
  derivableCells,
  SUPPRESSION_THRESHOLD,
  suppress,
} from "./coverage.ts";
export {
  CASE_KEY_ENV,
  CASE_KEY_FILE_ENV,
  type CaseKey,
  CaseKeyError,
  DecryptError,
  decryptJson,
  encryptJson,
  generateKey,
  keyFromBytes,
  LOCKED_MESSAGE,
  loadCaseKey,
} from "./crypto.ts";
export {
  type AppliedRegime,
  addMonths,
  DEADLINE_FLAGS,
  DEADLINE_KINDS,
  type DeadlineFlag,
  type DeadlineKind,
  type DeadlineStatus,
  deadlineList,
  deadlineStatus,
  type NextDeadline,
  nextDeadline,
} from "./deadlines.ts";
export { deleteCase } from "./delete.ts";
export { CASE_CSV_COLUMNS, importCases, parseCaseCsv } from "./import.ts";
export {
  LEGAL_REGIMES_FILE,
  type LegalRegime,
  legalRegimes,
  parseLegalRegimes,
  RESTRICTIVE_MEASURES,
  regimeOn,
  shippedLegalRegimes,
} from "./legal-regimes.ts";
export * from "./model.ts";
export { rekeyCases } from "./rekey.ts";
export {
  addCase,
  CASE_ENTITY,
  type CaseContext,
  CaseError,
  caseAggregateRows,
  exportsOf,
  parseCase,
  publicCoverage,
  readCase,
  readCases,
  registerExport,
  updateCase,
} from "./store.ts";
export {
  WGEID_ELEMENTS,
  type WgeidElement,
  WgeidRefusal,
  wgeidDocx,
  wgeidMissing,
  wgeidMissingElements,
} from "./wgeid.ts";

import { CaseKeyError, LOCKED_MESSAGE, loadCaseKey } from "./crypto.ts";

/** For the server and the CLI: whether cases can be opened, and if not, the sentence to show. */
export function caseRegisterState(env: NodeJS.ProcessEnv = process.env): { locked: boolean; message: string | null } {
  try {
    return loadCaseKey(env) ? { locked: false, message: null } : { locked: true, message: LOCKED_MESSAGE };
  } catch (error) {
    if (error instanceof CaseKeyError) return { locked: true, message: `cases are locked: ${error.message}` };
    throw error;
  }
}
