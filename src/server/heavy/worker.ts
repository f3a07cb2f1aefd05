/**
 * A compute worker: answers heavy public API requests with the very app the event loop would have
 * used (publicApi over the same ledger snapshot, the same pure src/methods code), off the event loop.
 */
import { parentPort } from "node:worker_threads";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { publicApi } from "../public-api.ts";
import type { ComputeReply, ComputeTask } from "./protocol.ts";

/** Apps by snapshot key; two are enough to cover the moment the ledger moves on. */
const apps = new Map<string, OpenAPIHono>();

function appFor(task: ComputeTask): OpenAPIHono {
  const known = apps.get(task.snapshot.key);
  if (known) return known;
  if (!task.ledger) throw new Error(`worker has no ledger for snapshot ${task.snapshot.key}`);
  // The app's own error handler rethrows (a wrong query as an HTTPException naming it): errors go back
  // to the event loop, whose error handler gives them the API's one error shape.
  const api = publicApi({ ledger: task.ledger, version: task.snapshot.version });
  apps.set(task.snapshot.key, api);
  if (apps.size > 2) apps.delete(apps.keys().next().value as string);
  return api;
}

async function answer(task: ComputeTask): Promise<ComputeReply> {
  try {
    const response = await appFor(task).request(task.request.path, {
      method: task.request.method,
      headers: task.request.headers,
    });
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    return { id: task.id, kind: "response", status: response.status, headers, body: await response.arrayBuffer() };
  } catch (error) {
    if (error instanceof HTTPException) {
      return { id: task.id, kind: "http-error", status: error.status, message: error.message };
    }
    return { id: task.id, kind: "error", message: (error as Error).stack ?? String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error("src/server/heavy/worker.ts runs as a worker thread only");
port.on("message", (task: ComputeTask) => {
  void answer(task).then((reply) => port.postMessage(reply, reply.kind === "response" ? [reply.body] : []));
});
