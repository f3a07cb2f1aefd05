import { signIn } from "../accounts/index.ts";
import type { LedgerDb } from "../store/index.ts";
import type { CommandIo, OptionSpec, ParsedArgs } from "./command.ts";
import { promptHidden, readStdinLine } from "./prompt.ts";

export const passwordOptions: Record<"password-stdin", OptionSpec> = {
  "password-stdin": { type: "boolean", help: "read the acting account's password from the first line of stdin" },
};

export class AuthenticationError extends Error {
  override name = "AuthenticationError";
}

/**
 * Proves the command line acts for the account it names (`--as NAME`): the account's password is
 * checked like a web sign-in (same per-name delays), taken from --password-stdin, $LIUZHI_PASSWORD, or a
 * prompt. So the audit log's names are proven, not claimed: an editor cannot approve "as" a reviewer.
 */
export async function authenticateAs(db: LedgerDb, name: string, args: ParsedArgs, io: CommandIo): Promise<string> {
  const password =
    args.values["password-stdin"] === true
      ? await readStdinLine()
      : (io.env.LIUZHI_PASSWORD ?? (process.stdin.isTTY ? await promptHidden(`Password for ${name}: `) : undefined));
  if (password === undefined) {
    throw new AuthenticationError(
      `acting as '${name}' needs that account's password: type it at the prompt, pipe it with --password-stdin, or set LIUZHI_PASSWORD`,
    );
  }
  const result = await signIn(db, name, password);
  if (!result.ok) {
    throw new AuthenticationError(
      result.reason === "throttled"
        ? `too many failed sign-ins for '${name}': try again in ${result.retryAfterSeconds} second(s)`
        : `wrong account name or password for '${name}'`,
    );
  }
  return result.user.name;
}
