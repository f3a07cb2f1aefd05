/** What every section builder looks up in the ledger, and the record of observations the report used. */
import {
  type Jurisdiction,
  type Ledger,
  type Observation,
  periodLabel,
  publisherName,
  type Source,
} from "../../core/index.ts";
import { type Lang, STRINGS, type Strings } from "../i18n.ts";
import { unique } from "./builders.ts";

export interface ReportContext {
  readonly ledger: Ledger;
  readonly lang: Lang;
  readonly t: Strings;
  readonly observation: ReadonlyMap<string, Observation>;
  readonly jurisdiction: ReadonlyMap<string, Jurisdiction>;
  readonly sourceById: ReadonlyMap<string, Source>;
  /** The source id of an observation, as a list of refs (empty when the id is unknown). */
  readonly sourceOf: (id: string) => string[];
  readonly placeName: (code: string) => string;
  /** Records observations as used: the report's data date is the latest of them. */
  readonly use: (ids: Iterable<string>) => void;
  readonly used: ReadonlyArray<Observation>;
  readonly publishersOf: (ids: Iterable<string>) => string;
  /** A source's publisher in the report's language (the id where the source is unknown). */
  readonly publisher: (sourceId: string) => string;
  /** A period label (as printed, or as a method names it) in the report's language. */
  readonly period: (label: string, dates?: { start: string; end: string }) => string;
  /** An observation's period in the report's language. */
  readonly periodOf: (o: Observation) => string;
  /** The latest period end among the observations. */
  readonly latest: (ids: Iterable<string>) => string;
}

export function reportContext(ledger: Ledger, lang: Lang): ReportContext {
  const observation = new Map(ledger.observations.map((o) => [o.id, o]));
  const jurisdiction = new Map(ledger.jurisdictions.map((j) => [j.code, j]));
  const sourceById = new Map(ledger.sources.map((s) => [s.id, s]));
  const sourceOf = (id: string): string[] => {
    const o = observation.get(id);
    return o ? [o.source_id] : [];
  };
  const used: Observation[] = [];
  const publisher = (id: string) => {
    const s = sourceById.get(id);
    return s ? publisherName(s, lang) : id;
  };
  return {
    ledger,
    lang,
    t: STRINGS[lang],
    observation,
    jurisdiction,
    sourceById,
    sourceOf,
    placeName: (code) => {
      const j = jurisdiction.get(code);
      return j ? (lang === "zh" ? j.name_zh : j.name_en) : code;
    },
    use: (ids) => {
      for (const id of ids) {
        const o = observation.get(id);
        if (o) used.push(o);
      }
    },
    used,
    publishersOf: (ids) => {
      const sourceIds = unique([...ids].flatMap(sourceOf));
      return unique(sourceIds.map(publisher)).join(lang === "zh" ? "；" : "; ");
    },
    publisher,
    period: (label, dates) => periodLabel(label, lang, dates),
    periodOf: (o) => periodLabel(o.period_label, lang, { start: o.period_start, end: o.period_end }),
    latest: (ids) =>
      [...ids]
        .map((id) => observation.get(id)?.period_end ?? "")
        .sort()
        .at(-1) ?? "",
  };
}
