import { type DecompressionLimits, decompressBody } from "./decompress.ts";

/**
 * Readable text from a captured page. Many Chinese government pages are GB2312/GBK, often declared
 * only in a <meta> tag, so the charset is looked for in the order a browser uses, and a figure
 * searched in mis-decoded text would be reported missing when it is there.
 */

export type CharsetSource = "bom" | "header" | "meta" | "utf-8-valid" | "fallback";

export interface ExtractedText {
  readonly text: string;
  /** WHATWG encoding name (gb2312 and gbk both decode as "gbk"). */
  readonly charset: string;
  readonly charsetFrom: CharsetSource;
}

/** The WHATWG name of an encoding label, or null when the label is unknown. */
export function normaliseCharset(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const label = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? "")?.[1];
  return label ? normaliseCharset(label) : null;
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…"> in the first 4 KB. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one character, so ASCII markup is readable whatever the real encoding.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const label = /charset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag)?.[1];
    const charset = label ? normaliseCharset(label) : null;
    if (charset) return charset;
  }
  return null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a body: BOM, then the Content-Type header, then <meta>, then UTF-8 if valid, else GB18030. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): ExtractedText {
  const pick = (): [string, CharsetSource] => {
    const bom = bomCharset(bytes);
    if (bom) return [bom, "bom"];
    const declared = charsetFromContentType(contentType);
    if (declared) return [declared, "header"];
    const meta = charsetFromMeta(bytes);
    if (meta) return [meta, "meta"];
    // GB18030 is a superset of GBK and GB2312: the likeliest encoding of an undeclared Chinese page.
    return isValidUtf8(bytes) ? ["utf-8", "utf-8-valid"] : ["gb18030", "fallback"];
  };
  const [charset, charsetFrom] = pick();
  return { text: new TextDecoder(charset).decode(bytes), charset, charsetFrom };
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  middot: "·",
  times: "×",
  yen: "¥",
  ensp: " ",
  emsp: " ",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS =
  /<\/?(?:p|div|br|hr|li|ul|ol|tr|table|h[1-6]|title|section|article|header|footer|nav|blockquote|pre|dd|dt|dl|form)\b[^<>]*>/gi;

/** What is dropped whole: comments, and the elements whose content is not text. */
const HIDDEN_START = /<!--|<(script|style|noscript|template)\b/gi;

/**
 * The HTML without comments, scripts, styles, noscript and template elements, in one pass: each
 * end is looked for once from its start, and an unclosed one runs to the end of the page (as a
 * browser reads it). A lazy pattern such as `<!--[\s\S]*?-->` would scan to the end again from
 * every unclosed start: quadratic, minutes for a few hundred kilobytes of `<!--`.
 */
function withoutHidden(html: string): string {
  const kept: string[] = [];
  let at = 0;
  HIDDEN_START.lastIndex = 0;
  for (let m = HIDDEN_START.exec(html); m !== null; m = HIDDEN_START.exec(html)) {
    kept.push(html.slice(at, m.index));
    const close = m[1] ? new RegExp(`</${m[1]}\\s*>`, "gi") : /-->/g;
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(html);
    if (!end) return kept.join("");
    at = end.index + end[0].length;
    HIDDEN_START.lastIndex = at;
  }
  kept.push(html.slice(at));
  return kept.join("");
}

/**
 * HTML → readable text: no scripts or styles, one line per block, entities decoded, spaces
 * collapsed. Linear in the page: tag patterns never cross a `<` (so a run of unclosed `<` cannot
 * make them rescan the rest of the page from each one).
 */
export function htmlToText(html: string): string {
  const text = decodeEntities(
    withoutHidden(html)
      .replace(BLOCK_TAGS, "\n")
      .replace(/<\/?t[dh]\b[^<>]*>/gi, " ")
      .replace(/<[^<>]*>/g, ""),
  );
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * Bytes of a body read at most as text. An official release is well under a megabyte; a page past
 * this (190 MB of text, say) is preserved byte for byte in the WARC but not read, so that decoding it
 * and the extractor's passes over it stay within a fixed memory budget.
 */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** A body too long to be read as text; the message says how long and what the limit is. */
export class TextTooLong extends Error {
  override name = "TextTooLong";
  constructor(bytes: number) {
    super(
      `the page is too long to read: ${bytes} bytes of text, more than the ${MAX_TEXT_BYTES} bytes (16 MiB) read for a text extraction; the bytes as fetched are kept in the WARC`,
    );
  }
}

/**
 * The readable text of decoded bytes (no Content-Encoding left: see `extractBodyText`), or null for
 * what is not text (a PDF, an image): those are preserved byte for byte but their figures cannot be
 * looked for here. Throws TextTooLong for a text body longer than MAX_TEXT_BYTES.
 */
export function extractText(bytes: Buffer, headers: { contentType?: string | undefined }): ExtractedText | null {
  const type = (headers.contentType ?? "").trim();
  const head = bytes.subarray(0, 512).toString("latin1").trimStart().toLowerCase();
  const looksHtml = head.startsWith("<!doctype html") || head.startsWith("<html") || head.includes("<html");
  if (head.startsWith("%pdf-")) return null;
  const isHtml = HTML_TYPES.test(type) || (type === "" && looksHtml);
  const isText = isHtml || /^text\//i.test(type) || (type === "" && !bytes.includes(0));
  if (!isText) return null;
  if (bytes.length > MAX_TEXT_BYTES) throw new TextTooLong(bytes.length);
  const decoded = decodeBody(bytes, type || undefined);
  return { ...decoded, text: withoutInvisible(isHtml ? htmlToText(decoded.text) : decoded.text) };
}

/**
 * Text without the characters a page may carry unseen (control characters but tab and line breaks,
 * bidirectional marks and controls, zero-width spaces, word joiners, BOMs): they render as nothing,
 * and the ledger's text policy refuses them, so a quote read from the page is stored without them.
 */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point of this pattern.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;

/**
 * The readable text of a body as fetched from `url`: its Content-Encoding (gzip, deflate, br) undone
 * as a stream within limits (a decompression bomb is refused with DecompressionRefused, naming the
 * URL), then `extractText`.
 */
export async function extractBodyText(
  body: Buffer,
  headers: { contentType?: string | undefined; contentEncoding?: string | undefined },
  url: string,
  limits?: DecompressionLimits,
): Promise<ExtractedText | null> {
  const bytes = await decompressBody(body, headers.contentEncoding, url, limits);
  return extractText(bytes, { contentType: headers.contentType });
}
