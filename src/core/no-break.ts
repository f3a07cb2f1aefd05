/**
 * Addresses in Chinese documents joined by U+2060 WORD JOINER (Unicode's "no break here"), so a
 * line never splits one after a "/" or "." where the whole address fits on the next line; one
 * longer than a line still breaks where it must. Figures and the digits of dates need no joiner:
 * they stay whole once Latin text is tagged with a Western language. (LibreOffice's Chinese line
 * breaking ignores the joiner between a digit and 年/月/日, and between two Chinese characters, so
 * it is not used there.) The joiner is invisible and is not copied into PDF text.
 */
export const WORD_JOINER = "\u2060";

const SPANS = /https?:\/\/[^\s，。；、）)<>]+/g;

/** "见https://a.cn/b" → "见h⁠t⁠t⁠p⁠s⁠:⁠/⁠/⁠a⁠.⁠c⁠n⁠/⁠b" (a joiner between every two characters of each address). */
export function joinUnbreakable(text: string): string {
  return text.replace(SPANS, (span) => [...span].join(WORD_JOINER));
}
