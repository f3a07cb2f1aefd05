/**
 * bin/liuzhi.js runs JavaScript compiled from src/ on first run: several processes starting at once
 * on an empty cache each get a working CLI (one build wins, no half-built folder is ever used), and a
 * change to any file under src/ makes a new build.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript without types: it runs before anything is compiled
import { sourceKey } from "../bin/compile.js";
import { BIN, cliEnv, E2E_TIMEOUT, makeTempDir, ROOT, removeDir } from "./helpers.ts";

let dir: string;
const caches: string[] = [];
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => {
  removeDir(dir);
  for (const cache of caches) removeDir(cache);
});

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );

describe("the compiled CLI", { timeout: 4 * E2E_TIMEOUT }, () => {
  it("builds once into an empty cache while three processes start at the same time", async () => {
    // Inside the checkout, as var/cli is: the compiled code finds its packages in node_modules from there.
    const cache = join(ROOT, "var", `test-cli-${process.pid}`);
    caches.push(cache);
    const env = cliEnv({ LIUZHI_CLI_CACHE: cache });
    const db = join(dir, "x.sqlite");
    const init = await run(["init", "--db", db], cliEnv());
    expect(init.status, init.stderr).toBe(0);
    const results = await Promise.all([1, 2, 3].map(() => run(["estimate", "--format", "csv", "--db", db], env)));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(results[0]!.stdout).toMatch(/^period,punished_cat3_4,cat4_10pct/);
    // One finished build; no scratch folder left behind.
    expect(readdirSync(cache)).toEqual([sourceKey()]);
  });

  it("changes its key whenever a file under src/ changes, and only then", () => {
    const copy = join(dir, "checkout");
    mkdirSync(copy);
    cpSync(join(ROOT, "src"), join(copy, "src"), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
    const before = sourceKey(copy);
    expect(sourceKey(copy)).toBe(before);
    writeFileSync(join(copy, "src", "methods", "new-method.ts"), "export const x = 1;\n");
    const added = sourceKey(copy);
    expect(added).not.toBe(before);
    writeFileSync(join(copy, "src", "methods", "new-method.ts"), "export const x = 2;\n");
    expect(sourceKey(copy)).not.toBe(added);
  });
});
