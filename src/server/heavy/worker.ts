/**
 * A compute worker: computes one method's public answer over a ledger snapshot with the same pure
 * src/methods code the event loop would have run, and returns it as a cached resource's bytes.
 */
import { parentPort } from "node:worker_threads";
import type { Ledger } from "../../core/index.ts";
import { type AnyMethod, InvalidOption, METHODS, MissingData, methodResult } from "../../methods/index.ts";
import { jsonResource } from "../json-resource.ts";
import type { ComputeReply, ComputeTask } from "./protocol.ts";

/** Ledgers by snapshot key; two are enough to cover the moment the ledger moves on. */
const ledgers = new Map<string, Ledger>();

function ledgerFor(task: ComputeTask): Ledger {
  const known = ledgers.get(task.snapshot.key);
  if (known) return known;
  if (!task.ledger) throw new Error(`worker has no ledger for snapshot ${task.snapshot.key}`);
  ledgers.set(task.snapshot.key, task.ledger);
  if (ledgers.size > 2) ledgers.delete(ledgers.keys().next().value as string);
  return task.ledger;
}

function answer(task: ComputeTask): ComputeReply {
  try {
    const method = (METHODS as ReadonlyArray<AnyMethod>).find((m) => m.path === task.path);
    if (!method) throw new Error(`no method at ${task.path}`);
    const { version, ledgerSha256 } = task.snapshot;
    const r = jsonResource(methodResult(method, ledgerFor(task), task.values as never, { version, ledgerSha256 }));
    return { id: task.id, kind: "resource", body: r.body, gzip: r.gzip, etag: r.etag, type: r.type };
  } catch (error) {
    if (error instanceof InvalidOption) {
      return { id: task.id, kind: "invalid", field: error.field, allowed: error.allowed };
    }
    if (error instanceof MissingData) return { id: task.id, kind: "missing", message: error.message };
    return { id: task.id, kind: "error", message: (error as Error).stack ?? String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error("src/server/heavy/worker.ts runs as a worker thread only");
port.on("message", (task: ComputeTask) => {
  // Copied, not transferred: a small Buffer from zlib may share Node's pooled memory.
  port.postMessage(answer(task));
});
