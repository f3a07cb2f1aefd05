import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeBody,
  header,
  MAX_TEXT_BYTES,
  parseHttpBlock,
  parseWarc,
  type StoredCapture,
  TextTooLong,
} from "../capture/index.ts";

/**
 * The final response's decoded HTML or text from a stored capture (for the title and a listing's
 * links); for a saved file (a resource record, no HTTP exchange) the file itself. Throws TextTooLong
 * for a body past MAX_TEXT_BYTES, before reading its file.
 */
export function capturedBody(store: string, capture: StoredCapture): string {
  if (capture.payload.bytes > MAX_TEXT_BYTES) throw new TextTooLong(capture.payload.bytes);
  const records = parseWarc(readFileSync(join(store, capture.warc.file)));
  const response = records.filter((r) => header(r, "WARC-Type") === "response").at(-1);
  if (!response) {
    const saved = records.find((r) => header(r, "WARC-Type") === "resource");
    return saved ? decodeBody(saved.block, header(saved, "Content-Type")).text : "";
  }
  const http = parseHttpBlock(response.block);
  return decodeBody(http.body, header(http, "Content-Type")).text;
}
