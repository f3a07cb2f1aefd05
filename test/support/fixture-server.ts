import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * The loopback server the capture tests fetch from, so that no test reaches the internet. Each path
 * is one behaviour of the real sources: UTF-8 and GBK pages, a redirect chain, a 404, a page that
 * never answers, a page that changes on every visit, a server that fails twice then answers, a PDF.
 */

const ascii = (s: string) => Buffer.from(s, "latin1");
// GBK bytes, written out by hand: 云南 D4C6 C4CF, 留置 C1F4 D6C3, 人 C8CB.
const GBK_YUNNAN = Buffer.from([0xd4, 0xc6, 0xc4, 0xcf]);
const GBK_LIUZHI = Buffer.from([0xc1, 0xf4, 0xd6, 0xc3]);
const GBK_REN = Buffer.from([0xc8, 0xcb]);

export const GBK_PAGE = Buffer.concat([
  ascii('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>'),
  GBK_YUNNAN,
  ascii("</title></head><body><p>2019 "),
  GBK_YUNNAN,
  GBK_LIUZHI,
  ascii(" 1,234 "),
  GBK_REN,
  ascii("</p></body></html>"),
]);

export const UTF8_PAGE =
  "<!doctype html><html><head><meta charset='utf-8'><title>中央纪委</title><script>var x = '99999';</script></head>" +
  "<body><h1>通报</h1><p>全国纪检监察机关共采取留置措施&nbsp;2.6万人，其中&lt;厅局级&gt; 26,000 人次。</p>" +
  "<p>2019年全年留置 12345 人。</p></body></html>";

export const PDF_BYTES = 3 * 1024 * 1024;

/** A gzip bomb: 64 gzip members of 16 MiB of zeros, about 1 MB on the wire and 1 GiB decoded. */
export const BOMB_DECODED_BYTES = 64 * 16 * 1024 * 1024;
let bomb: Buffer | undefined;
export function gzipBomb(): Buffer {
  bomb ??= Buffer.concat(Array(64).fill(gzipSync(Buffer.alloc(16 * 1024 * 1024))));
  return bomb;
}

export interface FixtureServer {
  readonly url: (path: string) => string;
  /** Requests received per path. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const pdf = Buffer.alloc(PDF_BYTES, 0x20);
  pdf.write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  for (let i = 64; i < pdf.length; i += 4096) pdf[i] = i % 251; // not all spaces: a flipped byte must show
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const html = (body: string | Buffer, type = "text/html; charset=utf-8") => {
      res.writeHead(200, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    switch (path) {
      case "/utf8":
        return html(UTF8_PAGE);
      case "/hostile-title":
        // An escape sequence and a zero-width space, written as entities in the <title>.
        return html(
          "<!doctype html><html><head><title>&#27;[2J通报&#x200B;</title></head><body><p>x</p></body></html>",
        );
      case "/gbk":
        return html(GBK_PAGE, "text/html"); // charset only in the <meta>, as on many provincial sites
      case "/gbk-header":
        return html(ascii(GBK_PAGE.toString("latin1").replace(/<meta[^>]*>/, "")), "text/html; charset=GBK");
      case "/r1":
        res.writeHead(301, { Location: "/r2" });
        return res.end();
      case "/r2":
        res.writeHead(302, { Location: `http://${req.headers.host}/r3` });
        return res.end();
      case "/r3":
        return html("<p>arrived 2019 留置 777 人</p>");
      case "/loop":
        res.writeHead(302, { Location: "/loop" });
        return res.end();
      case "/changing":
        return html(`<p>version ${n}: 留置 500 人</p>`);
      case "/flaky":
        if (n <= 2) {
          res.writeHead(503, { "Content-Type": "text/plain" });
          return res.end("busy");
        }
        return html("<p>finally 留置 42 人</p>");
      case "/chunked":
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.write("<p>part one 留置 ");
        return res.end("31 人</p>");
      case "/big.pdf":
        res.writeHead(200, { "Content-Type": "application/pdf", "Content-Length": pdf.length });
        return res.end(pdf);
      case "/to-internal": // a public page redirecting to a name that resolves inside the network
        res.writeHead(302, { Location: `http://internal.test:${new URL(`http://${req.headers.host}`).port}/utf8` });
        return res.end();
      case "/to-file":
        res.writeHead(302, { Location: "file:///etc/passwd" });
        return res.end();
      case "/bomb.html": // served as a page with Content-Encoding: gzip, as the outside review did
        res.writeHead(200, {
          "Content-Type": "text/html; charset=utf-8",
          "Content-Encoding": "gzip",
          "Content-Length": gzipBomb().length,
        });
        return res.end(gzipBomb());
      case "/hang":
        return; // never answers: the client's time-out must end it
      default:
        res.writeHead(404, { "Content-Type": "text/html" });
        return res.end("<h1>404 Not Found</h1>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
