/**
 * Every view's state lives in the URL's query string, so a shared link reopens the same view:
 * language, view, ledger filters and sort, and the what-if values. Values equal to their defaults
 * are left out of the URL.
 */
import type { BaseChoice } from "../methods/index.ts";
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
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: ReadonlyArray<T>, value: string | null, fallback: T): T =>
  value !== null && (values as ReadonlyArray<string>).includes(value) ? (value as T) : fallback;

function pairOf(
  raw: string | null,
  fallback: readonly [number, number],
  ok: (a: number, b: number) => boolean,
): readonly [number, number] {
  if (raw === null) return fallback;
  const parts = raw.split(",").map(Number);
  const [a, b] = parts;
  return parts.length === 2 && a !== undefined && b !== undefined && ok(a, b) ? [a, b] : fallback;
}

export function parseState(search: string, defaults: WhatIf): State {
  const p = new URLSearchParams(search);
  const lang = p.get("lang");
  return {
    lang: isLang(lang) ? lang : "en",
    view: oneOf(VIEWS, p.get("view"), "overview"),
    whatIf: {
      ratio: pairOf(p.get("ratio"), defaults.ratio, (a, b) => a > 0 && a <= b && b <= 1),
      base: oneOf(["both", "cat3_4", "cat4"] as const, p.get("base"), defaults.base),
      duration: pairOf(p.get("duration"), defaults.duration, (a, b) => a > 0 && a <= b && b <= 1000),
      annualize: p.has("annualize") ? p.get("annualize") !== "0" : defaults.annualize,
    },
    ledger: {
      jurisdiction: /^CN(-[A-Z]{2})?$/.test(p.get("j") ?? "") ? p.get("j")! : "",
      measure: /^[a-z0-9_]+$/.test(p.get("m") ?? "") ? p.get("m")! : "",
      from: DATE.test(p.get("from") ?? "") ? p.get("from")! : "",
      to: DATE.test(p.get("to") ?? "") ? p.get("to")! : "",
      only: oneOf(ONLY, p.get("only"), ""),
      sort: oneOf(SORT_COLUMNS, p.get("sort"), DEFAULT_FILTER.sort),
      desc: p.get("dir") === "desc",
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
  if (!samePair(w.ratio, defaults.ratio)) p.set("ratio", w.ratio.join(","));
  if (w.base !== defaults.base) p.set("base", w.base);
  if (!samePair(w.duration, defaults.duration)) p.set("duration", w.duration.join(","));
  if (w.annualize !== defaults.annualize) p.set("annualize", w.annualize ? "1" : "0");
  const f = s.ledger;
  if (f.jurisdiction) p.set("j", f.jurisdiction);
  if (f.measure) p.set("m", f.measure);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.only) p.set("only", f.only);
  if (f.sort !== DEFAULT_FILTER.sort) p.set("sort", f.sort);
  if (f.desc) p.set("dir", "desc");
  const text = p.toString();
  return text ? `?${text}` : "";
}
