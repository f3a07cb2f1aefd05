/**
 * Builds the dashboard (src/web) into a folder of static files with relative paths, so it works from
 * any folder or host. `liuzhi serve` builds it on start (cached in var/web/), `liuzhi build-site`
 * writes it with the data and downloads. The methods page is rendered from docs/methods.md here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { markdownToHtml } from "./src/web/build/markdown.ts";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Emits methods.fragment.html and methods.zh.fragment.html: docs/methods.md and its Chinese
 * translation docs/methods.zh.md as HTML, fetched when the methods view opens in that language.
 */
function methodsPage(): Plugin {
  return {
    name: "liuzhi-methods-page",
    generateBundle() {
      for (const [doc, fileName] of [
        ["./docs/methods.md", "methods.fragment.html"],
        ["./docs/methods.zh.md", "methods.zh.fragment.html"],
      ] as const) {
        this.emitFile({ type: "asset", fileName, source: markdownToHtml(readFileSync(here(doc), "utf8")) });
      }
    },
  };
}

export default defineConfig({
  root: here("./src/web"),
  base: "./",
  publicDir: false,
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }), methodsPage()],
  build: {
    outDir: here("./var/web/dev"),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      // core declares the ledger's tables with zod at module level; the browser needs none of that.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/](core|methods)[\\/]/.test(id) },
    },
  },
});
