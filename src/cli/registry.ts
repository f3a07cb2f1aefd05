import type { Command } from "./command.ts";

/** A command as the registry knows it: enough to list it, and how to load it in full. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export const eager = (command: Command): CommandEntry => ({
  name: command.name,
  summary: command.summary,
  load: async () => command,
});

/** A command whose module is imported only when it runs; its name and summary are repeated here (a test checks they agree). */
export const lazy = (name: string, summary: string, load: () => Promise<Command>): CommandEntry => ({
  name,
  summary,
  load,
});
