/**
 * A team's service, end to end: `liuzhi serve --schedule` (a schedule of seconds) against a loopback
 * watch site, behind Caddy on HTTPS (deploy/Caddyfile with `tls internal`), with a local SMTP server
 * and a webhook receiver. Without any command typed, a new release becomes drafts; the reviewers'
 * feed, the mail server and the webhook receive them; backups appear, rotate and restore; the job
 * list shows the runs. Then Chromium, through HTTPS, signs in, approves the drafts, and a page of
 * another site that frames the figure's embed page shows the new figure (while /edit refuses to be framed).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, createHmac, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { request } from "node:https";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { type Change, listChanges } from "../src/review/index.ts";
import { BIN, cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, ROOT, removeDir, serverAddress } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import { type MonitorSite, PROVINCE_PATH, startMonitorSite } from "./support/monitor-server.ts";
import { hasCommand, SETUP_COMMAND } from "./support/setup.ts";
import { startSmtp } from "./support/smtp.ts";

const PASSWORD = "rosa's long password";
const HOOK_SECRET = "the team chat's webhook secret";
const FIGURE = "liuzhi_placements CN-YN 2024-01-01..2024-06-30 = 473";
const LONG = 6 * E2E_TIMEOUT;

let dir: string;
let db: string;
let site: MonitorSite;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hookServer: Server;
const hooks: Array<{ body: string; signature: string }> = [];
let serve: ChildProcess;
let caddy: ChildProcess;
let caddyLog = "";
let serveLog = "";
let origin: string;
let rootCa: string;
let caDir: string;
let feedKey: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** GET through Caddy over HTTPS, trusting only Caddy's own local root (as `curl --cacert` would). */
function httpsGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { ca: rootCa, servername: "localhost" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined> | T | null | undefined, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\nserve:\n${serveLog}\ncaddy:\n${caddyLog}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Serious or critical axe violations of the page as it is now (none expected). */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function changes(): Promise<Change[]> {
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  try {
    return await listChanges(handle);
  } finally {
    await handle.destroy();
  }
}

beforeAll(async () => {
  for (const command of ["caddy"]) {
    if (!hasCommand(command))
      throw new Error(`${command} is missing. Install the suite's system tools with:\n  ${SETUP_COMMAND}`);
  }
  dir = makeTempDir();
  db = join(dir, "team.sqlite");
  site = await startMonitorSite();
  smtp = await startSmtp();
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      hooks.push({ body, signature: String(req.headers["x-liuzhi-signature"]) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));

  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  await createUser(handle, { name: "rosa", role: "reviewer", password: PASSWORD, actor: "test" });
  await createUser(handle, { name: "ada", role: "admin", password: PASSWORD, actor: "test" });
  await handle.destroy();
  const key = await liuzhi(["feeds", "key", "rosa", "--db", db], { cwd: dir, env: cliEnv() });
  expect(key.status, key.stderr).toBe(0);
  feedKey = key.stdout.trim();

  const caddyPort = await freePort();
  origin = `https://localhost:${caddyPort}`;
  writeFileSync(
    join(dir, "watch-list.csv"),
    [
      "id,url,kind,publisher,publisher_zh,jurisdiction,every_days,link_pattern,note",
      `test-yunnan,${site.url(PROVINCE_PATH)},page,Yunnan Provincial Commission for Discipline Inspection,云南省纪委监委,CN-YN,7,,`,
      "",
    ].join("\n"),
  );
  const schedule = {
    retries: 1,
    backoffSeconds: 1,
    jobs: [
      { kind: "watch", cron: "*/2 * * * * *", list: "watch-list.csv", delayMs: 0, allowPrivateAddresses: true },
      { kind: "backup", cron: "*/3 * * * * *", dir: "backups", keep: 2 },
      { kind: "audit-head", cron: "*/3 * * * * *", file: "public/audit-head.txt" },
    ],
    notify: {
      origin,
      email: { smtp: `smtp://127.0.0.1:${smtp.port}`, from: "liuzhi@example.org", to: ["reviewers@example.org"] },
      webhooks: [{ url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`, secret: HOOK_SECRET }],
    },
  };
  writeFileSync(join(dir, "schedule.json"), JSON.stringify(schedule, null, 2));

  serve = spawn(
    process.execPath,
    [
      BIN,
      "serve",
      "--port",
      "0",
      "--db",
      db,
      "--store",
      join(dir, "captures"),
      "--schedule",
      join(dir, "schedule.json"),
      "--trust-proxy",
      "--public-origin",
      origin,
    ],
    { cwd: dir, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  const address = await serverAddress(serve, 240_000, (text) => {
    serveLog += text;
  });
  const data = join(dir, "caddy-data");
  mkdirSync(data);
  caddy = spawn("caddy", ["run", "--config", join(ROOT, "deploy", "Caddyfile"), "--adapter", "caddyfile"], {
    cwd: dir,
    env: {
      ...cliEnv(),
      XDG_DATA_HOME: data,
      XDG_CONFIG_HOME: join(dir, "caddy-config"),
      LIUZHI_DOMAIN: origin,
      LIUZHI_TLS: "tls internal\nbind 127.0.0.1",
      LIUZHI_CADDY_OPTIONS: "auto_https disable_redirects",
      LIUZHI_UPSTREAM: new URL(address).host,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  caddy.stdout?.on("data", (chunk: Buffer) => {
    caddyLog += chunk.toString("utf8");
  });
  caddy.stderr?.on("data", (chunk: Buffer) => {
    caddyLog += chunk.toString("utf8");
  });
  caDir = join(data, "caddy", "pki", "authorities", "local");
  const rootFile = join(caDir, "root.crt");
  await until("Caddy's local root certificate", () => existsSync(rootFile), 60_000);
  rootCa = readFileSync(rootFile, "utf8");
  await until("/healthz through Caddy", async () => {
    try {
      return (await httpsGet("/healthz")).status === 200;
    } catch {
      return false;
    }
  });
}, LONG);

afterAll(async () => {
  for (const child of [caddy, serve]) {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
  await site?.close();
  await smtp?.close();
  await new Promise<void>((resolve) => (hookServer ? hookServer.close(() => resolve()) : resolve()));
  removeDir(dir);
}, E2E_TIMEOUT);

describe("the team's service, running itself behind HTTPS", () => {
  it(
    "files a new release as drafts and tells the reviewers: feed, e-mail, signed webhook",
    async () => {
      const feedPath = new URL(feedKey, origin).pathname + new URL(feedKey, origin).search;
      const feed = await until("the drafts in the reviewers' feed", async () => {
        const answer = await httpsGet(feedPath);
        return answer.status === 200 && answer.body.includes(FIGURE) ? answer : null;
      });
      expect(feed.headers["content-type"]).toMatch(/^application\/atom\+xml/);
      expect(feed.body).toContain(`<link href="${origin}/edit/changes/`);
      // Without the key or a session, the feed is refused.
      expect((await httpsGet("/feeds/drafts.atom")).status).toBe(401);
      expect((await httpsGet("/feeds/drafts.atom?key=wrongwrongwrongwrongwrong")).status).toBe(401);

      const mail = await until("the reviewers' e-mail", () =>
        smtp.mails.find((m) => m.subject.includes("await review") && m.text.includes(FIGURE)),
      );
      expect(mail.to).toEqual(["reviewers@example.org"]);
      expect(mail.text).toMatch(new RegExp(`${origin.replace(/[.]/g, "\\.")}/edit/changes/[0-9a-f-]{36}`));

      const hook = await until("the signed webhook", () => hooks.find((h) => h.body.includes(FIGURE)));
      expect(hook.signature).toBe(`sha256=${createHmac("sha256", HOOK_SECRET).update(hook.body).digest("hex")}`);

      // Drafts only: nothing reached the public ledger, and later runs (not due) filed nothing twice.
      const drafts = await changes();
      expect(drafts.every((c) => c.status === "draft" && c.author === "monitor:watch")).toBe(true);
      // Yunnan's placements once; Kunming's own figure on the same page is the city's draft, not Yunnan's.
      expect(
        drafts.filter((c) => c.row.measure === "liuzhi_placements" && c.row.jurisdiction === "CN-YN"),
      ).toHaveLength(1);
      const published = JSON.parse((await httpsGet("/api/observations?measure=liuzhi_placements")).body) as Array<{
        value: number;
        jurisdiction: string;
      }>;
      expect(published.some((o) => o.jurisdiction === "CN-YN" && o.value === 473)).toBe(false);
    },
    LONG,
  );

  it(
    "keeps two backups that restore, publishes the audit head, lists the runs, and is ready",
    async () => {
      const backups = join(dir, "backups");
      const listJobs = async () => {
        const jobs = await liuzhi(["jobs", "--db", db, "--schedule", join(dir, "schedule.json"), "--format", "json"], {
          cwd: dir,
          env: cliEnv(),
        });
        expect(jobs.status, jobs.stderr).toBe(0);
        return JSON.parse(jobs.stdout) as {
          jobs: Array<{ name: string; cron: string; next: string }>;
          runs: Array<{ job: string; outcome: string; filed: string[]; summary: string }>;
        };
      };
      const listed = await until("three backups and an audit head", async () => {
        const j = await listJobs();
        const done = (job: string) => j.runs.filter((r) => r.job === job && r.outcome === "succeeded").length;
        return done("backup") >= 3 && done("audit-head") >= 1 ? j : null;
      });
      expect(listed.jobs.map((j) => [j.name, j.cron])).toEqual([
        ["watch", "*/2 * * * * *"],
        ["backup", "*/3 * * * * *"],
        ["audit-head", "*/3 * * * * *"],
      ]);
      const watchRuns = listed.runs.filter((r) => r.job === "watch");
      expect(watchRuns.every((r) => r.outcome === "succeeded")).toBe(true);
      // One run filed the drafts (a source, Yunnan's four figures and Kunming's own); the later ones found nothing due.
      expect(watchRuns.map((r) => r.filed.length).filter((n) => n > 0)).toEqual([6]);
      expect(listed.runs.some((r) => r.outcome === "failed")).toBe(false);

      // Rotated: the two newest kept; and the newest restores into a new database, its audit log intact.
      const files = readdirSync(backups).filter((f) => f.endsWith(".json"));
      expect(files.length).toBeLessThanOrEqual(2);
      const newest = files.sort().at(-1)!;
      const restored = await liuzhi(["restore", join(backups, newest), "--db", join(dir, "restored.sqlite")], {
        cwd: dir,
        env: cliEnv(),
      });
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/Audit log intact: \d+ entries/);

      // The published head is one a later copy of the log can be checked against.
      const head = readFileSync(join(dir, "public", "audit-head.txt"), "utf8");
      const hash = /head SHA-256 ([0-9a-f]{64})/.exec(head)?.[1];
      expect(hash).toBeDefined();
      const verify = await liuzhi(["audit", "verify", "--expect-head", hash!, "--db", db], { cwd: dir, env: cliEnv() });
      expect(verify.status, verify.stderr).toBe(0);

      const ready = await httpsGet("/readyz");
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toMatchObject({
        status: "ready",
        checks: { database: "ok", migrations: "current" },
      });
    },
    LONG,
  );

  it(
    "through HTTPS, Chromium signs in, approves the drafts, and another site's page frames the new figure",
    async () => {
      const drafts = await changes();
      const figure = drafts.find((c) => c.row.measure === "liuzhi_placements")!;
      const source = drafts.find((c) => c.table === "sources")!;
      // Chromium trusts Caddy's local CA by its keys (root and the intermediate that signs the site's
      // certificate; Chromium matches the chain the server sends), as a browser with that CA installed would.
      const spki = ["root.crt", "intermediate.crt"].map((file) =>
        createHash("sha256")
          .update(
            new X509Certificate(readFileSync(join(caDir, file))).publicKey.export({ type: "spki", format: "der" }),
          )
          .digest("base64"),
      );
      const browser = await launchChromium({ args: [`--ignore-certificate-errors-spki-list=${spki.join(",")}`] });
      const framer = createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><title>A newspaper's article</title><h1>An article</h1>
<iframe id="figure" title="figure" src="${origin}/embed/figure/${encodeURIComponent(figure.targetId)}" width="600" height="300"></iframe>
<iframe id="editing" title="editing" src="${origin}/edit/login" width="600" height="300"></iframe>`);
      });
      await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
      try {
        const page = await browser.context.newPage();
        await page.goto(`${origin}/edit/login`);
        await page.getByLabel("Name").fill("rosa");
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.waitForURL(`${origin}/edit`);
        // A reviewer sees the feed link; the jobs page is for admins.
        expect(await page.getByRole("link", { name: /Drafts awaiting review, as an Atom feed/ }).count()).toBe(1);
        expect(await page.getByRole("link", { name: "Scheduled jobs and their last runs" }).count()).toBe(0);
        await page.goto(`${origin}/edit/changes/${source.id}`);
        await page.getByRole("button", { name: "Approve and publish" }).click();
        await page.waitForURL(`${origin}/edit/changes/${source.id}`);
        await page.goto(`${origin}/edit/changes/${figure.id}`);
        await page.getByRole("button", { name: "Approve and publish" }).click();
        await page.waitForURL(`${origin}/edit/changes/${figure.id}`);
        expect(await page.locator(".status-approved").first().textContent()).toBe("approved");

        // The public ledger feed says so.
        const ledgerFeed = await httpsGet("/feeds/ledger.atom");
        expect(ledgerFeed.body).toContain(`Approved observation ${figure.targetId}: ${FIGURE}`);

        // Another site frames the figure's embed page: it shows the new figure, its source and a link back.
        const other = await browser.context.newPage();
        await other.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
        const embed = other.frameLocator("#figure");
        await until("the framed figure", async () =>
          ((await embed.locator(".big").textContent()) ?? "").includes("473"),
        );
        expect(await embed.locator(".big").textContent()).toBe("473");
        expect(await embed.locator(".source").textContent()).toContain(
          "云南省纪委监委通报2024年上半年全省纪检监察机关监督检查、审查调查情况",
        );
        expect(await embed.getByRole("link", { name: "Liuzhi Monitor" }).getAttribute("href")).toBe(`${origin}/`);
        // In Chinese too; and only the embed pages may be framed.
        const zh = await httpsGet(`/embed/figure/${encodeURIComponent(figure.targetId)}?lang=zh`);
        expect(zh.body).toMatch(
          /<p class="big" data-value="473">473<\/p>\n<p>留置人数，人；云南，2024年1月1日至2024年6月30日<\/p>/,
        );
        expect(zh.headers["content-security-policy"]).toContain("frame-ancestors *");
        expect(zh.headers["x-frame-options"]).toBeUndefined();
        expect((await httpsGet("/embed/figure/x?lang=fr")).status).toBe(400);
        const edit = await httpsGet("/edit/login");
        expect(edit.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
        expect(edit.headers["x-frame-options"]).toBe("DENY");
        // The editor refuses to be framed: its frame holds no sign-in form.
        await other.waitForTimeout(500);
        const editing = other.frames().find((f) => f !== other.mainFrame() && !f.url().includes("/embed/"));
        expect(editing).toBeDefined();
        expect(await editing!.locator("input[name=password]").count()).toBe(0);

        // The dashboard's Embed button gives the iframe code of the yearly chart's embed page.
        await page.goto(`${origin}/`);
        const button = page.locator('details.embed[data-embed="/embed/chart/yearly"]');
        await button.locator("summary").click();
        expect(await button.locator("textarea").inputValue()).toContain(`<iframe src="${origin}/embed/chart/yearly"`);

        // An admin sees the schedule and the runs under /edit/jobs.
        await browser.context.clearCookies();
        const adminPage = await browser.context.newPage();
        await adminPage.goto(`${origin}/edit/login`);
        await adminPage.getByLabel("Name").fill("ada");
        await adminPage.getByLabel("Password").fill(PASSWORD);
        await adminPage.getByRole("button", { name: "Sign in", exact: true }).click();
        await adminPage.waitForURL(`${origin}/edit`);
        await adminPage.getByRole("link", { name: "Scheduled jobs and their last runs" }).click();
        await adminPage.waitForURL(`${origin}/edit/jobs`);
        expect(await adminPage.locator('#runs tr[data-job="watch"][data-outcome="succeeded"]').count()).toBeGreaterThan(
          0,
        );
        expect(
          await adminPage.locator('#runs tr[data-job="backup"][data-outcome="succeeded"]').count(),
        ).toBeGreaterThan(0);
        expect(await axeProblems(adminPage)).toEqual([]);
        for (const path of [
          `/embed/figure/${encodeURIComponent(figure.targetId)}?lang=zh`,
          "/embed/chart/yearly",
          "/embed/headline/floor",
        ]) {
          await adminPage.goto(`${origin}${path}`);
          expect(await axeProblems(adminPage), path).toEqual([]);
        }
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => framer.close(() => resolve()));
      }
    },
    LONG,
  );
});
