/** Small constructors for cells, columns and blocks, shared by the section builders. */
import type { Block, Cell, Column, Table } from "./types.ts";

export const text = (t: string, refs?: ReadonlyArray<string>): Cell =>
  refs?.length ? { kind: "text", text: t, refs } : { kind: "text", text: t };
export const int = (value: number | null, refs?: ReadonlyArray<string>): Cell =>
  value === null ? { kind: "empty" } : refs?.length ? { kind: "integer", value, refs } : { kind: "integer", value };
export const dec = (value: number | null): Cell => (value === null ? { kind: "empty" } : { kind: "decimal", value });
export const col = (key: string, label: string, numeric = false): Column => ({ key, label, numeric });
export const para = (t: string, refs: ReadonlyArray<string> = []): Block => ({
  kind: "paragraph",
  paragraph: { text: t, refs },
});
export const table = (t: Table): Block => ({ kind: "table", table: t });

export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];
