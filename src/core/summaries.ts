/**
 * Plain shapes that other domains compute and the outputs (reports, dashboard) print: declared here
 * so that `reports` and `web` can take them without depending on `capture` or `cases`.
 */

/** The latest capture of a source (capture's `captureSummaries`): printed "captured on … (SHA-256 …)". */
export interface SourceCaptureSummary {
  /** ISO date-time of the latest capture. */
  readonly captured_at: string;
  /** SHA-256 of the latest capture's WARC file (its name in the store). */
  readonly sha256: string;
  /** How many captures the store holds for the source. */
  readonly count: number;
  /**
   * When the latest capture that got a successful answer (HTTP 2xx) was made: the date a citation
   * may give as accessed. Absent when no capture succeeded (a 404 is no access).
   */
  readonly succeeded_at?: string;
}

/** An official count next to which documented cases are shown. */
export interface CoverageOfficial {
  readonly value: number;
  readonly period_label: string;
  readonly observation_id: string;
}

/** One cell of the case-register coverage (cases' `coverage`): already suppressed, aggregates only. */
export interface CoverageRowSummary {
  readonly jurisdiction: string;
  /** A year, "unknown", or "total". */
  readonly year: string;
  /** Documented cases, or null when withheld by small-number suppression. */
  readonly documented: number | null;
  readonly official: CoverageOfficial | null;
}

/** Documented cases against official figures, suppressed: the only thing from cases that is published. */
export interface CoverageSummary {
  readonly threshold: number;
  readonly rows: ReadonlyArray<CoverageRowSummary>;
}

/** What the public outputs print beside the ledger when there is any: captures and case coverage. */
export interface PublicSummaries {
  /** By source id; absent (or empty) when nothing was captured. */
  readonly captures?: ReadonlyMap<string, SourceCaptureSummary>;
  /** Absent when the register holds no case. */
  readonly coverage?: CoverageSummary;
}
