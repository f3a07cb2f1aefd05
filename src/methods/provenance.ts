/** What produced a figure: the ledger rows it read, the assumptions it used, the steps it took. */
export interface Provenance {
  readonly observations: ReadonlyArray<string>;
  readonly assumptions: ReadonlyArray<string>;
  readonly steps: ReadonlyArray<string>;
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

export function provenance(
  observations: Iterable<string>,
  assumptions: Iterable<string> = [],
  steps: Iterable<string> = [],
): Provenance {
  return { observations: unique(observations), assumptions: unique(assumptions), steps: unique(steps) };
}
