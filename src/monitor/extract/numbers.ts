/**
 * Numbers as Chinese official prose prints them: Arabic digits with thousands separators (1,335),
 * decimals with 万/亿 (3.8万, 87.7万), Chinese numerals (一万二千, 两千三百), and mixed forms (1万2千).
 * Arithmetic on decimals is done on the digits, never in floating point, so 87.7万 is 877000 exactly.
 */

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** A number token: Arabic (with separators and a decimal part) or Chinese numerals, then 万/亿 units. */
// Runs are bounded (no count is printed with more than a dozen numerals), so a hostile page of
// endless numerals cannot make the match backtrack for ever.
export const NUMBER_SOURCE =
  "(?<![\\d.,，])(?:\\d{1,3}(?:[,，]\\d{3}){1,5}|\\d{1,15})(?:\\.\\d{1,6})?(?:[万亿](?:[零〇一二两三四五六七八九十百千\\d]{1,8}(?![\\d.]))?){0,2}|(?<![零〇一二两三四五六七八九十百千万亿\\d])[零〇一二两三四五六七八九十百千万亿]{0,12}[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]{0,12}";

/** Whole number times 10^exp from a decimal string, exactly; null if the result is not whole. */
function scaleDecimal(text: string, exp: number): number | null {
  const [whole = "0", fraction = ""] = text.split(".");
  if (fraction.length > exp) {
    // e.g. 1.23456万: not a whole count; keep the decimal value (the caller decides if that is allowed).
    const digits = `${whole}${fraction}`;
    return Number(
      `${digits.slice(0, digits.length - (fraction.length - exp))}.${digits.slice(digits.length - (fraction.length - exp))}`,
    );
  }
  return Number(`${whole}${fraction.padEnd(exp, "0")}`);
}

/** 一万二千 → 12000; 十二 → 12; 一百零五 → 105; 一万二 → 12000 (the unit after 万 is understood). */
export function chineseNumeral(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 10_000_0000_0;
  for (const ch of text) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else if (ch in SMALL_UNIT) {
      const unit = SMALL_UNIT[ch]!;
      section += (digit ?? 1) * unit;
      lastUnit = unit;
      digit = null;
    } else if (ch in BIG_UNIT) {
      const unit = BIG_UNIT[ch]!;
      total = (total + section + (digit ?? 0)) * unit;
      section = 0;
      digit = null;
      lastUnit = unit;
    } else return null;
  }
  if (digit !== null) {
    // 一万二 / 三千五: a bare last digit counts one order below the unit before it.
    section +=
      lastUnit >= 10 && text.length > 1 && !/[零〇]/.test(text.slice(-2, -1)) ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}

export interface ParsedNumber {
  readonly value: number;
  /** True when the printed figure is rounded to 万 or 亿 (3.8万): stated so, not counted to the unit. */
  readonly rounded: boolean;
  /** The place value of the last printed digit: 1000 for 3.8万, 1 for 1,335, 0.1 for 71.1, 1000 for 一万二千. */
  readonly precision: number;
}

/** The largest power of ten (up to 10^12) dividing a whole number: Chinese numerals print no trailing zeros. */
function trailingPlace(value: number): number {
  if (!Number.isInteger(value) || value === 0) return 1;
  let place = 1;
  while (place < 1e12 && value % (place * 10) === 0) place *= 10;
  return place;
}

/** 10^-k for a decimal part of k digits, exactly as a decimal literal (0.1, not 0.1000000001). */
const decimalPlace = (fractionDigits: number) => Number(`1e-${fractionDigits}`);

/** Parses a token matched by NUMBER_SOURCE. */
export function parseNumber(token: string): ParsedNumber | null {
  const arabic = /^((?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?)(.*)$/.exec(token);
  if (arabic) {
    const base = arabic[1]!.replace(/[,，]/g, "");
    const rest = arabic[2]!;
    const fractionDigits = base.split(".")[1]?.length ?? 0;
    if (rest === "") return { value: Number(base), rounded: false, precision: decimalPlace(fractionDigits) };
    // 3.8万, 1.2亿, 1万2千: the first unit scales the Arabic part; what follows is Chinese or digits.
    const unit = rest[0]!;
    const exp = unit === "万" ? 4 : unit === "亿" ? 8 : null;
    if (exp === null) return null;
    const head = scaleDecimal(base, exp);
    if (head === null) return null;
    const tail = rest.slice(1);
    if (tail === "") return { value: head, rounded: true, precision: 10 ** Math.max(0, exp - fractionDigits) };
    const tailValue = /^\d+$/.test(tail)
      ? Number(tail)
      : chineseNumeral(tail.replace(/\d/g, (d) => "零一二三四五六七八九"[Number(d)]!));
    if (tailValue === null) return null;
    return { value: head + tailValue, rounded: false, precision: trailingPlace(head + tailValue) };
  }
  const value = chineseNumeral(token);
  if (value === null) return null;
  return {
    value,
    rounded: /万|亿/.test(token) && !/[一二两三四五六七八九][十百千]?$/.test(token.replace(/^.*[万亿]/, "")),
    precision: trailingPlace(value),
  };
}
