import { METHODS } from "../../methods/index.ts";
import { methodCommand } from "../method-command.ts";
import { type CommandEntry, eager, lazy } from "../registry.ts";
import { auditCommand } from "./audit.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { migrateCommand } from "./migrate.ts";
import { observationsCommand } from "./observations.ts";
import { reviewCommand } from "./review.ts";
import { sourcesCommand } from "./sources.ts";
import { userCommand } from "./user.ts";

/**
 * Every command, in the order `liuzhi --help` lists them. Commands that pull in heavy libraries
 * (reports and cases: docx, exceljs, Plot; the server: Vite) load only when run, so every other command starts fast.
 */
export const COMMANDS: ReadonlyArray<CommandEntry> = [
  eager(observationsCommand),
  eager(importCommand),
  eager(exportCommand),
  eager(sourcesCommand),
  lazy(
    "watch",
    "Visit the watch list and file the figures of new or changed official releases as drafts for review",
    async () => (await import("./watch.ts")).watchCommand,
  ),
  lazy(
    "extract",
    "Read the figures of one page or text file without touching the ledger; or backfill a folder of saved releases as drafts for review",
    async () => (await import("./extract.ts")).extractCommand,
  ),
  eager(initCommand),
  // The methods: one command each, derived from the catalogue in src/methods.
  ...METHODS.map((method) => eager(methodCommand(method))),
  lazy(
    "serve",
    "Serve the dashboard, the read-only API and team editing over HTTP",
    async () => (await import("./serve.ts")).serveCommand,
  ),
  lazy(
    "worker",
    "Run the scheduled jobs without serving HTTP, beside a liuzhi serve on the same database",
    async () => (await import("./jobs.ts")).workerCommand,
  ),
  lazy(
    "jobs",
    "List the scheduled jobs and their last runs, or run one now",
    async () => (await import("./jobs.ts")).jobsCommand,
  ),
  lazy(
    "feeds",
    "Give an account a secret address of the reviewers' Atom feed (drafts awaiting review)",
    async () => (await import("./feeds.ts")).feedsCommand,
  ),
  eager(userCommand),
  eager(reviewCommand),
  eager(auditCommand),
  eager(migrateCommand),
  eager(backupCommand),
  eager(restoreCommand),
  lazy(
    "build-site",
    "Write the public dashboard as static files (HTML, JS, CSS, JSON data, downloads) for any static host",
    async () => (await import("./build-site.ts")).buildSiteCommand,
  ),
  lazy(
    "report",
    "Write the data annex (estimates, floor, rates, uncertainty, Appendix I, legal framework) with footnoted sources",
    async () => (await import("./report.ts")).reportCommand,
  ),
  lazy(
    "chart",
    "Render one chart (yearly, cumulative, provinces) as SVG or PNG, with its title, units, source and data date",
    async () => (await import("./chart.ts")).chartCommand,
  ),
  lazy(
    "cite",
    "Write every source in the ledger as citations (BibTeX or CSL-JSON) that Zotero imports",
    async () => (await import("./cite.ts")).citeCommand,
  ),
  lazy(
    "case",
    "The individual case register (confidential, encrypted): add, import, list, show, deadlines, export, delete, coverage, rekey",
    async () => (await import("./case.ts")).caseCommand,
  ),
];
