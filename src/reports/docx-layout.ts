/**
 * Column widths of a Word table, fitted to what the cells hold: a number column as wide as its
 * widest figure (it never wraps), text columns sharing the rest so that short ones are not broken
 * and long ones wrap in proportion to their length (a column that needs less than its share gets
 * what it needs, the others split what is left). Widths are in twips (1/20 pt), for an A4 page with 1-inch
 * margins as the docx package lays out by default.
 */

/** A4 (11906 twips) less two 1-inch margins. */
export const TEXT_WIDTH = 11906 - 2 * 1440;
/** Word's default left and right cell margins together. */
const CELL_MARGINS = 2 * 108;

/** A CJK character (or full-width form): a full em wide, and a place a line may break. */
export const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The width of text in half-ems: a CJK character is a full em, anything else about half of one. */
export function halfEms(text: string): number {
  let n = 0;
  for (const c of text) n += CJK.test(c) ? 2 : 1;
  return n;
}

/**
 * The dates in Chinese text, each kept whole: digits with 年, 月, 日, and a bracketed span of months
 * ("2025年（1月至9月）"); a period between two dates may break at its 至.
 */
function dateSpans(text: string): string[] {
  return text.match(/\d[\d年月日]*(?:[（(][\d年月日至]*[）)])?/g) ?? [];
}

/**
 * The width of Chinese text with digits as LibreOffice sets it: it puts a quarter em between a
 * Chinese character and a digit ("2018 年 1 月"), half a half-em at each such change.
 */
function spacedHalfEms(text: string): number {
  const chars = [...text];
  const changes = chars.filter((c, i) => i > 0 && CJK.test(c) !== CJK.test(chars[i - 1]!)).length;
  return halfEms(text) + Math.ceil(changes / 2);
}

/** The widest word (CJK text breaks between any two characters, so each counts as a word). */
function widestWord(text: string): number {
  return Math.max(
    0,
    ...text
      .split(/\s+|(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])|(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])/u)
      .map(halfEms),
  );
}

/**
 * A header's lines: a Chinese one breaks before its bracketed unit ("人口（百万）" → "人口",
 * "（百万）"), so a column of figures need not be as wide as its whole header; others are one line.
 */
export function headerLines(header: string): string[] {
  const unit = header.indexOf("（");
  return CJK.test(header) && unit > 0 ? [header.slice(0, unit), header.slice(unit)] : [header];
}

export interface ColumnContent {
  readonly numeric: boolean;
  readonly header: string;
  /** Each cell as printed, footnote marks included. */
  readonly cells: ReadonlyArray<string>;
}

/**
 * Twips per column for text of `fontHalfPoints` size (16 = 8 pt), summing to `total` at most.
 * Every column wants its content and header on one line; the page is shared out in proportion to
 * how much text each column holds on average, no column getting more than it wants, and with floors: a number column never narrower than its widest figure, a text column never
 * narrower than its widest word (up to 24 half-ems, beyond which a word may break).
 *
 * @example fitColumns([{ numeric: false, header: "Source", cells: ["www.gov.cn"] }, …], 16)
 */
export function fitColumns(
  columns: ReadonlyArray<ColumnContent>,
  fontHalfPoints: number,
  total = TEXT_WIDTH,
): number[] {
  const twipsPerHalfEm = (fontHalfPoints / 2) * 10; // half an em of an N-pt font is N/2 pt = N × 10 twips
  const need = (halfEmCount: number) => Math.ceil(halfEmCount * twipsPerHalfEm * 1.1) + CELL_MARGINS;
  // A number column's header may wrap (beyond 14 half-ems) rather than widen it much past its figures.
  const wants = columns.map((c) =>
    need(Math.max(c.numeric ? Math.min(14, halfEms(c.header)) : halfEms(c.header), ...c.cells.map(halfEms))),
  );
  // Headers are bold (about a sixth wider); no column is narrower than four characters.
  const header = (c: ColumnContent) => Math.ceil(widestWord(c.header) * 1.2);
  // Chinese breaks between any two characters, so its widest "word" is one character: a Chinese
  // header over figures keeps each of its lines whole ("留置人数", not "留置人/数"), and Chinese text
  // keeps up to six characters on a line ("专项行动——", not "专项/行动").
  const numericHeader = (c: ColumnContent) =>
    CJK.test(c.header) ? Math.ceil(Math.min(12, Math.max(...headerLines(c.header).map(halfEms))) * 1.2) : header(c);
  // A Chinese date or period ("2025年（1月至9月）") is never broken: it sets the floor where it is wider.
  const textFloor = (text: string) =>
    CJK.test(text) ? Math.max(Math.min(12, halfEms(text)), ...dateSpans(text).map(spacedHalfEms)) : widestWord(text);
  const floors = columns.map((c) =>
    c.numeric
      ? need(Math.max(4, numericHeader(c), ...c.cells.map(halfEms)))
      : need(Math.max(4, Math.min(24, Math.max(Math.ceil(textFloor(c.header) * 1.2), ...c.cells.map(textFloor))))),
  );
  // What a column's text amounts to on average: long prose gets more of the page than short codes.
  const weights = columns.map((c) =>
    Math.max(1, c.cells.reduce((sum, cell) => sum + halfEms(cell), 0) / c.cells.length),
  );
  const widths = columns.map(() => 0);
  let open = columns.map((_, i) => i);
  let left = total;
  while (open.length > 0) {
    const weight = open.reduce((sum, i) => sum + weights[i]!, 0);
    const share = (i: number) => (left * weights[i]!) / weight;
    // A column whose floor or whole want fits its share takes that and leaves the rest to the others.
    const settled = open.filter((i) => floors[i]! >= share(i) || wants[i]! <= share(i));
    if (settled.length === 0) {
      for (const i of open) widths[i] = Math.floor(share(i));
      break;
    }
    for (const i of settled) widths[i] = floors[i]! >= share(i) ? floors[i]! : wants[i]!;
    for (const i of settled) left -= widths[i]!;
    open = open.filter((i) => !settled.includes(i));
  }
  const sum = widths.reduce((a, b) => a + b, 0);
  if (sum > total) {
    // Floors alone too wide: number columns give up the room their headers took first (a header
    // wraps further; a figure, a date or a word in a text column does not), then everything scales.
    const figures = columns.map((c, i) =>
      c.numeric ? Math.min(widths[i]!, need(Math.max(4, ...c.cells.map(halfEms)))) : widths[i]!,
    );
    const spare = widths.reduce((a, w, i) => a + w - figures[i]!, 0);
    const cut = Math.min(1, (sum - total) / Math.max(1, spare));
    const narrowed = widths.map((w, i) => Math.floor(w - (w - figures[i]!) * cut));
    const left = narrowed.reduce((a, b) => a + b, 0);
    return left > total ? narrowed.map((w) => Math.floor((w * total) / left)) : narrowed;
  }
  // Room to spare (every column fits on one line): give it to the text columns, or to all.
  const text = columns.flatMap((c, i) => (c.numeric ? [] : [i]));
  const takers = text.length > 0 ? text : columns.map((_, i) => i);
  const spare = total - sum;
  return widths.map((w, i) => (takers.includes(i) ? w + Math.floor(spare / takers.length) : w));
}

/** An address as its host (`https://www.gov.cn/xinwen/…` → `www.gov.cn`), anything else as it is. */
export function shortUrl(text: string): string {
  if (!/^https?:\/\/\S+$/.test(text)) return text;
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}
