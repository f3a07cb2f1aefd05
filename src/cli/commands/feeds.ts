import { createFeedToken } from "../../service/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { withLedger } from "../with-ledger.ts";

export const feedsCommand: Command = {
  name: "feeds",
  summary: "Give an account a secret address of the reviewers' Atom feed (drafts awaiting review)",
  positionals: "key NAME",
  description:
    "The public feed of ledger changes is /feeds/ledger.atom. The feed of drafts awaiting review, /feeds/drafts.atom, needs a signed-in account; for a feed reader that cannot sign in, `feeds key NAME` makes the account a secret and prints the address with it (?key=…). Only the secret's SHA-256 is stored; running it again replaces the secret, so the old address stops working.",
  options: {
    ...dbOption,
    origin: {
      type: "string",
      valueName: "URL",
      help: "the origin people open, e.g. https://liuzhi.example.org ($LIUZHI_PUBLIC_ORIGIN)",
    },
  },
  examples: ["liuzhi feeds key rosa --origin https://liuzhi.example.org"],
  async run(args, io) {
    const [action, name, ...extra] = args.positionals;
    if (action !== "key" || name === undefined || extra.length > 0) {
      throw new UsageError(`expected 'feeds key NAME', got 'feeds ${args.positionals.join(" ")}'`);
    }
    const origin = (args.values.origin as string | undefined) ?? io.env.LIUZHI_PUBLIC_ORIGIN ?? "";
    if (origin !== "" && (!URL.canParse(origin) || new URL(origin).origin !== origin)) {
      throw new UsageError(`invalid --origin '${origin}': expected an origin such as https://liuzhi.example.org`);
    }
    const token = await withLedger(args, io, async (db) => {
      const user = await db
        .selectFrom("users")
        .select(["name", "disabled"])
        .where("name", "=", name)
        .executeTakeFirst();
      if (!user) throw new UsageError(`no account named '${name}'`);
      if (Number(user.disabled) !== 0) throw new UsageError(`the account '${name}' is disabled`);
      return createFeedToken(db, name);
    });
    io.out(`${origin}/feeds/drafts.atom?key=${token}\n`);
    io.err("Keep this address private: it shows the drafts awaiting review to whoever has it.\n");
    return 0;
  },
};
