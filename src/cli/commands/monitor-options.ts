import type { FetchPolicy } from "../../capture/index.ts";
import type { OptionSpec, ParsedArgs } from "../command.ts";

/** --allow-private-addresses, as `sources capture` has it: for loopback tests and deliberate use only. */
export const privateAddressOption: Record<"allow-private-addresses", OptionSpec> = {
  "allow-private-addresses": {
    type: "boolean",
    help: "allow fetching loopback, private and link-local addresses (tests, deliberate use)",
  },
};

/** The policy with private addresses allowed when the flag is given (capture refuses them otherwise). */
export function privateAddressPolicy(policy: FetchPolicy, args: ParsedArgs): FetchPolicy {
  if (args.values["allow-private-addresses"] !== true) return policy;
  return { ...policy, allowPrivateAddresses: true };
}
