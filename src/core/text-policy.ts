import { type IssueDetail, issue } from "./issues.ts";

/**
 * One policy for every text a person can enter — ledger fields, review reasons, notes, case fields
 * (account names have their own narrower pattern) — applied alike by the editing forms, the API,
 * the import and the restore, so that what one accepts the others accept:
 *
 * - at most TEXT_LIMITS characters: a one-line text (names, titles, labels) 2,000, a multi-line
 *   text (notes, quotes, reasons, narratives) 20,000;
 * - no C0 control character (U+0000–U+001F) — a multi-line text may hold tab, line feed and
 *   carriage return, a one-line text none of them — no DEL (U+007F), no C1 control (U+0080–U+009F):
 *   ESC, BEL and backspace rewrite a terminal's screen, NUL cannot be stored in PostgreSQL;
 * - no character that reorders or hides text: the bidirectional marks, embeddings, overrides and
 *   isolates (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), the zero-width space, word
 *   joiner and BOM (U+200B, U+2060, U+FEFF), line and paragraph separators (U+2028, U+2029) and
 *   interlinear annotations (U+FFF9–U+FFFB);
 * - the zero-width non-joiner and joiner (U+200C, U+200D) only between two letters, marks or emoji,
 *   where Persian, Indic scripts and emoji sequences need them; never beside a digit, a space or
 *   punctuation ("2020\u200D-2024"), nor at either end.
 *
 * Free text also refuses a start a spreadsheet would run as a formula (see fields.ts).
 */
export const TEXT_LIMITS = { line: 2_000, multiline: 20_000 } as const;

export type TextKind = keyof typeof TEXT_LIMITS;

export type ForbiddenKind = "nul" | "control" | "escape" | "delete" | "lineBreak" | "bidi" | "invisible";

const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/;
const LINE_BREAK = /[\t\n\r]/;
const JOINERS = /[\u200C\u200D]/g;
const JOINABLE = /^(?:\p{L}|\p{M}|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)$/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

function kindOf(c: string): ForbiddenKind {
  const code = c.codePointAt(0)!;
  if (code === 0) return "nul";
  if (code === 0x1b) return "escape";
  if (code === 0x7f) return "delete";
  if (c === "\t" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") return "lineBreak";
  if (code < 0x20 || (code >= 0x80 && code <= 0x9f)) return "control";
  if (
    c === "\u200B" ||
    c === "\u2060" ||
    c === "\uFEFF" ||
    (code >= 0xfff9 && code <= 0xfffb) ||
    c === "\u200C" ||
    c === "\u200D"
  )
    return "invisible";
  return "bidi";
}

/** The first character the policy refuses, with its 1-based position, or null. */
export function forbiddenCharacter(text: string, kind: TextKind): { char: string; at: number } | null {
  const bad = FORBIDDEN.exec(text) ?? (kind === "line" ? LINE_BREAK.exec(text) : null);
  let first = bad ? { char: bad[0], at: bad.index } : null;
  for (const m of text.matchAll(JOINERS)) {
    if (first && m.index > first.at) break;
    const before = m.index > 0 ? String.fromCodePoint(text.codePointAt(m.index - 1)!) : "";
    const low = text.charCodeAt(m.index - 1);
    const prev =
      low >= 0xdc00 && low <= 0xdfff && m.index > 1 ? String.fromCodePoint(text.codePointAt(m.index - 2)!) : before;
    const next = m.index + 1 < text.length ? String.fromCodePoint(text.codePointAt(m.index + 1)!) : "";
    if (!JOINABLE.test(prev) || !JOINABLE.test(next)) {
      first = { char: m[0], at: m.index };
      break;
    }
  }
  return first ? { char: first.char, at: first.at + 1 } : null;
}

/**
 * What is wrong with a text under the policy (too long, or a refused character and where), as an
 * issue whose English names the problem; the caller names the field. Null when it may be stored.
 *
 * @example textIssue("a\u001b[2Jb", "multiline")?.message // "contains an escape character (U+001B) at character 2: remove it"
 */
export function textIssue(text: string, kind: TextKind): { message: string; detail: IssueDetail } | null {
  const max = TEXT_LIMITS[kind];
  if (text.length > max) return issue("tooLong", { length: text.length, max });
  const bad = forbiddenCharacter(text, kind);
  if (bad) return issue("forbiddenCharacter", { kind: kindOf(bad.char), codePoint: codePoint(bad.char), at: bad.at });
  return null;
}

/**
 * A cell a spreadsheet would run as a formula when it opens a CSV download: text beginning with
 * =, +, -, @ (a leading tab or carriage return is trimmed away before this). A signed number
 * ("-12", "+3.5", "-1,234") is clearly not a formula and passes.
 */
const FORMULA_START = /^[=+\-@]/;
const SIGNED_NUMBER = /^[+-]\d+([.,]\d+)*%?$/;

/** The issue of a free text that begins like a spreadsheet formula, or null. */
export function formulaIssue(text: string): { message: string; detail: IssueDetail } | null {
  return FORMULA_START.test(text) && !SIGNED_NUMBER.test(text) ? issue("formulaStart", { first: text[0]! }) : null;
}

/**
 * A person's free text under the whole policy: its characters and length, then no formula start.
 * What a case field, a review reason or a note is checked with.
 */
export function freeTextIssue(text: string, kind: TextKind): { message: string; detail: IssueDetail } | null {
  return textIssue(text, kind) ?? formulaIssue(text);
}
