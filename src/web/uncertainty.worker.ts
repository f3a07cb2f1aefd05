/**
 * The what-if Monte Carlo (BROWSER_DRAWS draws) off the main thread, so the figures that do not need
 * it update within the frame and the interval follows. Same library, same seed: the same figures.
 */
import type { Ledger } from "../core/index.ts";
import type { UncertaintyResult } from "../methods/index.ts";
import { whatIfUncertainty } from "./figures.ts";
import type { WhatIf } from "./state.ts";

export type WorkerRequest =
  | { readonly kind: "ledger"; readonly ledger: Ledger }
  | { readonly kind: "run"; readonly id: number; readonly whatIf: WhatIf };
export type WorkerResponse =
  | { readonly kind: "result"; readonly id: number; readonly result: UncertaintyResult }
  | { readonly kind: "error"; readonly id: number; readonly message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};
let ledger: Ledger | null = null;

scope.onmessage = (e) => {
  const request = e.data;
  if (request.kind === "ledger") {
    ledger = request.ledger;
    return;
  }
  try {
    if (!ledger) throw new Error("no ledger");
    scope.postMessage({ kind: "result", id: request.id, result: whatIfUncertainty(ledger, request.whatIf) });
  } catch (error) {
    scope.postMessage({ kind: "error", id: request.id, message: (error as Error).message });
  }
};
