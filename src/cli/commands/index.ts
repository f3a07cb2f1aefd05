import type { Command } from "../command.ts";
import { auditCommand } from "./audit.ts";
import { backupCommand, restoreCommand } from "./backup.ts";
import { chartCommand } from "./chart.ts";
import { citeCommand } from "./cite.ts";
import { estimateCommand } from "./estimate.ts";
import { exportCommand } from "./export.ts";
import { extrapolateCommand } from "./extrapolate.ts";
import { floorCommand } from "./floor.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { migrateCommand } from "./migrate.ts";
import { observationsCommand } from "./observations.ts";
import { ratesCommand } from "./rates.ts";
import { reportCommand } from "./report.ts";
import { reviewCommand } from "./review.ts";
import { serveCommand } from "./serve.ts";
import { sourcesCommand } from "./sources.ts";
import { triangulateCommand } from "./triangulate.ts";
import { uncertaintyCommand } from "./uncertainty.ts";
import { userCommand } from "./user.ts";

/** Every command, in the order `liuzhi --help` lists them. */
export const COMMANDS: ReadonlyArray<Command> = [
  observationsCommand,
  importCommand,
  exportCommand,
  sourcesCommand,
  initCommand,
  estimateCommand,
  floorCommand,
  extrapolateCommand,
  ratesCommand,
  uncertaintyCommand,
  triangulateCommand,
  serveCommand,
  userCommand,
  reviewCommand,
  auditCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  reportCommand,
  chartCommand,
  citeCommand,
];
