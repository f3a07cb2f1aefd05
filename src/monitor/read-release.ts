import { extractText } from "../capture/index.ts";
import { extractFigures, type Figure, type JurisdictionName } from "./extract/index.ts";
import { publishedDate } from "./page.ts";

/** What one saved or fetched release says: its text, charset, publication date and figures. */
export interface ReleaseReading {
  readonly text: string;
  readonly charset: string;
  readonly published: string | null;
  readonly figures: Figure[];
}

/**
 * Reads one release body as `liuzhi extract` does (and the scorer of the real corpus): charset
 * sniffed, HTML to text, the publication date from the page (and its address), and its figures.
 * `published` and `jurisdiction` override what the page says; without them the page is the only input.
 * Null when the body is not HTML or text.
 */
export function readRelease(
  body: Buffer,
  options: {
    readonly contentType: string | undefined;
    readonly url: string | null;
    readonly jurisdictions: ReadonlyArray<JurisdictionName>;
    readonly published?: string | undefined;
    readonly jurisdiction?: string | undefined;
  },
): ReleaseReading | null {
  const extracted = extractText(body, { contentType: options.contentType });
  if (!extracted) return null;
  const published = options.published ?? publishedDate(extracted.text, options.url);
  const figures = extractFigures(extracted.text, {
    published,
    jurisdiction: options.jurisdiction ?? null,
    jurisdictions: options.jurisdictions,
  });
  return { text: extracted.text, charset: extracted.charset, published, figures };
}
