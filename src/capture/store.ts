import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex } from "./warc.ts";

/**
 * The capture store, a folder of files (the database stays the ledger's alone):
 *   warc/<sha256 of the file>.warc          the evidence, content-addressed
 *   text/<sha256 of the WARC>.txt           the readable text extracted from it
 *   index/<source id>/<time>-<sha12>.json   what was captured when, with every hash
 * Files are created with the exclusive flag: a capture never overwrites an earlier one.
 */

export const INDEX_FORMAT = "liuzhi-capture/1";

export interface CaptureIndex {
  readonly format: typeof INDEX_FORMAT;
  readonly source_id: string;
  readonly url: string;
  readonly archived_url: string | null;
  readonly captured_at: string;
  readonly final_url: string;
  readonly status: number;
  readonly status_text: string;
  readonly content_type: string | null;
  /** Every hop before the final response. */
  readonly redirects: ReadonlyArray<{ readonly url: string; readonly status: number }>;
  readonly attempts: number;
  readonly warc: { readonly file: string; readonly sha256: string; readonly bytes: number };
  /** The final response's body: what "changed since the last capture" compares. */
  readonly payload: { readonly sha256: string; readonly bytes: number };
  readonly text: {
    readonly file: string;
    readonly sha256: string;
    readonly charset: string;
    readonly charset_from: string;
  } | null;
  /** Why no text was extracted from a text body (it did not decode, or would expand past the limits). */
  readonly text_refused?: string;
}

export interface StoredCapture extends CaptureIndex {
  /** Path of the index file, relative to the store. */
  readonly index_file: string;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Writes a new file from its parts in order (a WARC's bodies are not copied into one buffer first). */
function writeNew(path: string, data: string | Buffer | ReadonlyArray<Buffer>): void {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new Error(`${path} already exists; a capture never overwrites an earlier one`);
    }
    throw error;
  }
  try {
    const parts = typeof data === "string" ? [Buffer.from(data, "utf8")] : Buffer.isBuffer(data) ? [data] : data;
    for (const part of parts) {
      for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
    }
  } finally {
    closeSync(fd);
  }
}

/** Stores one capture: the WARC under its own hash, its text, and its index. Returns the index. */
export function saveCapture(
  store: string,
  capture: {
    warc: Buffer | ReadonlyArray<Buffer>;
    text: { text: string; charset: string; charsetFrom: string } | null;
  },
  meta: Omit<CaptureIndex, "format" | "warc" | "text">,
): StoredCapture {
  if (!SOURCE_ID.test(meta.source_id)) throw new Error(`invalid source id '${meta.source_id}' for a store folder`);
  const warcParts = Buffer.isBuffer(capture.warc) ? [capture.warc] : capture.warc;
  const digest = createHash("sha256");
  for (const part of warcParts) digest.update(part);
  const warcSha = digest.digest("hex");
  const warcFile = `warc/${warcSha}.warc`;
  for (const dir of ["warc", "text", join("index", meta.source_id)]) mkdirSync(join(store, dir), { recursive: true });
  // Two captures never have the same bytes (each record has its own id and date), so an existing file is a bug.
  writeNew(join(store, warcFile), warcParts);
  let text: CaptureIndex["text"] = null;
  if (capture.text) {
    const bytes = Buffer.from(capture.text.text, "utf8");
    const file = `text/${warcSha}.txt`;
    writeNew(join(store, file), bytes);
    text = { file, sha256: sha256Hex(bytes), charset: capture.text.charset, charset_from: capture.text.charsetFrom };
  }
  const index: CaptureIndex = {
    format: INDEX_FORMAT,
    ...meta,
    warc: { file: warcFile, sha256: warcSha, bytes: warcParts.reduce((sum, part) => sum + part.length, 0) },
    text,
  };
  const stamp = meta.captured_at.replace(/[-:.]/g, "");
  const indexFile = `index/${meta.source_id}/${stamp}-${warcSha.slice(0, 12)}.json`;
  writeNew(join(store, indexFile), `${JSON.stringify(index, null, 2)}\n`);
  return { ...index, index_file: indexFile };
}

/** Every index file of the store (relative paths), sorted; an absent store has none. */
export function indexFiles(store: string): string[] {
  const root = join(store, "index");
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith(".json"))
        .map((f) => `index/${d.name}/${f}`),
    )
    .sort();
}

export function readIndex(store: string, indexFile: string): StoredCapture {
  const data = JSON.parse(readFileSync(join(store, indexFile), "utf8")) as CaptureIndex;
  if (data.format !== INDEX_FORMAT) throw new Error(`${indexFile}: not a ${INDEX_FORMAT} index`);
  return { ...data, index_file: indexFile };
}

/** The captures of one source (or all), oldest first. Unreadable index files are for `verify` to report. */
export function listCaptures(store: string, sourceId?: string): StoredCapture[] {
  const captures: StoredCapture[] = [];
  for (const file of indexFiles(store)) {
    if (sourceId !== undefined && !file.startsWith(`index/${sourceId}/`)) continue;
    try {
      captures.push(readIndex(store, file));
    } catch {
      // skipped here; verify names it
    }
  }
  return captures.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
}

export function latestCapture(store: string, sourceId: string): StoredCapture | null {
  return listCaptures(store, sourceId).at(-1) ?? null;
}

/** "captured on … (SHA-256 …)" for each source, for pages and reports to show beside the source. */
export function captureSummaries(
  store: string,
): Map<string, { captured_at: string; sha256: string; count: number; succeeded_at?: string }> {
  const out = new Map<string, { captured_at: string; sha256: string; count: number; succeeded_at?: string }>();
  for (const c of listCaptures(store)) {
    const before = out.get(c.source_id);
    // Oldest first: a later successful answer replaces an earlier one; a failed one keeps it.
    const succeeded = c.status >= 200 && c.status < 300 ? c.captured_at : before?.succeeded_at;
    out.set(c.source_id, {
      captured_at: c.captured_at,
      sha256: c.warc.sha256,
      count: (before?.count ?? 0) + 1,
      ...(succeeded ? { succeeded_at: succeeded } : {}),
    });
  }
  return out;
}
