import { createHash, randomUUID } from "node:crypto";
import type { Header, HttpExchange } from "./fetch-with-policy.ts";

/**
 * WARC/1.1 (ISO 28500:2017) records: written and parsed back. A record is the version line, header
 * fields each ended by CRLF, an empty line, exactly Content-Length bytes of block, then CRLF CRLF.
 */

export type WarcType = "warcinfo" | "request" | "response" | "metadata" | "resource";

export interface WarcRecord {
  readonly version: string;
  readonly headers: ReadonlyArray<Header>;
  readonly block: Buffer;
  /** Byte offset of the record in its file, to name where a problem is. */
  readonly offset: number;
}

export class WarcFormatError extends Error {
  override name = "WarcFormatError";
}

const CRLF = "\r\n";

export const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
/** A labelled digest as WARC fields carry it: the algorithm, a colon, then the hex digest. */
export const warcDigest = (bytes: Uint8Array) => `sha256:${sha256Hex(bytes)}`;
export const newRecordId = () => `<urn:uuid:${randomUUID()}>`;
/** WARC-Date: UTC, W3C-ISO8601; WARC/1.1 allows the fraction of a second. */
export const warcDate = (date: Date) => date.toISOString();

export function header(record: { readonly headers: ReadonlyArray<Header> }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return record.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

function checkField(name: string, value: string): void {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new WarcFormatError(`invalid WARC field name '${name}'`);
  if (/[\r\n]/.test(value)) throw new WarcFormatError(`WARC field ${name} may not contain a line break`);
}

export interface RecordInput {
  readonly type: WarcType;
  readonly date: Date;
  /** The block, whole or in parts (a response's head and its body, never copied into one buffer). */
  readonly block: Buffer | ReadonlyArray<Buffer>;
  readonly contentType: string;
  readonly targetUri?: string;
  readonly id?: string;
  /** Further fields (WARC-Concurrent-To, WARC-Payload-Digest, …), written after the standard ones. */
  readonly fields?: ReadonlyArray<Header>;
}

/** Serialises one record; Content-Length and WARC-Block-Digest are computed from the block. */
export function writeWarcRecord(input: RecordInput): { id: string; bytes: Buffer } {
  const { id, parts } = writeWarcRecordParts(input);
  return { id, bytes: Buffer.concat(parts) };
}

/**
 * One record as the buffers to write in order: its head, the block's parts as given, the closing
 * CRLF CRLF. A 190 MB body is thus written to its file without a second copy in memory.
 */
export function writeWarcRecordParts(input: RecordInput): { id: string; parts: Buffer[] } {
  const id = input.id ?? newRecordId();
  const block = Buffer.isBuffer(input.block) ? [input.block] : [...input.block];
  const digest = createHash("sha256");
  for (const part of block) digest.update(part);
  const fields: Header[] = [
    ["WARC-Type", input.type],
    ["WARC-Record-ID", id],
    ["WARC-Date", warcDate(input.date)],
    ...(input.targetUri !== undefined ? [["WARC-Target-URI", input.targetUri] as const] : []),
    ...(input.fields ?? []),
    ["Content-Type", input.contentType],
    ["WARC-Block-Digest", `sha256:${digest.digest("hex")}`],
    ["Content-Length", String(block.reduce((sum, part) => sum + part.length, 0))],
  ];
  for (const [name, value] of fields) checkField(name, value);
  const head = `WARC/1.1${CRLF}${fields.map(([n, v]) => `${n}: ${v}${CRLF}`).join("")}${CRLF}`;
  return { id, parts: [Buffer.from(head, "utf8"), ...block, Buffer.from(CRLF + CRLF)] };
}

/** `application/warc-fields`: named lines, as warcinfo and metadata records carry them. */
export function warcFields(fields: ReadonlyArray<Header>): Buffer {
  for (const [name, value] of fields) checkField(name, value);
  return Buffer.from(fields.map(([n, v]) => `${n}: ${v}${CRLF}`).join(""), "utf8");
}

export function httpRequestBlock(exchange: HttpExchange): Buffer {
  const { method, target, headers } = exchange.request;
  const head = [`${method} ${target} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)].join(CRLF);
  return Buffer.from(`${head}${CRLF}${CRLF}`, "latin1");
}

/**
 * The response as received. Node removes chunked transfer encoding while reading, so the header that
 * announced it is renamed: a WARC reader must not try to de-chunk a body that no longer is.
 */
export function httpResponseBlock(exchange: HttpExchange): Buffer {
  return Buffer.concat(httpResponseBlockParts(exchange));
}

/** `httpResponseBlock` as its two parts, the head and the body as received (not copied). */
export function httpResponseBlockParts(exchange: HttpExchange): [head: Buffer, body: Buffer] {
  const { httpVersion, status, statusText, headers, body } = exchange.response;
  const kept = headers.map(
    ([n, v]): Header => (n.toLowerCase() === "transfer-encoding" ? [`X-Original-${n}`, v] : [n, v]),
  );
  const head = [`HTTP/${httpVersion} ${status} ${statusText}`.trimEnd(), ...kept.map(([n, v]) => `${n}: ${v}`)].join(
    CRLF,
  );
  // latin1 writes the header bytes back as they came (Node decoded them as latin1).
  return [Buffer.from(`${head}${CRLF}${CRLF}`, "latin1"), body];
}

export interface HttpMessage {
  readonly startLine: string;
  readonly headers: ReadonlyArray<Header>;
  readonly body: Buffer;
}

/** Splits an application/http block into its start line, headers and payload. */
export function parseHttpBlock(block: Buffer): HttpMessage {
  const end = block.indexOf("\r\n\r\n");
  if (end < 0) throw new WarcFormatError("HTTP block has no end of headers (CRLF CRLF)");
  const [startLine = "", ...lines] = block.subarray(0, end).toString("latin1").split(CRLF);
  const headers = lines.map((line): Header => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new WarcFormatError(`bad HTTP header line '${line}'`);
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { startLine, headers, body: block.subarray(end + 4) };
}

/** Parses every record of a WARC file; throws WarcFormatError naming the offset of what is wrong. */
export function parseWarc(bytes: Buffer): WarcRecord[] {
  const records: WarcRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    const offset = at;
    const headEnd = bytes.indexOf("\r\n\r\n", at);
    if (headEnd < 0) throw new WarcFormatError(`record at byte ${offset}: no end of header (CRLF CRLF)`);
    const [versionLine = "", ...lines] = bytes.subarray(at, headEnd).toString("utf8").split(CRLF);
    const version = /^WARC\/(1\.[01])$/.exec(versionLine)?.[1];
    if (!version) throw new WarcFormatError(`record at byte ${offset}: expected 'WARC/1.1', got '${versionLine}'`);
    const headers: Array<[string, string]> = [];
    for (const line of lines) {
      const last = headers.at(-1);
      if (/^[ \t]/.test(line) && last) {
        last[1] += ` ${line.trim()}`; // a folded continuation line
        continue;
      }
      const colon = line.indexOf(":");
      if (colon <= 0) throw new WarcFormatError(`record at byte ${offset}: bad header line '${line}'`);
      headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
    const lengthText = header({ headers }, "Content-Length");
    if (lengthText === undefined || !/^\d+$/.test(lengthText)) {
      throw new WarcFormatError(`record at byte ${offset}: missing or invalid Content-Length`);
    }
    for (const required of ["WARC-Type", "WARC-Record-ID", "WARC-Date"]) {
      if (header({ headers }, required) === undefined) {
        throw new WarcFormatError(`record at byte ${offset}: missing ${required}`);
      }
    }
    const blockStart = headEnd + 4;
    const blockEnd = blockStart + Number(lengthText);
    if (blockEnd + 4 > bytes.length) {
      throw new WarcFormatError(`record at byte ${offset}: Content-Length ${lengthText} runs past the end of the file`);
    }
    if (bytes.subarray(blockEnd, blockEnd + 4).toString("latin1") !== "\r\n\r\n") {
      throw new WarcFormatError(`record at byte ${offset}: block is not followed by CRLF CRLF (Content-Length wrong?)`);
    }
    records.push({ version: `WARC/${version}`, headers, block: bytes.subarray(blockStart, blockEnd), offset });
    at = blockEnd + 4;
  }
  return records;
}

/** Checks each record's block digest and, for responses, its payload digest; returns what does not match. */
export function checkWarcDigests(records: ReadonlyArray<WarcRecord>): string[] {
  const problems: string[] = [];
  for (const record of records) {
    const where = `${header(record, "WARC-Type")} record at byte ${record.offset}`;
    const block = header(record, "WARC-Block-Digest");
    if (block?.startsWith("sha256:") && block !== warcDigest(record.block)) {
      problems.push(`${where}: WARC-Block-Digest does not match its block`);
    }
    const payload = header(record, "WARC-Payload-Digest");
    if (payload?.startsWith("sha256:")) {
      if (payload !== warcDigest(parseHttpBlock(record.block).body)) {
        problems.push(`${where}: WARC-Payload-Digest does not match its payload`);
      }
    }
  }
  return problems;
}
