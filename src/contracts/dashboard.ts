import type { CoverageSummary, Ledger, SourceCaptureSummary } from "../core/index.ts";
import type { ModelResult, RunManifest, UncertaintyResult } from "../methods/index.ts";

/** The part of `liuzhi model`'s result the dashboard shows, kept small for slow networks. */
export type ModelSummary = Pick<ModelResult, "years" | "total" | "heldOut" | "draws" | "seed">;

/** `data/dashboard.json`: what the browser app reads; the server and `build-site` write it from the ledger. */
export interface DashboardData {
  readonly version: string;
  readonly ledgerSha256: string;
  readonly ledger: Ledger;
  /** `liuzhi uncertainty` at its defaults (UNCERTAINTY_PARAMS), so the headline equals the CLI's. */
  readonly uncertainty: { readonly manifest: RunManifest; readonly result: UncertaintyResult };
  /**
   * `liuzhi model` at its defaults (the current estimate): what the overview shows of it — each year,
   * the total and the held-out checks, as the command prints them; the rest (weights, leave-one-out
   * runs) is at /api/model. Absent where the ledger has no nationwide figure to model.
   */
  readonly model?: { readonly manifest: RunManifest; readonly result: ModelSummary };
  /** The latest capture of each captured source, by source id; absent when the server has no captures. */
  readonly captures?: Readonly<Record<string, SourceCaptureSummary>>;
  /** Documented cases against official figures, suppressed server-side; absent when the register holds no case. */
  readonly coverage?: CoverageSummary;
  /**
   * True where the same server serves team editing under /edit (`liuzhi serve` with a database), so
   * the footer links to its sign-in; absent in the static site (`build-site`), where /edit does not exist.
   */
  readonly teamEditing?: true;
  /** True where the same server serves the /embed/ pages other sites may frame (`liuzhi serve`), so the dashboard offers their iframe code. */
  readonly embeds?: true;
}

/** The files under downloads/, in the order the page lists them. */
export const DOWNLOADS = [
  { file: "data-package/datapackage.json", kind: "datapackage" },
  { file: "data-package/sources.csv", kind: "csv" },
  { file: "data-package/jurisdictions.csv", kind: "csv" },
  { file: "data-package/observations.csv", kind: "csv" },
  { file: "data-package/assumptions.csv", kind: "csv" },
  { file: "data-package/watch-list.csv", kind: "csv" },
  { file: "data-package/legal-regimes.csv", kind: "csv" },
  { file: "citations/sources.bib", kind: "bibtex" },
  { file: "citations/sources.csl.json", kind: "csl-json" },
  { file: "report-en.docx", kind: "docx" },
  { file: "report-en.xlsx", kind: "xlsx" },
  { file: "report-en.html", kind: "html" },
  { file: "report-en.md", kind: "md" },
  { file: "report-zh.docx", kind: "docx" },
  { file: "report-zh.xlsx", kind: "xlsx" },
  { file: "report-zh.html", kind: "html" },
  { file: "report-zh.md", kind: "md" },
  // Last: the SHA-256 of every file above, in the format `sha256sum -c SHA256SUMS` checks.
  { file: "SHA256SUMS", kind: "checksums" },
] as const;
