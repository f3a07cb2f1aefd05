import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeBody, header, parseHttpBlock, parseWarc, type StoredCapture } from "../capture/index.ts";

/**
 * The final response's decoded HTML or text from a stored capture (for the title and a listing's
 * links); for a saved file (a resource record, no HTTP exchange) the file itself.
 */
export function capturedBody(store: string, capture: StoredCapture): string {
  const records = parseWarc(readFileSync(join(store, capture.warc.file)));
  const response = records.filter((r) => header(r, "WARC-Type") === "response").at(-1);
  if (!response) {
    const saved = records.find((r) => header(r, "WARC-Type") === "resource");
    return saved ? decodeBody(saved.block, header(saved, "Content-Type")).text : "";
  }
  const http = parseHttpBlock(response.block);
  return decodeBody(http.body, header(http, "Content-Type")).text;
}
