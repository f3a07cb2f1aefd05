import { describe, expect, it } from "vitest";
import type { HttpExchange } from "./fetch-with-policy.ts";
import {
  checkWarcDigests,
  header,
  httpResponseBlock,
  parseHttpBlock,
  parseWarc,
  WarcFormatError,
  warcDigest,
  writeWarcRecord,
} from "./warc.ts";

const exchange: HttpExchange = {
  url: "http://example.test/a",
  startedAt: new Date("2025-01-02T03:04:05.678Z"),
  remoteAddress: "127.0.0.1",
  request: { method: "GET", target: "/a", headers: [["Host", "example.test"]] },
  response: {
    httpVersion: "1.1",
    status: 200,
    statusText: "OK",
    headers: [
      ["Content-Type", "text/html"],
      ["Transfer-Encoding", "chunked"],
    ],
    body: Buffer.from("<p>留置\r\n\r\nWARC/1.1</p>"),
  },
};

describe("WARC records", () => {
  it("writes the mandatory fields, an exact Content-Length and CRLF CRLF after the block", () => {
    const block = Buffer.from("hello\r\n");
    const { id, bytes } = writeWarcRecord({
      type: "resource",
      date: exchange.startedAt,
      block,
      contentType: "text/plain",
    });
    expect(id).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
    const text = bytes.toString("latin1");
    expect(text.startsWith("WARC/1.1\r\nWARC-Type: resource\r\n")).toBe(true);
    expect(text).toContain("WARC-Date: 2025-01-02T03:04:05.678Z\r\n");
    expect(text).toContain(`Content-Length: ${block.length}\r\n\r\nhello\r\n\r\n\r\n`);
    expect(text.endsWith("hello\r\n\r\n\r\n")).toBe(true);
  });

  it("parses back what it wrote, even when the payload contains CRLF CRLF and 'WARC/1.1'", () => {
    const block = httpResponseBlock(exchange);
    const one = writeWarcRecord({
      type: "response",
      date: exchange.startedAt,
      targetUri: exchange.url,
      block,
      contentType: "application/http;msgtype=response",
      fields: [["WARC-Payload-Digest", warcDigest(exchange.response.body)]],
    });
    const two = writeWarcRecord({ type: "metadata", date: new Date(), block: Buffer.alloc(0), contentType: "x/y" });
    const records = parseWarc(Buffer.concat([one.bytes, two.bytes]));
    expect(records).toHaveLength(2);
    expect(header(records[0]!, "warc-record-id")).toBe(one.id);
    expect(header(records[0]!, "WARC-Target-URI")).toBe(exchange.url);
    expect(records[0]!.block.equals(block)).toBe(true);
    expect(records[1]!.block.length).toBe(0);
    expect(checkWarcDigests(records)).toEqual([]);
    const http = parseHttpBlock(records[0]!.block);
    expect(http.startLine).toBe("HTTP/1.1 200 OK");
    expect(http.body.equals(exchange.response.body)).toBe(true);
    // The body is no longer chunked, so the header that said it was must not be read as such.
    expect(http.headers.map(([n]) => n)).toEqual(["Content-Type", "X-Original-Transfer-Encoding"]);
  });

  it("names what is wrong in a broken file", () => {
    const { bytes } = writeWarcRecord({
      type: "resource",
      date: new Date(),
      block: Buffer.from("abc"),
      contentType: "t/p",
    });
    expect(() => parseWarc(Buffer.from(`X${bytes.toString("latin1")}`, "latin1"))).toThrow(/expected 'WARC\/1.1'/);
    expect(() => parseWarc(bytes.subarray(0, bytes.length - 3))).toThrow(/runs past the end/);
    const longer = Buffer.from(bytes.toString("latin1").replace("Content-Length: 3", "Content-Length: 2"), "latin1");
    expect(() => parseWarc(longer)).toThrow(WarcFormatError);
  });

  it("reports a block whose digest no longer matches", () => {
    const { bytes } = writeWarcRecord({
      type: "resource",
      date: new Date(),
      block: Buffer.from("abc"),
      contentType: "t/p",
    });
    const flipped = Buffer.from(bytes);
    flipped[flipped.indexOf("abc")] = "x".charCodeAt(0);
    expect(checkWarcDigests(parseWarc(flipped))[0]).toMatch(/WARC-Block-Digest does not match/);
  });

  it("refuses a field value with a line break", () => {
    expect(() =>
      writeWarcRecord({
        type: "resource",
        date: new Date(),
        block: Buffer.alloc(0),
        contentType: "t/p",
        targetUri: "http://a\r\nWARC-Type: x",
      }),
    ).toThrow(/line break/);
  });
});
