import { approveChange, ChangeRefused, listChanges, rejectChange } from "../../review/index.ts";
import { AuthenticationError, authenticateAs, passwordOptions } from "../authenticate.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { withLedger } from "../with-ledger.ts";

export const reviewCommand: Command = {
  name: "review",
  summary: "List proposed changes, approve or reject them (as a reviewer other than the author)",
  positionals: "list | approve ID --as NAME | reject ID --as NAME --reason TEXT",
  description:
    "approve and reject act for the account named by --as, proven by its password. An account that has registered a passkey cannot approve here: each of its approvals must be signed by the passkey, over the change as proposed, which only the review page in a browser can ask for (rejecting needs no passkey). An account without a passkey approves here with its password alone; the log records that approval as not passkey-signed, and 'liuzhi audit verify --require-passkeys' fails on it.",
  options: {
    ...dbOption,
    as: {
      type: "string",
      valueName: "NAME",
      help: "the reviewer's account; its password is asked for (recorded in the audit log)",
    },
    ...passwordOptions,
    reason: { type: "string", valueName: "TEXT", help: "why (required to reject)" },
    status: { type: "string", valueName: "draft|approved|rejected", help: "list: only changes in this state" },
  },
  examples: ["liuzhi review list --status draft", "liuzhi review approve 3f2a… --as amina"],
  async run(args, io) {
    const [action, id] = args.positionals;
    try {
      if (action === "list") {
        const status = args.values.status as "draft" | "approved" | "rejected" | undefined;
        const changes = await withLedger(args, io, (db) => listChanges(db, status));
        io.out(
          formatTextTable(
            ["id", "status", "table", "action", "target", "author", "reason"],
            changes.map((c) => [c.id, c.status, c.table, c.action, c.targetId, c.author, c.reason]),
          ),
        );
        return 0;
      }
      if (action !== "approve" && action !== "reject")
        throw new UsageError(`unknown action '${action ?? ""}': expected list, approve or reject`);
      if (!id) throw new UsageError(`review ${action} needs the change ID`);
      const reviewer = args.values.as;
      if (typeof reviewer !== "string") throw new UsageError(`review ${action} needs --as NAME`);
      const reason = args.values.reason as string | undefined;
      const change = await withLedger(args, io, async (db) => {
        await authenticateAs(db, reviewer, args, io);
        return action === "approve"
          ? approveChange(db, { changeId: id, reviewer, ...(reason ? { reason } : {}) })
          : rejectChange(db, { changeId: id, reviewer, reason: reason ?? "" });
      });
      io.out(`Change ${change.id} ${change.status} by ${reviewer}.\n`);
      return 0;
    } catch (error) {
      if (error instanceof ChangeRefused || error instanceof AuthenticationError) {
        io.err(`liuzhi review: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
