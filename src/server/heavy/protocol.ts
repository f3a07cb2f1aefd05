import type { Ledger } from "../../core/index.ts";

/**
 * What the event loop and a worker say to each other. A worker answers a public API request exactly
 * as the event loop would have (the same app over the same ledger snapshot), so the bytes are the same.
 */
export interface Snapshot {
  /** The ledger hash and the software version: what a worker keys its copy of the app by. */
  readonly key: string;
  readonly version: string;
}

export interface ComputeTask {
  readonly id: number;
  readonly snapshot: Snapshot;
  /** Sent only to a worker that has not seen this snapshot yet. */
  readonly ledger?: Ledger;
  readonly request: {
    /** Below /api: `/uncertainty?draws=…`. */
    readonly path: string;
    readonly method: "GET" | "HEAD";
    readonly headers: Readonly<Record<string, string>>;
  };
}

export type ComputeReply =
  | {
      readonly id: number;
      readonly kind: "response";
      readonly status: number;
      readonly headers: ReadonlyArray<readonly [string, string]>;
      readonly body: ArrayBuffer;
    }
  /** An HTTPException raised by the route (a 400 naming a parameter): the event loop raises it again. */
  | { readonly id: number; readonly kind: "http-error"; readonly status: number; readonly message: string }
  | { readonly id: number; readonly kind: "error"; readonly message: string };
