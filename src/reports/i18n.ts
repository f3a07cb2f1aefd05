/**
 * The report's words in English and Simplified Chinese: headings, column labels and the sentences
 * saying how each figure was made. Figures arrive already formatted; source titles are never
 * translated (they stay as published).
 */
import { en } from "./i18n/en.ts";
import { LANGS, type Lang, type Strings } from "./i18n/strings.ts";
import { zh } from "./i18n/zh.ts";

export { LANGS, type Lang, type Strings };

export const STRINGS: Readonly<Record<Lang, Strings>> = { en, zh };

export function isLang(value: string): value is Lang {
  return (LANGS as ReadonlyArray<string>).includes(value);
}
