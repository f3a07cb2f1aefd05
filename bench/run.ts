// `npm run bench`: speed figures, printed against their goals. Not a test: it measures, it does not judge.
import { model, monteCarlo, officialFloor, ratioTable } from "../src/methods/index.ts";
import { shippedLedger } from "../test/support/shipped-ledger.ts";

function timeIt(run: () => unknown, repeats: number): { median: number; min: number } {
  run(); // warm-up: let the JIT compile before timing
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const ledger = shippedLedger();
const rows: Array<[string, string, string]> = [];
const mc = timeIt(() => monteCarlo(ledger, { draws: 1_000_000, seed: 1 }), 7);
rows.push([
  "Monte Carlo, 1,000,000 draws (both scenarios)",
  `${mc.median.toFixed(0)} ms (min ${mc.min.toFixed(0)})`,
  "< 250 ms",
]);
// The model at its defaults: the main run, each left-out estimator and each held-out count (288 grid points each).
const fitted = timeIt(() => model(ledger, { draws: 10_000, seed: 1 }), 3);
rows.push([
  "Model (liuzhi model at its defaults)",
  `${fitted.median.toFixed(0)} ms (min ${fitted.min.toFixed(0)})`,
  "—",
]);
const table = timeIt(() => ratioTable(ledger), 50);
rows.push(["Ratio table", `${table.median.toFixed(2)} ms`, "—"]);
const floor = timeIt(() => officialFloor(ledger), 50);
rows.push(["Floors (as published + strict)", `${floor.median.toFixed(2)} ms`, "—"]);

// --- Reports (issues 4 and 13): each format as a whole `liuzhi report` process -------------------
// What a user waits for: process start, reading the database, the methods, rendering — for docx the
// charts' PNG fallbacks included. The Markdown report, timed in the same run, is the reference.
{
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const bin = join(import.meta.dirname, "../bin/liuzhi.js");
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-bench-report-"));
  const db = join(dir, "bench.sqlite");
  execFileSync(process.execPath, [bin, "init", "--db", db], { stdio: "ignore" });
  // Each format in English, and the Markdown and Word reports in Chinese too (its charts are drawn
  // with a Chinese font): each compared with the Markdown report in its own language.
  const runs = [
    ...(["md", "html", "csv", "xlsx", "docx"] as const).map((format) => ({ format, lang: "en" as const })),
    ...(["md", "docx"] as const).map((format) => ({ format, lang: "zh" as const })),
  ];
  const key = (r: (typeof runs)[number]) => `${r.format}-${r.lang}`;
  const times = new Map<string, number[]>(runs.map((r) => [key(r), []]));
  // Interleaved, so a burst of load on a shared machine falls on every format alike.
  for (let round = 0; round < 5; round++) {
    for (const r of runs) {
      const out = join(dir, r.format === "csv" ? "csv" : `annex-${r.lang}.${r.format}`);
      const start = performance.now();
      execFileSync(
        process.execPath,
        [bin, "report", "--format", r.format, "--lang", r.lang, "--out", out, "--db", db, "--date", "2026-01-01"],
        { stdio: "ignore" },
      );
      times.get(key(r))!.push(performance.now() - start);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const median = (all: number[]) => [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
  for (const r of runs) {
    const t = median(times.get(key(r))!);
    const md = median(times.get(`md-${r.lang}`)!);
    rows.push([
      `liuzhi report --format ${r.format}${r.lang === "zh" ? " --lang zh" : ""} (whole process, median of 5)`,
      r.format === "md" ? `${t.toFixed(0)} ms` : `${t.toFixed(0)} ms = ${(t / md).toFixed(2)} × md`,
      r.format === "docx" ? "≤ 2 × md" : "—",
    ]);
  }
}

// --- The monitor (issue 16): the extractor on its test corpus, against what a careful reader takes --------
{
  const { scoreCorpus, corpus, readFixture } = await import("../test/support/monitor-corpus.ts");
  const score = scoreCorpus();
  rows.push([
    `Monitor extractor, precision (${score.correct}/${score.proposed} proposed)`,
    score.precision.toFixed(3),
    "1.000",
  ]);
  rows.push([
    `Monitor extractor, recall (${score.correct}/${score.expected} expected)`,
    score.recall.toFixed(3),
    "≥ 0.95",
  ]);
  rows.push(["Monitor extractor, wrong values proposed as exact", String(score.wrongExact.length), "0"]);
  const files = corpus();
  const read = timeIt(() => {
    for (const file of files) readFixture(file);
  }, 20);
  rows.push([`Monitor extractor, whole corpus (${files.length} pages)`, `${read.median.toFixed(1)} ms`, "—"]);
  for (const miss of score.missed) console.log(`monitor: missed ${miss}`);
  for (const extra of score.extra) console.log(`monitor: not expected ${extra}`);
}

// --- The monitor on the real corpus (issue 20): verbatim release excerpts, answers written before the extractor ran ---
// Read as `liuzhi extract FILE --format json` reads a file with no options. "tune" was read while developing the
// extractor; "holdout" never was: its score is the one that says how the monitor does on pages it has not seen.
{
  const { formatRealScore, scoreReal } = await import("../test/support/monitor-real.ts");
  for (const split of ["tune", "holdout"] as const) {
    const score = scoreReal(split);
    rows.push([
      `Monitor, real corpus ${split} (${score.files} files): precision (${score.correct}/${score.proposed})`,
      score.precision.toFixed(3),
      split === "holdout" ? "≥ 0.95" : "—",
    ]);
    rows.push([
      `Monitor, real corpus ${split}: recall (${score.correct}/${score.expected})`,
      score.recall.toFixed(3),
      split === "holdout" ? "≥ 0.90" : "—",
    ]);
    rows.push([
      `Monitor, real corpus ${split}: wrong figures proposed at confidence ≥ 0.9`,
      String(score.wrongHigh.length),
      "0",
    ]);
    console.log(formatRealScore(score));
    // Only the tune split's mistakes are listed: the holdout's texts stay unread, its numbers are all that is printed.
    if (split === "tune")
      for (const wrong of score.wrongHigh) console.log(`monitor-real tune: wrong at ≥ 0.9 ${wrong}`);
  }
}

// --- The CLI and the server as whole processes (issue 15) ----------------------------------------
// `liuzhi estimate` from start to exit beside a bare `node -e 0`, alternated in the same run so both
// see the same machine load; the server's resident memory after start beside a bare node:http server's.
{
  const { execFileSync, spawn } = await import("node:child_process");
  const { mkdtempSync, rmSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const bin = join(import.meta.dirname, "../bin/liuzhi.js");
  const scratch = mkdtempSync(join(tmpdir(), "liuzhi-bench-cli-"));
  const db = join(scratch, "bench.sqlite");
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: scratch, stdio: "ignore" });
  run([bin, "init", "--db", db]); // builds the compiled CLI if needed, and the database
  const wall = (args: string[]) => {
    const start = performance.now();
    run(args);
    return performance.now() - start;
  };
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 11; i++) {
    bare.push(wall(["-e", "0"]));
    cli.push(wall([bin, "estimate", "--db", db]));
  }
  const median = (all: number[]) => all.sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
  const [c, b] = [median(cli), median(bare)];
  rows.push([
    "liuzhi estimate, whole process (median of 11)",
    `${c.toFixed(0)} ms = ${(c / b).toFixed(1)} × node -e 0 (${b.toFixed(0)} ms)`,
    "≤ 4 × node -e 0",
  ]);

  /** Starts a process, waits for its first line on stdout, reads its resident memory from /proc, stops it. */
  const rssAfterStart = (args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: scratch, stdio: ["ignore", "pipe", "inherit"] });
      child.once("error", reject);
      child.stdout.once("data", () => {
        setTimeout(() => {
          const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
          child.once("exit", () => resolve(kb / 1024));
          child.kill("SIGTERM");
        }, 1000);
      });
    });
  // The dashboard bundle is built once after a source change, by the first `serve`: build it first,
  // so the figure is a server's memory, not a build's.
  await (await import("../src/server/index.ts")).ensureWebBundle();
  const serverMb = await rssAfterStart([bin, "serve", "--port", "0", "--db", db]);
  const bareMb = await rssAfterStart([
    "-e",
    'require("node:http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", () => console.log("up"))',
  ]);
  rows.push([
    "liuzhi serve, resident memory after start",
    `${serverMb.toFixed(0)} MB (bare node:http: ${bareMb.toFixed(0)} MB)`,
    "—",
  ]);
  rmSync(scratch, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`Node ${process.version}, ${process.arch}\n`);
for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(24)}  goal ${goal}`);

// --- The dashboard and the API (issue 5) -------------------------------------------------------
// First-view size (gzip -9 of the HTML, its JS and CSS, and the data file), what-if update time in
// headless Chromium, and API requests/s under autocannon (a second process) against a bare node:http
// server returning the same bytes.
{
  const { execFile } = await import("node:child_process");
  const { createServer } = await import("node:http");
  const { gzipSync } = await import("node:zlib");
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { getRequestListener } = await import("@hono/node-server");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { openLedger } = await import("../src/ledger/index.ts");
  const { createServerApp, dashboardData, ensureWebBundle, loadStaticFiles, publicResponseCache } = await import(
    "../src/server/index.ts"
  );
  const { launchChromium } = await import("../test/support/chromium.ts");

  const web = await ensureWebBundle();
  const html = readFileSync(join(web, "index.html"), "utf8");
  const firstView = [
    html,
    ...[...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => readFileSync(join(web, m[1]!))),
    JSON.stringify(dashboardData(ledger, "bench")),
  ];
  const kb = firstView.reduce((sum, part) => sum + gzipSync(part, { level: 9 }).length, 0) / 1024;
  const more: Array<[string, string, string]> = [
    ["Dashboard first view, gzip (HTML+JS+CSS+data)", `${kb.toFixed(1)} KB`, "< 150 KB"],
  ];

  // The server as `npm start` composes it: a database (for editing and snapshot refresh), the app,
  // and the public response cache in front of it.
  const dbDir = mkdtempSync(join(tmpdir(), "liuzhi-bench-"));
  const { db } = await openLedger({ kind: "sqlite", file: join(dbDir, "bench.sqlite") });
  const serverApp = createServerApp({ ledger, version: "bench", db, web: loadStaticFiles(web) });
  const cached = publicResponseCache(serverApp);
  const honoListener = getRequestListener(serverApp.app.fetch);
  const listen = (handler: Parameters<typeof createServer>[1]) =>
    new Promise<{ port: number; close: () => void }>((resolve) => {
      const s = createServer(handler).listen(0, "127.0.0.1", () =>
        resolve({ port: (s.address() as { port: number }).port, close: () => s.close() }),
      );
    });
  const honoServer = await listen((req, res) => {
    void cached(req, res).then((answered) => (answered ? undefined : honoListener(req, res)));
  });
  const honoOnly = await listen((req, res) => void honoListener(req, res));

  try {
    const { context, close } = await launchChromium();
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${honoServer.port}/`);
      await page.waitForSelector("[data-figure]");
      // Each change waits for its interval (the Monte Carlo runs in a worker) before the next one.
      for (let i = 0; i < 30; i++) {
        await page.locator("#ratio-high").fill(i % 2 ? "0.25" : "0.3");
        await page.waitForFunction((n) => (window.__liuzhiWhatIfIntervalMs?.length ?? 0) >= n, i + 1);
      }
      const [times, intervals] = await page.evaluate(() => [
        window.__liuzhiWhatIfMs ?? [],
        window.__liuzhiWhatIfIntervalMs ?? [],
      ]);
      const median = (all: number[]) => {
        const sorted = all.slice(5).sort((a, b) => a - b);
        return `${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms (max ${sorted.at(-1)!.toFixed(1)})`;
      };
      more.push(
        ["What-if update in Chromium (totals, chart, table; interval follows)", median(times), "< 16 ms"],
        ["What-if interval in Chromium (input to shown; 20,000 draws in a worker)", median(intervals), "—"],
      );
    } finally {
      await close();
    }
  } catch (error) {
    more.push(["What-if update in Chromium", `not measured: ${(error as Error).message.split("\n")[0]}`, "< 16 ms"]);
  }

  const sample = await fetch(`http://127.0.0.1:${honoServer.port}/api/estimates`, {
    headers: { "Accept-Encoding": "identity" },
  });
  const bytes = Buffer.from(await sample.arrayBuffer());
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, key) => {
    if (key !== "content-encoding" && key !== "transfer-encoding" && key !== "connection" && key !== "keep-alive")
      headers[key] = value;
  });
  headers["content-length"] = String(bytes.length);
  const bare = await listen((_req, res) => {
    res.writeHead(200, headers);
    res.end(bytes);
  });
  const autocannon = (port: number) =>
    new Promise<number>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          join(import.meta.dirname, "../node_modules/autocannon/autocannon.js"),
          "-j",
          "-c",
          "50",
          "-d",
          "5",
          `http://127.0.0.1:${port}/api/estimates`,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout).requests.average as number)),
      ),
    );
  const honoRps = await autocannon(honoServer.port);
  const honoOnlyRps = await autocannon(honoOnly.port);
  const bareRps = await autocannon(bare.port);
  honoServer.close();
  honoOnly.close();
  bare.close();
  await db.destroy();
  rmSync(dbDir, { recursive: true, force: true });
  more.push([
    "GET /api/estimates as npm start serves it (autocannon, 50 connections, 5 s)",
    `${Math.round(honoRps)} req/s = ${(honoRps / bareRps).toFixed(2)} × bare node:http (${Math.round(bareRps)})`,
    "≥ 0.5 × bare",
  ]);
  more.push([
    "  the same through Hono alone, without the response cache",
    `${Math.round(honoOnlyRps)} req/s = ${(honoOnlyRps / bareRps).toFixed(2)} × bare`,
    "—",
  ]);
  const w = Math.max(...more.map((r) => r[0].length));
  for (const [name, value, goal] of more) console.log(`${name.padEnd(w)}  ${value.padEnd(24)}  goal ${goal}`);
}

// --- The signed audit log (issue 25): what signing costs each entry, and `audit verify --public-key` ---
{
  const { createHash } = await import("node:crypto");
  const { checkSignatures, generateAuditKey, parsePublicKey, signerFromPem } = await import("../src/audit/index.ts");
  const { privateKeyPem, publicKeyPem } = generateAuditKey();
  const signer = signerFromPem(privateKeyPem, "bench");
  const hashes = Array.from({ length: 10_000 }, (_, i) => createHash("sha256").update(String(i)).digest("hex"));
  let start = performance.now();
  const entries = hashes.map((hash, i) => ({ seq: i + 1, hash, signature: signer.sign(hash) }));
  const signMs = performance.now() - start;
  start = performance.now();
  const problems = checkSignatures(entries as never, parsePublicKey(publicKeyPem, "bench"));
  const verifyMs = performance.now() - start;
  const lines: Array<[string, string, string]> = [
    ["Ed25519 signature of one audit entry", `${((signMs / hashes.length) * 1000).toFixed(0)} µs`, "—"],
    [`Signatures of 10,000 entries checked (${problems.length} problems)`, `${verifyMs.toFixed(0)} ms`, "—"],
  ];
  const w = Math.max(...lines.map((r) => r[0].length));
  for (const [name, value, goal] of lines) console.log(`${name.padEnd(w)}  ${value.padEnd(24)}  goal ${goal}`);
}
