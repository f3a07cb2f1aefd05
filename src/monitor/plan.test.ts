import { describe, expect, it } from "vitest";
import type { Observation } from "../core/index.ts";
import type { Figure } from "./extract/index.ts";
import { type KnownChange, planDrafts } from "./plan.ts";

const figure = (value: number, overrides: Partial<Figure> = {}): Figure => ({
  measure: "liuzhi_placements",
  jurisdiction: "CN-YN",
  period_start: "2024-01-01",
  period_end: "2024-06-30",
  period_label: "2024年上半年",
  value,
  qualifier: "exact",
  printed_precision: 1,
  unit: "people",
  scope: "all",
  quote: `2024年上半年，全省纪检监察机关留置${value}人。`,
  locator: "paragraph 1, sentence 1",
  sentence: { start: 0, end: 10 },
  printed: `${value}人`,
  confidence: 0.95,
  reason: "test",
  reason_zh: "测试",
  ...overrides,
});

const ledgerRow = (id: string, value: number): Observation => ({
  id,
  measure: "liuzhi_placements",
  jurisdiction: "CN-YN",
  period_start: "2024-01-01",
  period_end: "2024-06-30",
  period_label: "H1 2024",
  value,
  qualifier: "exact",
  printed_precision: 1,
  unit: "people",
  scope: "all",
  derivation: "published",
  source_id: "older-source",
  locator: null,
  quote: null,
  quote_lang: null,
  quote_en: null,
  note: null,
});

const plan = (figures: Figure[], ledger: Observation[] = [], changes: KnownChange[] = []) =>
  planDrafts({ figures, sourceId: "yn-page", note: () => "from the monitor", ledger, changes });

describe("what the monitor files", () => {
  it("files a new figure as a new observation citing the page", () => {
    const [item] = plan([figure(473)]);
    expect(item).toMatchObject({ kind: "file", action: "create", conflict: null });
    expect(item?.kind === "file" && item.row).toMatchObject({
      id: "yn-page-liuzhi-placements-cn-yn-20240101-20240630-473",
      source_id: "yn-page",
      value: 473,
      quote: "2024年上半年，全省纪检监察机关留置473人。",
      quote_lang: "zh",
      derivation: "published",
    });
  });

  it("does not file what the ledger holds (same measure, territory, period and value), whatever the source", () => {
    expect(plan([figure(473)], [ledgerRow("yn-2024-h1", 473)])).toEqual([
      expect.objectContaining({ kind: "skip", why: "already in the ledger as yn-2024-h1" }),
    ]);
  });

  it("files a different value for the ledger's cell as a correction of that row, flagged as a conflict", () => {
    const [item] = plan([figure(478)], [ledgerRow("yn-2024-h1", 473)]);
    expect(item).toMatchObject({
      kind: "file",
      action: "update",
      conflict: { with: "ledger", id: "yn-2024-h1", value: 473 },
    });
    expect(item?.kind === "file" && [item.row.id, item.row.value, item.row.source_id]).toEqual([
      "yn-2024-h1",
      478,
      "yn-page",
    ]);
  });

  it("does not file again what is already proposed, nor what a reviewer rejected; flags a pending draft's other value", () => {
    const draft = (id: string, status: string, value: number): KnownChange => ({
      id,
      table: "observations",
      action: "create",
      status,
      targetId: `t-${id}`,
      row: { ...ledgerRow(`t-${id}`, value) },
    });
    expect(plan([figure(473)], [], [draft("d1", "draft", 473)])[0]).toMatchObject({ kind: "skip" });
    expect(plan([figure(473)], [], [draft("d2", "rejected", 473)])[0]).toMatchObject({ kind: "skip" });
    expect(plan([figure(478)], [], [draft("d3", "draft", 473)])[0]).toMatchObject({
      kind: "file",
      action: "create",
      conflict: { with: "draft", id: "d3", value: 473 },
    });
  });

  it("files a figure once when the page prints it twice, and keeps other periods and scopes apart", () => {
    const items = plan([
      figure(473),
      figure(473),
      figure(473, { period_end: "2024-03-31" }),
      figure(473, { scope: "campaign:bribery" }),
    ]);
    expect(items.map((i) => i.kind)).toEqual(["file", "skip", "file", "file"]);
  });
});
