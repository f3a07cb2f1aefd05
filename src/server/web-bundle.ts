/**
 * The dashboard's browser bundle, built with Vite from src/web on first start and cached under
 * var/web/<hash of its inputs>/, so `npm install && npm start` serves it with no separate build step
 * and a restart reuses it until a source file changes.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INPUTS = [
  "src/web",
  "src/methods",
  "src/core",
  "docs/methods.md",
  "docs/methods.zh.md",
  "vite.config.ts",
  "package-lock.json",
];

function inputsHash(): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    const full = join(ROOT, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) {
        if (!name.endsWith(".test.ts")) add(`${path}/${name}`);
      }
    } else hash.update(path).update("\0").update(readFileSync(full)).update("\0");
  };
  for (const input of INPUTS) add(input);
  return hash.digest("hex").slice(0, 16);
}

/** Builds the bundle into `outDir` (emptied first). */
export async function buildWebBundle(outDir: string): Promise<void> {
  const { build } = await import("vite");
  const { default: config } = await import("../../vite.config.ts");
  await build({
    ...config,
    configFile: false,
    logLevel: "warn",
    build: { ...config.build, outDir, emptyOutDir: true },
  });
}

/** The folder of an up-to-date bundle, building it when its inputs changed. */
export async function ensureWebBundle(cacheDir = join(ROOT, "var", "web")): Promise<string> {
  const hash = inputsHash();
  const dir = join(cacheDir, hash);
  if (existsSync(join(dir, "index.html"))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const scratch = join(cacheDir, `.build-${process.pid}-${Date.now()}`);
  await buildWebBundle(scratch);
  try {
    renameSync(scratch, dir);
  } catch (error) {
    // Another process finished the same build first: keep theirs.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(dir, "index.html"))) throw error;
  }
  for (const old of readdirSync(cacheDir)) {
    if (old !== hash && !old.startsWith(".build-")) rmSync(join(cacheDir, old), { recursive: true, force: true });
  }
  return dir;
}
