import type { Command } from "../command.ts";
import { estimateCommand } from "./estimate.ts";
import { exportCommand } from "./export.ts";
import { extrapolateCommand } from "./extrapolate.ts";
import { floorCommand } from "./floor.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { observationsCommand } from "./observations.ts";
import { ratesCommand } from "./rates.ts";
import { serveCommand } from "./serve.ts";
import { sourcesCommand } from "./sources.ts";
import { triangulateCommand } from "./triangulate.ts";
import { uncertaintyCommand } from "./uncertainty.ts";

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
];
