// The CLI and the server as compiled JavaScript, built on first run and reused until a source changes:
// `liuzhi` starts in a fraction of the time the TypeScript loader takes, with no build step between a
// checkout and a working command. Plain JavaScript, so it runs before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** What the compiled code is made from: a change to any of these makes a new build. */
const INPUTS = ["src", "vite.config.ts", "bin/compile.js", "package.json"];
const KEEP_MS = 10 * 60 * 1000;

function files(root, path, out) {
  const full = join(root, path);
  if (!existsSync(full)) return out;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      if (!name.endsWith(".test.ts") && !name.endsWith(".test.tsx")) files(root, `${path}/${name}`, out);
    }
  } else out.push(path);
  return out;
}

/** The build's key: the path of the checkout and the bytes of every input file (tests left out). */
export function sourceKey(root = ROOT) {
  const hash = createHash("sha256").update(root).update("\0").update(process.version).update("\0");
  for (const input of INPUTS) {
    for (const path of files(root, input, []))
      hash
        .update(path)
        .update("\0")
        .update(readFileSync(join(root, path)))
        .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Packages loaded from node_modules at run time. Kysely and zod are compiled in: each is hundreds of
 * small ES modules, and resolving them one by one is most of a command's start-up time.
 */
const BUNDLED = new Set(["kysely", "zod"]);
function externals(root) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.has(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/**
 * esbuild bundles our sources (packages stay external, loaded from node_modules as before). Each
 * module keeps the `import.meta.url` of its source file, so paths it resolves from it (data/,
 * package.json, vite.config.ts) are the same compiled or not.
 */
async function build(root, outdir) {
  const { build } = await import("esbuild");
  await build({
    absWorkingDir: root,
    entryPoints: { main: join(root, "src/cli/main.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: externals(root),
    sourcemap: "linked",
    logLevel: "error",
    plugins: [
      {
        name: "source-import-meta-url",
        setup(b) {
          b.onLoad({ filter: /\.tsx?$/ }, (args) => {
            if (relative(root, args.path).startsWith("node_modules")) return undefined;
            const source = readFileSync(args.path, "utf8");
            const url = JSON.stringify(pathToFileURL(args.path).href);
            return {
              contents: source.replaceAll("import.meta.url", url),
              loader: args.path.endsWith("x") ? "tsx" : "ts",
            };
          });
        },
      },
    ],
  });
}

/** Removes builds and abandoned scratch folders older than ten minutes, newest three kept (a running server may still load from one). */
function prune(cacheDir, keep) {
  const now = Date.now();
  const entries = readdirSync(cacheDir)
    .filter((name) => name !== keep)
    .map((name) => ({ name, mtime: statSync(join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  entries.forEach((e, i) => {
    const stale = now - e.mtime > KEEP_MS;
    if (stale && (e.name.startsWith(".build-") || i >= 2))
      rmSync(join(cacheDir, e.name), { recursive: true, force: true });
  });
}

/**
 * The compiled entry (main.js) for the current sources, under var/cli (or $LIUZHI_CLI_CACHE, a folder
 * inside the checkout: the compiled code finds its packages in node_modules from there): built into a scratch folder and renamed into
 * place, so processes building at once never see half a build; whichever finishes first wins.
 */
export async function compiledMain(cacheDir = process.env.LIUZHI_CLI_CACHE ?? join(ROOT, "var", "cli")) {
  const key = sourceKey();
  const dir = join(cacheDir, key);
  const main = join(dir, "main.js");
  if (existsSync(main)) return main;
  mkdirSync(cacheDir, { recursive: true });
  const scratch = join(cacheDir, `.build-${process.pid}-${Date.now()}`);
  try {
    await build(ROOT, scratch);
    renameSync(scratch, dir);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(main)) throw error;
  }
  prune(cacheDir, key);
  return main;
}

export const here = dirname(fileURLToPath(import.meta.url));
