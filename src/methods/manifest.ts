/**
 * What anyone needs to rerun a method and get the same figures: the software version, a hash of
 * the ledger data read, the method, its options and the random seed (null where none is used).
 */
export interface RunManifest {
  readonly software: { readonly name: "liuzhi-monitor"; readonly version: string };
  readonly ledgerSha256: string;
  readonly method: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly seed: number | null;
}

export function runManifest(args: {
  version: string;
  ledgerSha256: string;
  method: string;
  options?: Readonly<Record<string, unknown>>;
  seed?: number | null;
}): RunManifest {
  return {
    software: { name: "liuzhi-monitor", version: args.version },
    ledgerSha256: args.ledgerSha256,
    method: args.method,
    options: args.options ?? {},
    seed: args.seed ?? null,
  };
}
