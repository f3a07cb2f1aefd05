/**
 * Spans a line must not split in Chinese documents, joined by U+2060 WORD JOINER (Unicode's
 * "no break here", honoured by LibreOffice and Word): addresses, which would otherwise break after
 * any "/" or "." even where the whole address fits on the next line, and dates (2024年12月12日).
 * Figures need no joiner: they stay whole once Latin text is tagged with a Western language.
 * The joiner is invisible and is not copied into PDF text.
 */
export const WORD_JOINER = "\u2060";

const SPANS = /https?:\/\/[^\s，。；、）)<>]+|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?/g;

/** "见https://a.cn/b" → "见h⁠t⁠t⁠p⁠s⁠:⁠/⁠/⁠a⁠.⁠c⁠n⁠/⁠b" (a joiner between every two characters of each span). */
export function joinUnbreakable(text: string): string {
  return text.replace(SPANS, (span) => [...span].join(WORD_JOINER));
}
