/**
 * Runs of text for the WGEID Word file. In Chinese, addresses are joined (core's
 * joinUnbreakable) so that no line splits them; figures and dates' digits stay whole because Latin
 * text is tagged en-GB in the document's styles.
 */
import { type IRunOptions, TextRun } from "docx";
import { joinUnbreakable } from "../core/index.ts";

/** The text as runs, bold or not as `style` says, joined where a Chinese line must not split it. */
export function keepTogether(text: string, lang: "en" | "zh", style: Pick<IRunOptions, "bold"> = {}): TextRun[] {
  return [new TextRun({ text: lang === "zh" ? joinUnbreakable(text) : text, ...style })];
}
