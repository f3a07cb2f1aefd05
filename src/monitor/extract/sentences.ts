/** Paragraphs (lines) and sentences of a text, with offsets into it, so a quote can be found again. */

export interface Sentence {
  /** Offsets into the text: text.slice(start, end) is the sentence, as printed. */
  readonly start: number;
  readonly end: number;
  /** 0-based line (paragraph) and sentence-in-paragraph numbers. */
  readonly paragraph: number;
  readonly index: number;
}

/** Splits at line ends and after 。！？ (with any closing quote or bracket that follows). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  const lines = text.split("\n");
  for (const line of lines) {
    let index = 0;
    // English: a full stop followed by a space and a capital (or a quote) ends a sentence too.
    const pattern = /(?:[^。！？!?.]|\.(?!\s{1,3}["“A-Z]))+(?:[。！？!?.]+[”’」』）)]*)?/g;
    for (const m of line.matchAll(pattern)) {
      const raw = m[0];
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (body === "") continue;
      const start = lineStart + m.index + lead;
      out.push({ start, end: start + body.length, paragraph, index });
      index++;
    }
    if (line.trim() !== "") paragraph++;
    lineStart += line.length + 1;
  }
  return out;
}
