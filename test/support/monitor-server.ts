/**
 * A loopback site for `liuzhi watch`: a listing page of national releases (the quarterly notice and
 * the annual work report) and a provincial page in GBK whose figure can be changed, as a real
 * commission's page is when it corrects itself. Serves only 127.0.0.1.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { CORPUS_DIR } from "./monitor-corpus.ts";

export const QUARTERLY_PATH = "/releases/202410/t20241018_382271.html";
export const ANNUAL_PATH = "/releases/202402/t20240225_330888.html";
export const PROVINCE_PATH = "/yunnan/2024h1.html";

export interface MonitorSite {
  readonly url: (path: string) => string;
  /** Serve the Yunnan page with one figure changed (留置473人 → 留置478人). */
  revise(): void;
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startMonitorSite(): Promise<MonitorSite> {
  const fixture = (name: string) => readFileSync(join(CORPUS_DIR, name));
  const quarterly = fixture("quarterly-2024-jan-sep.html");
  const annual = fixture("annual-2023-work-report.txt");
  const original = fixture("provincial-yunnan-2024-h1.gbk.html");
  const revised = fixture("provincial-yunnan-2024-h1-revised.gbk.html");
  let province = original;
  const hits = new Map<string, number>();
  const listing = `<!doctype html><html><head><meta charset="utf-8"><title>头条</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="http://other.invalid/releases/2024/elsewhere.html">外站</a></li></ul>
<ul class="list">
<li><a href="${QUARTERLY_PATH}">中央纪委国家监委通报2024年1至9月全国纪检监察机关监督检查、审查调查情况</a><span>2024-10-18</span></li>
<li><a href='${ANNUAL_PATH}#top'>二十届中央纪委三次全会工作报告</a><span>2024-02-25</span></li>
</ul></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (body: string | Buffer, type: string) => {
      res.writeHead(200, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (path === "/releases/") return send(listing, "text/html; charset=utf-8");
    if (path === QUARTERLY_PATH) return send(quarterly, "text/html; charset=utf-8");
    if (path === ANNUAL_PATH) return send(annual, "text/plain; charset=utf-8");
    if (path === PROVINCE_PATH) return send(province, "text/html"); // charset only in its <meta>, GB2312
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    revise: () => {
      province = revised;
    },
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
