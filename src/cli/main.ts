import { parseArgs } from "node:util";
import { auditSignerFromEnv, useAuditSigner } from "../audit/index.ts";
import { InvalidOption } from "../methods/index.ts";
import { type Command, type CommandIo, UsageError } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { commandHelp, commandUsage, mainHelp } from "./help.ts";
import { terminalText } from "./terminal-text.ts";
import { VERSION } from "./version.ts";

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

function parse(command: Command, argv: ReadonlyArray<string>) {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [
      name,
      { type: spec.type, multiple: spec.multiple ?? false },
    ]),
  );
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, "").replace(/\. To specify.*$/s, ""));
  }
}

/** Runs the CLI on `argv` (without node and script); returns the exit status. */
export async function main(argv: ReadonlyArray<string>, io: CommandIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(mainHelp(COMMANDS));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`liuzhi: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(", ")}\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    const args = parse(command, rest);
    if (args.values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    // Every entry this process appends to the audit log is signed with the server's key, if one is configured.
    useAuditSigner(auditSignerFromEnv(io.env));
    return await command.run(args, io);
  } catch (error) {
    // A wrong flag or value, however found: exit status 2, naming the option and what it allows.
    const usage =
      error instanceof InvalidOption
        ? `invalid --${error.field}${error.value === undefined ? "" : ` '${error.value}'`}: ${error.allowed}`
        : error instanceof UsageError
          ? error.message
          : undefined;
    if (usage !== undefined) {
      io.err(`liuzhi ${command.name}: ${usage}\nUsage: ${commandUsage(command)}  (see --help)\n`);
      return 2;
    }
    io.err(`liuzhi ${command.name}: ${terminalText((error as Error).message, { keepLines: true })}\n`);
    return 1;
  }
}
