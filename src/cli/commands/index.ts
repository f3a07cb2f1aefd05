import type { Command } from "../command.ts";
import { exportCommand } from "./export.ts";
import { importCommand } from "./import.ts";
import { initCommand } from "./init.ts";
import { observationsCommand } from "./observations.ts";
import { serveCommand } from "./serve.ts";

/** Every command, in the order `liuzhi --help` lists them. */
export const COMMANDS: ReadonlyArray<Command> = [
  observationsCommand,
  importCommand,
  exportCommand,
  initCommand,
  serveCommand,
];
