import { AccountError, createUser, listUsers, ROLES, setUserDisabled } from "../../accounts/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { promptHidden, readStdinLine } from "../prompt.ts";
import { formatTextTable } from "../text-table.ts";
import { cliActor, withLedger } from "../with-ledger.ts";

async function passwordFor(args: { values: Record<string, unknown> }): Promise<string | undefined> {
  if (args.values["password-stdin"] === true) return readStdinLine();
  if (args.values["setup-link"] === true || !process.stdin.isTTY) return undefined;
  const first = await promptHidden("Password: ");
  const second = await promptHidden("Password again: ");
  if (first !== second) throw new UsageError("the two passwords differ; nothing was created");
  return first;
}

export const userCommand: Command = {
  name: "user",
  summary: "Manage accounts: add, disable, enable, list",
  positionals: "add NAME --role ROLE | disable NAME | enable NAME | list",
  description:
    "add creates an account. The password is typed at a prompt (twice, not echoed), or read from stdin with --password-stdin; with --setup-link (or when there is no terminal) a one-time link is printed instead, once, for the person to choose their own password within 24 hours. Every account change is written to the audit log.",
  options: {
    ...dbOption,
    role: { type: "string", valueName: ROLES.join("|"), help: "role of a new account" },
    "password-stdin": { type: "boolean", help: "read the password from the first line of stdin" },
    "setup-link": { type: "boolean", help: "print a one-time setup link instead of asking for a password" },
    "base-url": {
      type: "string",
      valueName: "URL",
      help: "address of the dashboard for the setup link (default http://127.0.0.1:8080)",
    },
    reason: { type: "string", valueName: "TEXT", help: "why (recorded in the audit log)" },
  },
  examples: [
    "liuzhi user add amina --role reviewer",
    "liuzhi user add li --role editor --setup-link",
    "liuzhi user disable li --reason 'left the team'",
  ],
  async run(args, io) {
    const [action, name] = args.positionals;
    const actor = cliActor(io);
    try {
      if (action === "list") {
        const users = await withLedger(args, io, listUsers);
        io.out(
          formatTextTable(
            ["name", "role", "disabled", "created"],
            users.map((u) => [u.name, u.role, u.disabled ? "yes" : "", u.createdAt]),
          ),
        );
        return 0;
      }
      if (!name) throw new UsageError(`user ${action ?? ""} needs a NAME`);
      if (action === "add") {
        const role = args.values.role;
        if (typeof role !== "string") throw new UsageError(`user add needs --role (${ROLES.join(", ")})`);
        const password = await passwordFor(args);
        const { setupToken } = await withLedger(args, io, (db) =>
          createUser(db, { name, role, actor, ...(password === undefined ? {} : { password }) }),
        );
        io.out(`Created account '${name}' (${role}).\n`);
        if (setupToken) {
          const base = (args.values["base-url"] as string | undefined) ?? "http://127.0.0.1:8080";
          io.out(
            `One-time setup link (shown once, valid 24 hours):\n  ${base.replace(/\/$/, "")}/edit/setup#${setupToken}\n`,
          );
        }
        return 0;
      }
      if (action === "disable" || action === "enable") {
        const reason = args.values.reason as string | undefined;
        await withLedger(args, io, (db) =>
          setUserDisabled(db, { name, disabled: action === "disable", actor, ...(reason ? { reason } : {}) }),
        );
        io.out(`Account '${name}' ${action}d.\n`);
        return 0;
      }
      throw new UsageError(`unknown action '${action ?? ""}': expected add, disable, enable or list`);
    } catch (error) {
      if (error instanceof AccountError) throw new UsageError(error.message);
      throw error;
    }
  },
};
