import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";

/**
 * Undoing a Content-Encoding without trusting it. A small compressed body can expand to gigabytes (a
 * gzip of zeros shrinks about a thousandfold), so the body is decompressed as a stream and abandoned
 * the moment its output passes a limit: an absolute one, and a ratio to the bytes received. The WARC
 * keeps the bytes as fetched whatever happens here; only the text extraction is refused.
 */
export const DECOMPRESSION_LIMITS = {
  /** Decoded bytes kept at most for a text extraction. */
  maxBytes: 64 * 1024 * 1024,
  /** Decoded size at most this many times the encoded size… */
  maxRatio: 100,
  /** …once past this size (a short page of repeated markup may compress very well). */
  ratioFloorBytes: 1024 * 1024,
} as const;

export type DecompressionLimits = { readonly [K in keyof typeof DECOMPRESSION_LIMITS]: number };

/** A body whose decoding was refused; the message names the URL, the encoding and the limit passed. */
export class DecompressionRefused extends Error {
  override name = "DecompressionRefused";
}

const ENCODINGS = ["gzip", "x-gzip", "deflate", "br"] as const;

/** "deflate" is meant to carry the zlib wrapper, but some servers send it raw: the wrapper's header says which. */
const hasZlibHeader = (body: Buffer) =>
  body.length >= 2 && (body[0]! & 0x0f) === 8 && ((body[0]! << 8) | body[1]!) % 31 === 0;

function decompressor(name: string, body: Buffer) {
  if (name === "gzip" || name === "x-gzip") return createGunzip();
  if (name === "br") return createBrotliDecompress();
  return hasZlibHeader(body) ? createInflate() : createInflateRaw();
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * The body with its Content-Encoding (gzip, deflate, br) undone, or a DecompressionRefused naming
 * `url` when it would expand past the limits; an unknown encoding is an error naming it.
 */
export async function decompressBody(
  body: Buffer,
  encoding: string | undefined,
  url: string,
  limits: DecompressionLimits = DECOMPRESSION_LIMITS,
): Promise<Buffer> {
  const name = (encoding ?? "").trim().toLowerCase();
  if (name === "" || name === "identity") return body;
  if (!(ENCODINGS as ReadonlyArray<string>).includes(name)) {
    throw new Error(`unsupported Content-Encoding '${encoding}' at ${url}`);
  }
  const byRatio = Math.max(limits.ratioFloorBytes, body.length * limits.maxRatio);
  const limit = Math.min(limits.maxBytes, byRatio);
  const why =
    limit === byRatio
      ? `more than ${limits.maxRatio} times the ${body.length} bytes received`
      : `more than the ${mib(limits.maxBytes)} decoded for a text extraction`;
  const stream = decompressor(name, body);
  // Fed in slices, so that the decompressor's output is read, counted and stopped as it comes.
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < body.length; i += 64 * 1024) yield body.subarray(i, i + 64 * 1024);
    })(),
  );
  source.on("error", (error) => stream.destroy(error));
  source.pipe(stream);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        throw new DecompressionRefused(
          `refused to decompress ${url}: its ${name} body expands past ${limit} bytes, ${why} (a decompression bomb?); the bytes as fetched are kept in the WARC`,
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DecompressionRefused) throw error;
    throw new Error(`${url}: the ${name} body does not decompress: ${(error as Error).message}`);
  } finally {
    source.unpipe(stream);
    source.destroy();
    stream.destroy();
  }
  return Buffer.concat(chunks, size);
}
