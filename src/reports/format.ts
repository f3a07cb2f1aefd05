/**
 * Number and date formatting for reports: digits grouped by thousands (1,234), ranges with an en
 * dash (92,300–184,600), fixed decimals through toFixed so no float noise (71.2, never 71.19999).
 * Written by hand, not through Intl, so the output is the same on every machine.
 */
import { MONTH_NAMES_EN } from "../core/index.ts";
import type { Lang } from "./i18n.ts";

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function check(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}`);
}

/** 1234 → "1,234"; rounds half away from zero to a whole number. */
export function formatInteger(value: number): string {
  check(value);
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return `${rounded < 0 ? "-" : ""}${group(String(Math.abs(rounded)))}`;
}

/** A fixed number of decimals: formatDecimal(71.2, 1) → "71.2", formatDecimal(1234.5, 2) → "1,234.50". */
export function formatDecimal(value: number, digits: number): string {
  check(value);
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = "0", fraction] = fixed.split(".");
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${group(whole)}${fraction ? `.${fraction}` : ""}`;
}

/** Whole numbers as integers, others with up to `maxDigits` decimals and no trailing zeros (78.7, 0.0415). */
export function formatNumber(value: number, maxDigits = 4): string {
  if (Number.isInteger(value)) return formatInteger(value);
  return formatDecimal(value, maxDigits).replace(/\.?0+$/, "");
}

/** A share as a percentage: formatPercent(0.0336, 2) → "3.36%", formatPercent(0.1) → "10%". */
export function formatPercent(fraction: number, digits?: number): string {
  const percent = Number((fraction * 100).toFixed(10));
  return `${digits === undefined ? formatNumber(percent, 2) : formatDecimal(percent, digits)}%`;
}

/** "92,300–184,600". */
export function formatRange(low: number, high: number, format: (n: number) => string = formatNumber): string {
  return `${format(low)}–${format(high)}`;
}

/** An ISO date for the reader: "25 February 2024" / "2024年2月25日". */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  if (lang === "zh") return `${y}年${Number(m)}月${Number(d)}日`;
  return `${Number(d)} ${MONTH_NAMES_EN[Number(m) - 1]} ${y}`;
}

/**
 * Text for a spreadsheet cell of the report (its CSV files and xlsx sheets, never the data package):
 * text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
 * a spreadsheet reads it as text and never as a formula (CSV injection).
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
