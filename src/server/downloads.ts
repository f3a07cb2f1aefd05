import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOWNLOADS } from "../contracts/index.ts";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import { writeDataPackage } from "../ledger/index.ts";
import {
  buildReport,
  type Lang,
  readLegalFramework,
  renderDocx,
  renderHtml,
  renderMarkdown,
  renderXlsx,
  toBibtex,
  toCslJson,
} from "../reports/index.ts";

/**
 * Every file of the dashboard's downloads/ folder, by path: the data package (as `liuzhi export`
 * writes it), the citations of every source (as `liuzhi cite` writes them), the report in each
 * format and language (as `liuzhi report` writes it), and SHA256SUMS listing the hash of each.
 */
export async function downloadFiles(
  ledger: Ledger,
  options: { version: string; generated: string } & PublicSummaries,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-downloads-"));
  try {
    for (const path of writeDataPackage(ledger, dir)) {
      files.set(`data-package/${path.slice(dir.length + 1)}`, readFileSync(path));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = (s: string) => new TextEncoder().encode(s);
  files.set("citations/sources.bib", text(toBibtex(ledger, options.captures)));
  files.set("citations/sources.csl.json", text(toCslJson(ledger, options.captures)));
  const legal = readLegalFramework();
  for (const lang of ["en", "zh"] as const satisfies ReadonlyArray<Lang>) {
    const report = buildReport(ledger, {
      lang,
      generated: options.generated,
      version: options.version,
      legal,
      ...(options.captures ? { captures: options.captures } : {}),
      ...(options.coverage ? { coverage: options.coverage } : {}),
    });
    files.set(`report-${lang}.md`, text(renderMarkdown(report)));
    files.set(`report-${lang}.html`, text(renderHtml(report)));
    files.set(`report-${lang}.docx`, new Uint8Array(await renderDocx(report)));
    files.set(`report-${lang}.xlsx`, new Uint8Array(await renderXlsx(report)));
  }
  files.set("SHA256SUMS", text(checksums(files)));
  for (const d of DOWNLOADS) if (!files.has(d.file)) throw new Error(`download ${d.file} was not produced`);
  return files;
}

/** `sha256sum`'s own format (hash, two spaces, path), so `sha256sum -c SHA256SUMS` checks a downloaded folder. */
function checksums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files].map(([path, bytes]) => `${createHash("sha256").update(bytes).digest("hex")}  ${path}\n`).join("");
}

export const DOWNLOAD_TYPES: Record<string, string> = {
  json: "application/json; charset=utf-8",
  bib: "application/x-bibtex; charset=utf-8",
  // SHA256SUMS
  "": "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
