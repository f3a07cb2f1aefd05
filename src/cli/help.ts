import type { Command } from "./command.ts";

function optionLines(command: Command): string[] {
  const entries = Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : ""}`;
    return [flag, spec.help] as const;
  });
  entries.push(["--help", "show this help"]);
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return entries.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`);
}

export function commandUsage(command: Command): string {
  return `liuzhi ${command.name}${command.positionals ? ` ${command.positionals}` : ""} [options]`;
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: ${commandUsage(command)}`, "", command.summary];
  if (command.description) lines.push("", command.description);
  lines.push("", "Options:", ...optionLines(command));
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}

export function mainHelp(commands: ReadonlyArray<{ name: string; summary: string }>): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: liuzhi <command> [options]",
    "",
    "Liuzhi Monitor: a ledger of official figures on liuzhi (留置) with their sources, and the estimates built on them.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `liuzhi <command> --help` for a command's options. Every command takes --db FILE (SQLite; or $LIUZHI_DB);\n$DATABASE_URL=postgres://… runs everything on PostgreSQL instead.",
    "",
  ].join("\n");
}
