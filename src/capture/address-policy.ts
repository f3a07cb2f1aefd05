import { lookup as systemLookup } from "node:dns";
import type { LookupFunction } from "node:net";
import { nonPublicKind } from "./address-kinds.ts";

/**
 * Which destinations capture may connect to. A source URL (or a redirect from a public page) that
 * points at this machine or the network it sits in would otherwise be fetched into a WARC: an
 * internal service's answer kept as "evidence". So loopback, private, link-local, unique-local and
 * the other non-public ranges are refused, checked on the address actually connected to (after DNS,
 * on every hop); only `allowPrivateAddresses` (`--allow-private-addresses`) lifts it.
 */

/** The words of a refusal: the URL, the name and the address it resolved to, and the one way to allow it. */
export function refusalMessage(url: string, host: string, address: string, kind: string): string {
  const where = host === address ? address : `${host} resolves to ${address}`;
  return `refused to fetch ${url}: ${where}, a ${kind} address (private addresses are fetched only with --allow-private-addresses)`;
}

/**
 * A resolver for one request that refuses non-public answers. Node connects to exactly the addresses
 * a `lookup` returns, so the address checked is the address connected to: a name cannot resolve to a
 * public address for the check and to an internal one for the connection (DNS rebinding).
 */
export function checkedLookup(
  url: string,
  refuse: (message: string) => Error,
  resolve: LookupFunction = systemLookup as LookupFunction,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, answer) => {
      if (error) return callback(error, "", 4);
      const addresses = Array.isArray(answer) ? answer : [{ address: answer, family: 4 }];
      for (const { address } of addresses) {
        const kind = nonPublicKind(address);
        if (kind !== null) return callback(refuse(refusalMessage(url, hostname, address, kind)), "", 4);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 4);
      return callback(null, first.address, first.family);
    });
  };
}
