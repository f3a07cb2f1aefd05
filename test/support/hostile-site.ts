/**
 * A loopback site that attacks the fetching side, as an outside review did: a chain of ten 302s, each
 * with a 150 MB body, ending in a body that never ends; a 190 MB page; 8 MiB of text without a single
 * punctuation mark; and one ordinary release page after them. Bodies are streamed from one small
 * buffer (the site itself holds no big body), with back-pressure, and stop when the client goes away.
 * Serves only 127.0.0.1.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const REDIRECT_BODY_BYTES = 150 * 1024 * 1024;
export const HUGE_PAGE_BYTES = 190 * 1024 * 1024;
export const LONG_TEXT_BYTES = 8 * 1024 * 1024;
export const ORDINARY_PATH = "/ordinary.html";
/** The ordinary page's one figure, as the extractor files it. */
export const ORDINARY_PAGE =
  "<!doctype html><html><head><meta charset='utf-8'><title>云南省纪委监委通报</title></head><body>" +
  "<p>发布时间：2024-07-25</p><p>2024年上半年，全省纪检监察机关共留置473人。</p></body></html>";

export interface HostileSite {
  readonly url: (path: string) => string;
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

/** Writes `total` bytes (Infinity: without end) made of `unit` repeated, respecting back-pressure. */
function stream(res: ServerResponse, unit: Buffer, total: number): void {
  const chunk = Buffer.concat(Array(Math.ceil((64 * 1024) / unit.length)).fill(unit));
  let sent = 0;
  let gone = false;
  res.on("close", () => {
    gone = true;
  });
  const pump = () => {
    while (!gone && sent < total) {
      const part = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
      sent += part.length;
      if (!res.write(part)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!gone) res.end();
  };
  pump();
}

export async function startHostileSite(): Promise<HostileSite> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.on("error", () => {}); // a client that hangs up mid-body is what these tests do
    // /chain/0 → … → /chain/10, which never ends; /short-chain/0 → … → the ordinary page.
    const hop = /^\/(short-)?chain\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[2]);
      const short = hop[1] !== undefined;
      if (n < (short ? 3 : 10)) {
        res.writeHead(302, {
          Location: short && n === 2 ? ORDINARY_PATH : `/${hop[1] ?? ""}chain/${n + 1}`,
          "Content-Type": "text/html",
          "Content-Length": REDIRECT_BODY_BYTES,
        });
        return stream(res, Buffer.from("<p>moved</p>"), REDIRECT_BODY_BYTES);
      }
      res.writeHead(200, { "Content-Type": "text/html" }); // chunked, and endless
      return stream(res, Buffer.from("<p>more</p>"), Number.POSITIVE_INFINITY);
    }
    if (path === "/huge.html") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": HUGE_PAGE_BYTES });
      return stream(res, Buffer.from("<p>留置人员</p>"), HUGE_PAGE_BYTES);
    }
    if (path === "/long.txt") {
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": LONG_TEXT_BYTES });
      return stream(res, Buffer.from("留置措施数量"), LONG_TEXT_BYTES);
    }
    if (path === ORDINARY_PATH) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return void res.end(ORDINARY_PAGE);
    }
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
