import type { Observation } from "../core/index.ts";
import type { Figure } from "./extract/index.ts";

/**
 * What to file for the figures read from one page, against the ledger and the drafts already filed:
 * a figure the ledger already holds (same measure, territory, period, scope and value) is not filed;
 * one that differs from the ledger's for the same cell is filed as a correction flagged as a conflict;
 * one already proposed (a draft, or a rejected draft) is not filed again. Pure.
 */

/** The evidence a monitor draft carries for its reviewer (stored with the change). */
export interface DraftMeta {
  readonly kind: "monitor";
  readonly watch_id: string;
  readonly url: string;
  readonly capture: {
    readonly captured_at: string;
    readonly warc_sha256: string;
    readonly text_file: string | null;
    readonly text_sha256: string | null;
  };
  /** Offsets of the sentence in the capture's text extraction. */
  readonly sentence: { readonly start: number; readonly end: number };
  readonly printed: string;
  readonly confidence: number;
  readonly confidence_reason: string;
  /** The same reason in Chinese, for the Chinese review page. */
  readonly confidence_reason_zh: string;
  readonly conflict: { readonly with: "ledger" | "draft"; readonly id: string; readonly value: number } | null;
}

/** A change already in the review queue, as far as the plan needs it. */
export interface KnownChange {
  readonly id: string;
  readonly table: string;
  readonly action: string;
  readonly status: string;
  readonly targetId: string;
  readonly row: Record<string, unknown>;
}

export type PlanItem =
  | {
      readonly kind: "file";
      readonly action: "create" | "update";
      readonly row: Observation;
      readonly figure: Figure;
      readonly conflict: DraftMeta["conflict"];
    }
  | { readonly kind: "skip"; readonly figure: Figure; readonly why: string };

const cell = (o: {
  measure: unknown;
  jurisdiction: unknown;
  period_start: unknown;
  period_end: unknown;
  scope: unknown;
}) => [o.measure, o.jurisdiction, o.period_start, o.period_end, o.scope].join("|");

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** The id of a new observation read by the monitor: its source, what, where, when and the value. */
export function observationId(sourceId: string, f: Figure): string {
  const scope = f.scope === "all" ? "" : `-${slug(f.scope)}`;
  return slug(
    `${sourceId}-${f.measure}-${f.jurisdiction}-${f.period_start.replace(/-/g, "")}-${f.period_end.replace(/-/g, "")}${scope}-${String(f.value)}`,
  );
}

export function planDrafts(input: {
  readonly figures: ReadonlyArray<Figure>;
  readonly sourceId: string;
  readonly note: (f: Figure) => string;
  readonly ledger: ReadonlyArray<Observation>;
  readonly changes: ReadonlyArray<KnownChange>;
}): PlanItem[] {
  const items: PlanItem[] = [];
  // Proposed earlier, or earlier in this run: drafts and rejected drafts alike are not filed again.
  const proposed = input.changes
    .filter((c) => c.table === "observations" && c.status !== "approved")
    .map((c) => ({ id: c.id, status: c.status, row: c.row }));
  for (const f of input.figures) {
    const row: Observation = {
      id: observationId(input.sourceId, f),
      measure: f.measure,
      jurisdiction: f.jurisdiction,
      period_start: f.period_start,
      period_end: f.period_end,
      period_label: f.period_label,
      value: f.value,
      qualifier: f.qualifier,
      printed_precision: f.printed_precision,
      unit: f.unit,
      scope: f.scope,
      derivation: "published",
      source_id: input.sourceId,
      locator: f.locator,
      quote: f.quote,
      quote_lang: "zh",
      quote_en: null,
      note: input.note(f),
    };
    const key = cell(row);
    const inLedger = input.ledger.filter((o) => cell(o) === key);
    const same = inLedger.find((o) => o.value === f.value);
    if (same) {
      items.push({ kind: "skip", figure: f, why: `already in the ledger as ${same.id}` });
      continue;
    }
    const again = proposed.find((p) => cell(p.row as never) === key && p.row.value === f.value);
    if (again) {
      items.push({ kind: "skip", figure: f, why: `already proposed (change ${again.id}, ${again.status})` });
      continue;
    }
    const differs = inLedger[0];
    if (differs) {
      // A correction of the ledger's row: the release's value, sentence and source replace it if approved.
      const correction: Observation = { ...differs, ...row, id: differs.id };
      items.push({
        kind: "file",
        action: "update",
        row: correction,
        figure: f,
        conflict: { with: "ledger", id: differs.id, value: differs.value },
      });
    } else {
      const pending = proposed.find((p) => p.status === "draft" && cell(p.row as never) === key);
      items.push({
        kind: "file",
        action: "create",
        row,
        figure: f,
        conflict: pending ? { with: "draft", id: pending.id, value: Number(pending.row.value) } : null,
      });
    }
    proposed.push({ id: "(this run)", status: "draft", row: row as unknown as Record<string, unknown> });
  }
  return items;
}
