/** What every view reads: the data, the language, the state and how to move to another state. */
import type { Observation, Source } from "../../core/index.ts";
import type { Lang, Strings } from "../i18n.ts";
import { DEFAULT_FILTER, type LedgerFilter, type State, type WhatIf } from "../state.ts";
import type { DashboardData } from "../types.ts";

export interface Ctx {
  readonly data: DashboardData;
  readonly t: Strings;
  readonly lang: Lang;
  readonly state: State;
  readonly defaults: WhatIf;
  readonly href: (next: State) => string;
  readonly go: (next: State, push?: boolean) => void;
  readonly sources: ReadonlyMap<string, Source>;
  readonly observations: ReadonlyMap<string, Observation>;
  readonly names: ReadonlyMap<string, string>;
}

/** The ledger view, filtered: where a figure links to show the rows behind it. */
export const ledgerLink = (ctx: Ctx, filter: Partial<LedgerFilter>): State => ({
  ...ctx.state,
  view: "ledger",
  ledger: { ...DEFAULT_FILTER, ...filter },
});
