/**
 * The W3C Nu HTML checker (vnu.jar, from the vnu-jar npm package, run with Debian's Java) on what
 * readers open: the HTML annex (en, zh), every chart as `liuzhi chart` writes it, and each view of the
 * dashboard as `liuzhi serve` sends it and as Chromium has rendered it. No error is allowed.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cliEnv, initLedgerDir, liuzhi, ROOT, removeDir, serverAddress } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import { SETUP_COMMAND } from "./support/setup.ts";

const VNU = join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
let dir: string;
let db: string;

beforeAll(async () => {
  ({ dir, db } = await initLedgerDir());
});
afterAll(() => removeDir(dir));

interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url: string;
  readonly lastLine?: number;
  readonly message: string;
  readonly extract?: string;
}

/** Runs the checker on files; resolves with its errors (warnings and notes left out). */
function vnuErrors(files: ReadonlyArray<string>): Promise<VnuMessage[]> {
  if (!existsSync(VNU)) throw new Error(`vnu.jar is missing at ${VNU}: run npm install`);
  return new Promise((resolve, reject) =>
    execFile(
      "java",
      ["-Xss8m", "-jar", VNU, "--errors-only", "--also-check-svg", "--format", "json", "--exit-zero-always", ...files],
      { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (error, _stdout, stderr) => {
        if (error) {
          reject(new Error(`the Nu HTML checker did not run (Java missing? ${SETUP_COMMAND}): ${error.message}`));
          return;
        }
        const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
        resolve(messages.filter((m) => m.type === "error" || m.subType === "fatal"));
      },
    ),
  );
}

const describeErrors = (errors: ReadonlyArray<VnuMessage>) =>
  errors.map((e) => `${e.url.split("/").at(-1)}:${e.lastLine ?? "?"}: ${e.message} [${e.extract ?? ""}]`).join("\n");

describe("the Nu HTML checker", () => {
  it("finds no error in the HTML annex and the charts, en and zh", { timeout: 900_000 }, async () => {
    const files: string[] = [];
    for (const lang of ["en", "zh"]) {
      const out = join(dir, `annex-${lang}.html`);
      const r = await liuzhi(["report", "--format", "html", "--lang", lang, "--out", out, "--db", db], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      files.push(out);
      for (const chart of ["yearly", "cumulative", "provinces"]) {
        const svg = join(dir, `${chart}-${lang}.svg`);
        const c = await liuzhi(["chart", chart, "--format", "svg", "--lang", lang, "--out", svg, "--db", db], {
          cwd: dir,
        });
        expect(c.status, c.stderr).toBe(0);
        files.push(svg);
      }
    }
    const errors = await vnuErrors(files);
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  it("finds no error in the dashboard's views as served and rendered, en and zh", { timeout: 900_000 }, async () => {
    let server: ChildProcess | undefined;
    const { context, close } = await launchChromium();
    try {
      server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db], {
        cwd: dir,
        env: cliEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const base = await serverAddress(server, 600_000);
      const files: string[] = [];
      const served = join(dir, "served-index.html");
      writeFileSync(served, await (await fetch(`${base}/`)).text());
      files.push(served);
      for (const lang of ["en", "zh"]) {
        for (const view of ["overview", "ledger", "methods", "downloads"]) {
          const page = await context.newPage();
          await page.goto(`${base}/?lang=${lang}&view=${view}`);
          // Rendered: the view's own content is in, not the loading placeholder.
          await page.waitForSelector("#app main, #app section", { timeout: 120_000 });
          if (view === "overview") await page.waitForSelector(".chart-host svg", { timeout: 120_000 });
          // The methods page is in: its headings carry ids "m-…" (the Chinese page's slugs differ from the English).
          if (view === "methods") await page.waitForSelector('[id^="m-"]', { timeout: 120_000 });
          const html = await page.evaluate(() => document.documentElement.outerHTML);
          const file = join(dir, `dashboard-${lang}-${view}.html`);
          writeFileSync(file, `<!DOCTYPE html>\n${html}\n`);
          files.push(file);
          await page.close();
        }
      }
      const errors = await vnuErrors(files);
      expect(errors, describeErrors(errors)).toEqual([]);
    } finally {
      await close();
      server?.kill();
    }
  });
});
