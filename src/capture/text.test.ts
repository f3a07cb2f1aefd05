import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GBK_PAGE, UTF8_PAGE } from "../../test/support/fixture-server.ts";
import {
  charsetFromContentType,
  charsetFromMeta,
  decodeBody,
  extractBodyText,
  extractText,
  htmlToText,
} from "./text.ts";

describe("charset detection", () => {
  it("reads the Content-Type header, then <meta charset>, then <meta http-equiv>", () => {
    expect(charsetFromContentType("text/html; charset=GB2312")).toBe("gbk");
    expect(charsetFromContentType('text/html; charset="utf-8"')).toBe("utf-8");
    expect(charsetFromContentType("text/html")).toBeNull();
    expect(charsetFromMeta(Buffer.from('<head><meta charset="gbk">'))).toBe("gbk");
    expect(charsetFromMeta(GBK_PAGE)).toBe("gbk");
    expect(charsetFromMeta(Buffer.from("<meta charset=nonsense>"))).toBeNull();
  });

  it("prefers the header to the meta tag, and falls back to UTF-8 if valid, else GB18030", () => {
    expect(decodeBody(GBK_PAGE, "text/html; charset=gbk").charsetFrom).toBe("header");
    expect(decodeBody(GBK_PAGE, "text/html").charsetFrom).toBe("meta");
    expect(decodeBody(Buffer.from("留置"), undefined)).toMatchObject({ text: "留置", charsetFrom: "utf-8-valid" });
    const bare = Buffer.from([0xc1, 0xf4, 0xd6, 0xc3]);
    expect(decodeBody(bare, undefined)).toMatchObject({ text: "留置", charset: "gb18030", charsetFrom: "fallback" });
  });
});

describe("text extraction", () => {
  it("decodes a GBK page declared only in its meta tag", () => {
    const text = extractText(GBK_PAGE, { contentType: "text/html" });
    expect(text?.text).toContain("云南留置 1,234 人");
    expect(text?.charset).toBe("gbk");
  });

  it("drops scripts and tags, decodes entities, keeps one line per block", () => {
    const text = htmlToText(UTF8_PAGE);
    expect(text).not.toContain("99999");
    expect(text).toContain("全国纪检监察机关共采取留置措施 2.6万人，其中<厅局级> 26,000 人次。");
    expect(text.split("\n")).toContain("2019年全年留置 12345 人。");
  });

  it("undoes gzip, deflate (with or without the zlib wrapper) and brotli, and gives no text for a PDF", async () => {
    const page = Buffer.from("<p>留置 5 人</p>");
    for (const [encoding, body] of [
      ["gzip", gzipSync(page)],
      ["deflate", deflateSync(page)],
      ["deflate", deflateRawSync(page)],
      ["br", brotliCompressSync(page)],
    ] as const) {
      const text = await extractBodyText(
        body,
        { contentType: "text/html; charset=utf-8", contentEncoding: encoding },
        "u",
      );
      expect(text?.text, encoding).toBe("留置 5 人");
    }
    expect(extractText(Buffer.from("%PDF-1.4 …"), { contentType: "application/pdf" })).toBeNull();
    expect(extractText(Buffer.from("%PDF-1.4 …"), { contentType: "text/html" })).toBeNull();
  });
});

describe("characters a page carries unseen", () => {
  it("are left out of the text, so that a quote read from it passes the ledger's text policy", () => {
    const page = Buffer.from("<html><body><p>2024\u200f年\u200b留置\u202e473\u2066人\u0007</p></body></html>");
    expect(extractText(page, { contentType: "text/html; charset=utf-8" })?.text).toBe("2024年留置473人");
    const plain = Buffer.from("\ufeff留置\u200e473人\n第二行");
    expect(extractText(plain, { contentType: "text/plain; charset=utf-8" })?.text).toBe("留置473人\n第二行");
  });
});
