/** Paragraphs (lines) and sentences of a text, with offsets into it, so a quote can be found again. */

export interface Sentence {
  /** Offsets into the text: text.slice(start, end) is the sentence, as printed. */
  readonly start: number;
  readonly end: number;
  /** 0-based line (paragraph) and sentence-in-paragraph numbers. */
  readonly paragraph: number;
  readonly index: number;
}

/**
 * The longest piece of text any pattern of the extractor sees at once. No sentence of official prose
 * comes near it; a longer run without punctuation (8 MiB of it, from a hostile or broken page) is cut
 * into pieces of this length, so that every regular expression works on bounded input, in linear time
 * over the whole text, and none can exhaust the stack.
 */
export const MAX_SENTENCE = 2_000;

/**
 * Splits at line ends and after 。！？ (with any closing quote or bracket that follows); a sentence
 * longer than MAX_SENTENCE characters is cut into pieces of at most that length.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  const lines = text.split("\n");
  for (const line of lines) {
    let index = 0;
    for (const m of pieces(line)) {
      const raw = m.text;
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (body === "") continue;
      const start = lineStart + m.at + lead;
      for (let at = start; at < start + body.length; at += MAX_SENTENCE) {
        // Never between the two halves of a surrogate pair.
        const cut = Math.min(start + body.length, at + MAX_SENTENCE);
        const end = cut < start + body.length && isHighSurrogate(text.charCodeAt(cut - 1)) ? cut - 1 : cut;
        out.push({ start: at, end, paragraph, index });
        index++;
        at = end - MAX_SENTENCE;
      }
    }
    if (line.trim() !== "") paragraph++;
    lineStart += line.length + 1;
  }
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const ENDS = new Set(["。", "！", "？", "!", "?"]);
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")"]);

/**
 * A line's sentences, by a scan rather than a regular expression: a pattern with an alternation
 * under `+` recursed once per character and exhausted the stack on 8 MiB without punctuation.
 * A sentence ends after 。！？!? (and any closing quote or bracket), or after an English full stop
 * followed by one to three spaces and a capital or an opening quote.
 */
function* pieces(line: string): Generator<{ text: string; at: number }> {
  let start = 0;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    let end = -1;
    if (ENDS.has(ch)) {
      end = i + 1;
      while (end < line.length && (ENDS.has(line[end]!) || CLOSERS.has(line[end]!))) end++;
    } else if (ch === "." && /^\s{1,3}["“A-Z]/.test(line.slice(i + 1, i + 5))) {
      end = i + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    yield { text: line.slice(start, end), at: start };
    start = end;
    i = end;
  }
  if (start < line.length) yield { text: line.slice(start), at: start };
}
