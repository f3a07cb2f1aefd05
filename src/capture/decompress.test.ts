import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DECOMPRESSION_LIMITS, DecompressionRefused, decompressBody } from "./decompress.ts";

const URL = "http://sources.example.org/page.html";
const zeros = Buffer.alloc(8 * 1024 * 1024);
const bombs = [
  ["gzip", gzipSync(zeros)],
  ["deflate", deflateSync(zeros)],
  ["deflate", deflateRawSync(zeros)],
  ["br", brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })],
] as const;

describe("decompressBody", () => {
  it.each(bombs)("refuses a %s body that expands more than 100-fold past 1 MiB, naming the URL", async (name, body) => {
    expect(body.length * DECOMPRESSION_LIMITS.maxRatio).toBeLessThan(zeros.length);
    const refusal = decompressBody(body, name, URL);
    await expect(refusal).rejects.toBeInstanceOf(DecompressionRefused);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `^refused to decompress ${URL}: its ${name} body expands past \\d+ bytes, more than 100 times the ${body.length} bytes received`,
      ),
    );
  });

  it("refuses past the absolute limit whatever the ratio", async () => {
    const page = Buffer.from("<p>留置 5 人</p>".repeat(1000));
    const limits = { ...DECOMPRESSION_LIMITS, maxBytes: 1000 };
    await expect(decompressBody(gzipSync(page), "gzip", URL, limits)).rejects.toThrow(
      "expands past 1000 bytes, more than the 0.0 MiB decoded for a text extraction",
    );
  });

  it("decodes what stays within the limits, a well-compressed page included", async () => {
    const page = Buffer.from("<tr><td>留置</td><td>5</td></tr>".repeat(20_000)); // ~700 KB, compresses >100-fold
    expect((await decompressBody(gzipSync(page), "gzip", URL)).equals(page)).toBe(true);
    expect(await decompressBody(page, "identity", URL)).toBe(page);
    expect(await decompressBody(page, undefined, URL)).toBe(page);
  });

  it("names a broken body and an unknown encoding with the URL", async () => {
    await expect(decompressBody(Buffer.from("not gzip"), "gzip", URL)).rejects.toThrow(
      `${URL}: the gzip body does not decompress`,
    );
    await expect(decompressBody(Buffer.from("x"), "compress", URL)).rejects.toThrow(
      `unsupported Content-Encoding 'compress' at ${URL}`,
    );
  });
});
