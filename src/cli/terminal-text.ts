/**
 * Text from the database (or a file) made safe to print on a terminal: every control character
 * (C0, DEL, C1: ESC, BEL, backspace, CSI…) and every character that reorders or hides text (the
 * bidirectional marks and controls, zero-width and invisible formatting characters, line and
 * paragraph separators) is shown as a visible `\u{…}` escape, so that a stored reason cannot clear
 * the screen, rewrite a line or turn "2020-2024" around. Line breaks are escaped too where a value
 * must stay on one line (a table cell); `keepLines` keeps them for multi-line output.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;
const UNSAFE_IN_A_LINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: as above, with tab and line feed.
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;

const escaped = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/** @example terminalText("ok\u001b[2J") // "ok\\u{1b}[2J" */
export function terminalText(text: string, options: { keepLines?: boolean } = {}): string {
  return text.replace(options.keepLines ? UNSAFE : UNSAFE_IN_A_LINE, escaped);
}
