import type { Measure, Qualifier, Unit } from "../../core/index.ts";
import type { PeriodMention } from "./periods.ts";

/** A figure found in a clause, before its period and territory are read. */
export interface Reading {
  readonly measure: Measure;
  readonly unit: Unit;
  /** Offset of the number in the sentence (normalised and original alike). */
  readonly at: number;
  readonly printedStart: number;
  readonly printedEnd: number;
  readonly value: number;
  readonly precision: number;
  readonly rounded: boolean;
  readonly token: string;
  readonly printedUnit: string;
  readonly qualifier: Qualifier;
  readonly qualifierWords: string | null;
  readonly clause: string;
  /** Offset of the clause in the sentence. */
  readonly clauseAt: number;
  readonly confidence: number;
  readonly reasons: ReadonlyArray<readonly [string, string]>;
  /** The figure's own period when the reading found it (a pair printed "respectively"), else the sentence's. */
  readonly period?: PeriodMention;
  /** Read from an English sentence (a foreign or state-media report of the notice). */
  readonly english?: boolean;
}
