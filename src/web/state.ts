/**
 * Every view's state lives in the URL's query string, so a shared link reopens the same view:
 * language, view, ledger filters and sort, and the what-if values. Values equal to their defaults
 * are left out of the URL. The what-if values are the Monte Carlo's own parameters, spelled and
 * checked as `liuzhi uncertainty` and `/api/uncertainty` take them (`ratio-range=0.1,0.3&annualize=false`).
 */
import {
  type BaseChoice,
  formatParam,
  InvalidOption,
  type Param,
  parseParam,
  UNCERTAINTY_PARAMS,
} from "../methods/index.ts";
import { isLang, type Lang } from "./i18n.ts";

export const VIEWS = ["overview", "ledger", "methods", "downloads"] as const;
export type View = (typeof VIEWS)[number];
export const ONLY = ["", "floor-strict", "floor-published"] as const;
export type Only = (typeof ONLY)[number];
export const SORT_COLUMNS = ["jurisdiction", "measure", "period", "value", "unit", "scope", "source"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface WhatIf {
  readonly ratio: readonly [number, number];
  readonly base: BaseChoice;
  readonly duration: readonly [number, number];
  readonly annualize: boolean;
}

export interface LedgerFilter {
  readonly jurisdiction: string;
  readonly measure: string;
  readonly from: string;
  readonly to: string;
  readonly only: Only;
  readonly sort: SortColumn;
  readonly desc: boolean;
  /** The row whose evidence is open (`row=ID`): a permanent link to one figure. */
  readonly row: string;
}

export interface State {
  readonly lang: Lang;
  readonly view: View;
  readonly whatIf: WhatIf;
  readonly ledger: LedgerFilter;
}

export const DEFAULT_FILTER: LedgerFilter = {
  jurisdiction: "",
  measure: "",
  from: "",
  to: "",
  only: "",
  sort: "period",
  desc: false,
  row: "",
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: ReadonlyArray<T>, value: string | null, fallback: T): T =>
  value !== null && (values as ReadonlyArray<string>).includes(value) ? (value as T) : fallback;

/** The URL keys of the what-if values: the uncertainty method's parameters, one spelling everywhere. */
const WHAT_IF_PARAMS = {
  ratio: ["ratio-range", UNCERTAINTY_PARAMS["ratio-range"]],
  base: ["base", UNCERTAINTY_PARAMS.base],
  duration: ["durations", UNCERTAINTY_PARAMS.durations],
  annualize: ["annualize", UNCERTAINTY_PARAMS.annualize],
} as const satisfies Record<keyof WhatIf, readonly [string, Param]>;

/** A what-if value from the URL, or the default where it is absent or not a value the parameter allows. */
function whatIfValue<K extends keyof WhatIf>(p: URLSearchParams, key: K, fallback: WhatIf[K]): WhatIf[K] {
  const [name, param] = WHAT_IF_PARAMS[key];
  const raw = p.get(name);
  if (raw === null) return fallback;
  try {
    return parseParam(name, param, raw) as WhatIf[K];
  } catch (error) {
    // A hand-edited or outdated link opens the default view rather than failing.
    if (error instanceof InvalidOption) return fallback;
    throw error;
  }
}

/**
 * What-if values the address gave that the page could not use, each with its URL key, the value and
 * what the parameter allows: shown to the reader, so a shared link never silently shows other figures.
 */
export function refusedWhatIf(search: string): Array<{ name: string; value: string; allowed: string }> {
  const p = new URLSearchParams(search);
  const out: Array<{ name: string; value: string; allowed: string }> = [];
  for (const [name, param] of Object.values(WHAT_IF_PARAMS)) {
    const raw = p.get(name);
    if (raw === null) continue;
    try {
      parseParam(name, param, raw);
    } catch (error) {
      if (!(error instanceof InvalidOption)) throw error;
      out.push({ name, value: raw, allowed: error.allowed });
    }
  }
  return out;
}

export function parseState(search: string, defaults: WhatIf): State {
  const p = new URLSearchParams(search);
  const lang = p.get("lang");
  return {
    lang: isLang(lang) ? lang : "en",
    view: oneOf(VIEWS, p.get("view"), "overview"),
    whatIf: {
      ratio: whatIfValue(p, "ratio", defaults.ratio),
      base: whatIfValue(p, "base", defaults.base),
      duration: whatIfValue(p, "duration", defaults.duration),
      annualize: whatIfValue(p, "annualize", defaults.annualize),
    },
    ledger: {
      jurisdiction: /^CN(-[A-Z]{2}(-[0-9]{6})?)?$/.test(p.get("j") ?? "") ? p.get("j")! : "",
      measure: /^[a-z0-9_]+$/.test(p.get("m") ?? "") ? p.get("m")! : "",
      from: DATE.test(p.get("from") ?? "") ? p.get("from")! : "",
      to: DATE.test(p.get("to") ?? "") ? p.get("to")! : "",
      only: oneOf(ONLY, p.get("only"), ""),
      sort: oneOf(SORT_COLUMNS, p.get("sort"), DEFAULT_FILTER.sort),
      desc: p.get("dir") === "desc",
      row: /^[a-z0-9][a-z0-9-]{0,199}$/.test(p.get("row") ?? "") ? p.get("row")! : "",
    },
  };
}

const samePair = (a: readonly [number, number], b: readonly [number, number]) => a[0] === b[0] && a[1] === b[1];

export function isDefaultWhatIf(w: WhatIf, defaults: WhatIf): boolean {
  return (
    samePair(w.ratio, defaults.ratio) &&
    w.base === defaults.base &&
    samePair(w.duration, defaults.duration) &&
    w.annualize === defaults.annualize
  );
}

/** The query string ("?…", or "" for the default view) of a state. */
export function serializeState(s: State, defaults: WhatIf): string {
  const p = new URLSearchParams();
  if (s.lang !== "en") p.set("lang", s.lang);
  if (s.view !== "overview") p.set("view", s.view);
  const w = s.whatIf;
  const set = <K extends keyof WhatIf>(key: K) => {
    const [name, param] = WHAT_IF_PARAMS[key];
    p.set(name, formatParam(param, w[key]));
  };
  if (!samePair(w.ratio, defaults.ratio)) set("ratio");
  if (w.base !== defaults.base) set("base");
  if (!samePair(w.duration, defaults.duration)) set("duration");
  if (w.annualize !== defaults.annualize) set("annualize");
  const f = s.ledger;
  if (f.jurisdiction) p.set("j", f.jurisdiction);
  if (f.measure) p.set("m", f.measure);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.only) p.set("only", f.only);
  if (f.sort !== DEFAULT_FILTER.sort) p.set("sort", f.sort);
  if (f.desc) p.set("dir", "desc");
  if (f.row) p.set("row", f.row);
  const text = p.toString();
  return text ? `?${text}` : "";
}
