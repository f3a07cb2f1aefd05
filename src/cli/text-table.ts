/**
 * Plain-text tables for terminals: numbers right-aligned, CJK characters counted as two columns,
 * every cell printed through `terminalText` (control and reordering characters as visible escapes,
 * one line per row whatever a value holds).
 */
import { terminalText } from "./terminal-text.ts";

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number, right: boolean) => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

export function formatTextTable(
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const cells = rows.map((r) => r.map((v) => (v === null ? "" : terminalText(String(v)))));
  columns = columns.map((c) => terminalText(c));
  const numeric = columns.map(
    (_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === "number"),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i] ?? ""))));
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => pad(v, widths[i] ?? 0, numeric[i] ?? false))
      .join("  ")
      .trimEnd();
  return `${[line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n")}\n`;
}
