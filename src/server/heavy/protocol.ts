import type { Ledger } from "../../core/index.ts";

/**
 * What the event loop and a worker say to each other. The event loop has already routed the request
 * and validated its query; a worker computes one method's answer over the same ledger snapshot (the
 * same pure src/methods code) and sends back the bytes the event loop serves and caches.
 */
export interface Snapshot {
  /** The ledger hash and the software version: what a worker keys its copy of the ledger by. */
  readonly key: string;
  readonly version: string;
  readonly ledgerSha256: string;
}

export interface ComputeTask {
  readonly id: number;
  readonly snapshot: Snapshot;
  /** Sent only to a worker that has not seen this snapshot yet. */
  readonly ledger?: Ledger;
  /** The method's route (`/uncertainty`) and its parsed, validated parameter values. */
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export type ComputeReply =
  | {
      readonly id: number;
      readonly kind: "resource";
      readonly body: Uint8Array;
      readonly gzip: Uint8Array;
      readonly etag: string;
      readonly type: string;
    }
  /** An option the method refused once computing (an InvalidOption): the event loop raises it again, as a 400. */
  | { readonly id: number; readonly kind: "invalid"; readonly field: string; readonly allowed: string }
  /** The ledger lacks a figure the method needs (a MissingData): raised again, as a 422. */
  | { readonly id: number; readonly kind: "missing"; readonly message: string }
  | { readonly id: number; readonly kind: "error"; readonly message: string };
