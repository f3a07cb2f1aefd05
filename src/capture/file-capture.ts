import { type StoredCapture, saveCapture } from "./store.ts";
import { extractText } from "./text.ts";
import { sha256Hex, warcFields, writeWarcRecord } from "./warc.ts";

/**
 * Stores a release saved on disk (not fetched) as a capture: a WARC with a warcinfo record, the
 * file's bytes as a `resource` record (no HTTP exchange took place) and a metadata record naming the
 * file, with the same text extraction and index as a fetched page, so the reviewer sees the saved
 * copy with the sentence highlighted and `verifyStore` re-hashes it like any capture.
 */
export function captureFile(
  store: string,
  target: {
    readonly id: string;
    readonly uri: string;
    readonly bytes: Buffer;
    readonly contentType: string | undefined;
  },
  options: { readonly capturedAt: Date; readonly software: string },
): StoredCapture {
  const contentType = target.contentType ?? "text/plain";
  const info = writeWarcRecord({
    type: "warcinfo",
    date: options.capturedAt,
    contentType: "application/warc-fields",
    block: warcFields([
      ["software", options.software],
      ["format", "WARC File Format 1.1"],
      ["conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"],
      ["description", `Saved release read from a file for ledger source ${target.id}`],
    ]),
  });
  const resource = writeWarcRecord({
    type: "resource",
    date: options.capturedAt,
    targetUri: target.uri,
    contentType,
    block: target.bytes,
    fields: [["WARC-Warcinfo-ID", info.id]],
  });
  const metadata = writeWarcRecord({
    type: "metadata",
    date: options.capturedAt,
    targetUri: target.uri,
    contentType: "application/warc-fields",
    block: warcFields([
      ["source-id", target.id],
      ["saved-file", target.uri],
    ]),
    fields: [
      ["WARC-Warcinfo-ID", info.id],
      ["WARC-Refers-To", resource.id],
    ],
  });
  const text = extractText(target.bytes, { contentType: target.contentType });
  return saveCapture(
    store,
    { warc: Buffer.concat([info.bytes, resource.bytes, metadata.bytes]), text },
    {
      source_id: target.id,
      url: target.uri,
      archived_url: null,
      captured_at: options.capturedAt.toISOString(),
      final_url: target.uri,
      status: 200,
      status_text: "saved file",
      content_type: target.contentType ?? null,
      redirects: [],
      attempts: 0,
      payload: { sha256: sha256Hex(target.bytes), bytes: target.bytes.length },
    },
  );
}
