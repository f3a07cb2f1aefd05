/**
 * The what-if interval, computed by the Monte Carlo in a module worker (uncertainty.worker.ts), so a
 * what-if change updates every other figure and the chart within the frame and the interval follows a
 * few milliseconds later. One run at a time: while one runs, only the latest request waits. Where a
 * worker cannot start (or fails), the same function runs on the main thread.
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Ledger } from "../core/index.ts";
import type { UncertaintyResult } from "../methods/index.ts";
import { whatIfUncertainty } from "./figures.ts";
import type { WhatIf } from "./state.ts";
import type { WorkerRequest, WorkerResponse } from "./uncertainty.worker.ts";

declare global {
  interface Window {
    /** Timings of the what-if interval (input to the worker's interval shown), in ms, read by the benchmark. */
    __liuzhiWhatIfIntervalMs?: number[];
  }
}

type Done = (result: UncertaintyResult) => void;

class Runner {
  private worker: Worker | null = null;
  private nextId = 0;
  private running: { id: number; whatIf: WhatIf; done: Done } | null = null;
  private waiting: { whatIf: WhatIf; done: Done } | null = null;

  constructor(private readonly ledger: Ledger) {
    try {
      if (typeof Worker === "undefined") return;
      const worker = new Worker(new URL("./uncertainty.worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.answered(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        this.fallBack();
      };
      worker.postMessage({ kind: "ledger", ledger } satisfies WorkerRequest);
      this.worker = worker;
    } catch {
      this.worker = null;
    }
  }

  run(whatIf: WhatIf, done: Done): void {
    if (this.running) this.waiting = { whatIf, done };
    else this.start(whatIf, done);
  }

  private start(whatIf: WhatIf, done: Done): void {
    const id = ++this.nextId;
    this.running = { id, whatIf, done };
    if (this.worker) this.worker.postMessage({ kind: "run", id, whatIf } satisfies WorkerRequest);
    else setTimeout(() => this.local(id), 0);
  }

  /** The main-thread path: no worker, or the worker failed. */
  private local(id: number): void {
    const r = this.running;
    if (!r || r.id !== id) return;
    this.finish(whatIfUncertainty(this.ledger, r.whatIf));
  }

  private answered(response: WorkerResponse): void {
    if (!this.running || this.running.id !== response.id) return;
    if (response.kind === "error") this.fallBack();
    else this.finish(response.result);
  }

  private finish(result: UncertaintyResult): void {
    const done = this.running!.done;
    this.running = null;
    done(result);
    const next = this.waiting;
    this.waiting = null;
    if (next) this.start(next.whatIf, next.done);
  }

  private fallBack(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.running) setTimeout(() => this.local(this.running!.id), 0);
  }
}

const runners = new WeakMap<Ledger, Runner>();
let lastInput = 0;

/** Called on every what-if input: the moment the interval's timing starts from. */
export function markWhatIfInput(at: number): void {
  lastInput = at;
}

const keyOf = (w: WhatIf) => `${w.ratio.join(",")}|${w.base}|${w.duration.join(",")}|${w.annualize}`;

/**
 * The Monte Carlo for the what-if values: `headline` at the defaults, else the worker's run. Until
 * the run for the current values arrives, the last result stays shown with `pending` set.
 */
export function useWhatIfUncertainty(
  ledger: Ledger,
  whatIf: WhatIf,
  headline: UncertaintyResult | null,
): { readonly result: UncertaintyResult; readonly pending: boolean } {
  const key = keyOf(whatIf);
  // A page opened on non-default values (a shared URL) computes its first interval on the spot.
  const [latest, setLatest] = useState<{ key: string; result: UncertaintyResult; since: number } | null>(() =>
    headline ? null : { key, result: whatIfUncertainty(ledger, whatIf), since: 0 },
  );
  // What the page shows: the fresh result, else (while a run is pending) the last one shown.
  const shown = useRef<UncertaintyResult | null>(null);
  const measured = useRef<object | null>(null);
  const upToDate = latest?.key === key;
  useLayoutEffect(() => {
    if (headline || upToDate) return;
    const since = lastInput;
    let runner = runners.get(ledger);
    if (!runner) {
      runner = new Runner(ledger);
      runners.set(ledger, runner);
    }
    let live = true;
    runner.run(whatIf, (result) => {
      if (live) setLatest({ key, result, since });
    });
    return () => {
      live = false;
    };
  }, [ledger, key, headline]);
  const fresh = headline ?? (upToDate ? latest!.result : null);
  shown.current = fresh ?? shown.current ?? latest!.result;
  useLayoutEffect(() => {
    if (headline || !latest || !upToDate || latest.since === 0 || measured.current === latest) return;
    measured.current = latest;
    window.__liuzhiWhatIfIntervalMs ??= [];
    window.__liuzhiWhatIfIntervalMs.push(performance.now() - latest.since);
  });
  return { result: shown.current, pending: fresh === null };
}
