/** Source preservation: capture cited pages as WARC evidence, watch them, and prove they are unchanged. */
export {
  buildWarc,
  type CaptureFailure,
  type CaptureOptions,
  type CaptureRun,
  type CaptureTarget,
  captureOne,
  captureSources,
} from "./capture.ts";
export { type CheckOptions, checkSource, checkSources, type SourceCheck } from "./check.ts";
export { DECOMPRESSION_LIMITS, DecompressionRefused, decompressBody } from "./decompress.ts";
export {
  defaultPolicy,
  type FetchFailure,
  type FetchPolicy,
  type FetchResult,
  fetchWithPolicy,
  HostGate,
  type HttpExchange,
  mapBounded,
} from "./fetch-with-policy.ts";
export { checkFigure, type FigureCheck, valueForms } from "./figures.ts";
export { captureFile } from "./file-capture.ts";
export { formatBytes, type Progress } from "./progress.ts";
export {
  type CaptureIndex,
  captureSummaries,
  latestCapture,
  listCaptures,
  type StoredCapture,
  saveCapture,
} from "./store.ts";
export {
  decodeBody,
  type ExtractedText,
  extractBodyText,
  extractText,
  htmlToText,
  MAX_TEXT_BYTES,
  TextTooLong,
  withoutInvisible,
} from "./text.ts";
export { type VerifyProblem, type VerifyReport, verifyStore } from "./verify.ts";
export { checkWarcDigests, header, parseHttpBlock, parseWarc, WarcFormatError, type WarcRecord } from "./warc.ts";
