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
} from "../reports/index.ts";

/**
 * Every file of the dashboard's downloads/ folder, by path: the data package (as `liuzhi export`
 * writes it) and the report in each format and language (as `liuzhi report` writes it).
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
    const text = (s: string) => new TextEncoder().encode(s);
    files.set(`report-${lang}.md`, text(renderMarkdown(report)));
    files.set(`report-${lang}.html`, text(renderHtml(report)));
    files.set(`report-${lang}.docx`, new Uint8Array(await renderDocx(report)));
    files.set(`report-${lang}.xlsx`, new Uint8Array(await renderXlsx(report)));
  }
  for (const d of DOWNLOADS) if (!files.has(d.file)) throw new Error(`download ${d.file} was not produced`);
  return files;
}

export const DOWNLOAD_TYPES: Record<string, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
