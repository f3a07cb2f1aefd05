/**
 * The outside review's decompression bomb: a page of about 1 MB with Content-Encoding: gzip that
 * decodes to 1 GiB. Captured in a process of its own, so that its peak memory is the capture's.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../test/helpers.ts";
import { type FixtureServer, gzipBomb, startFixtureServer } from "../../test/support/fixture-server.ts";
import type { StoredCapture } from "./store.ts";
import { header, parseHttpBlock, parseWarc, sha256Hex } from "./warc.ts";

let server: FixtureServer;
let store: string;
beforeAll(async () => {
  server = await startFixtureServer();
  store = mkdtempSync(join(tmpdir(), "liuzhi-bomb-"));
});
afterAll(async () => {
  await server.close();
  rmSync(store, { recursive: true, force: true });
});

function captureInChild(url: string): Promise<{ capture: StoredCapture; peakRssBytes: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(ROOT, "test/support/capture-child.ts"), url, store],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`capture child failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

describe("a decompression bomb in capture", () => {
  it("is kept as fetched, its text refused naming the URL, with peak memory under 300 MB", async () => {
    const url = server.url("/bomb.html");
    const { capture, peakRssBytes } = await captureInChild(url);
    expect(peakRssBytes, `peak RSS ${Math.round(peakRssBytes / 2 ** 20)} MiB`).toBeLessThan(300 * 1024 * 1024);
    expect(capture.status).toBe(200);
    expect(capture.text).toBeNull();
    expect(capture.text_refused).toMatch(
      new RegExp(
        `^refused to decompress ${url}: its gzip body expands past \\d+ bytes, more than .*a decompression bomb`,
      ),
    );
    // The WARC holds the bytes as they came over the wire, still gzip, with their header.
    expect(capture.payload).toEqual({ sha256: sha256Hex(gzipBomb()), bytes: gzipBomb().length });
    const response = parseWarc(readFileSync(join(store, capture.warc.file))).find(
      (r) => header(r, "WARC-Type") === "response",
    )!;
    const http = parseHttpBlock(response.block);
    expect(header(http, "Content-Encoding")).toBe("gzip");
    expect(http.body.equals(gzipBomb())).toBe(true);
  }, 120_000);
});
