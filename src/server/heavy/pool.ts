import { Worker } from "node:worker_threads";
import type { Ledger } from "../../core/index.ts";
import type { ComputeReply, ComputeTask, Snapshot } from "./protocol.ts";

/** The queue is full (or a computation ran out of time): answer 503 and say when to come back. */
export class PoolBusyError extends Error {
  override name = "PoolBusyError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export interface PoolOptions {
  readonly size: number;
  /** Tasks waiting for a worker at most; one more is refused at once. */
  readonly queueLength: number;
  readonly timeoutMs: number;
  /** Heap of each worker, so that one pathological query cannot take the machine's memory. */
  readonly maxHeapMb?: number;
}

export type PoolRequest = Omit<ComputeTask, "id" | "ledger" | "snapshot"> & {
  readonly snapshot: Snapshot;
  readonly ledger: Ledger;
};

interface Job {
  readonly request: PoolRequest;
  readonly resolve: (reply: ComputeReply) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Snapshots this worker holds a ledger for (it keeps two). */
  known: string[];
  startedAt: number;
}

/**
 * The worker that runs the compute code. From the TypeScript sources (tsx, vitest) the worker must
 * load tsx itself first: loader hooks are not inherited by worker threads on Node 20.
 */
function spawnWorker(maxHeapMb: number): Worker {
  const self = import.meta.url;
  const options = { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
  if (!self.endsWith(".ts")) return new Worker(new URL("./worker.js", self), options);
  const entry = new URL("./worker.ts", self).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), options);
}

/**
 * A small pool of worker threads with a bounded queue. `run` resolves with the worker's reply, or
 * rejects with PoolBusyError when the queue is full or the computation outlives its time. A worker
 * that dies or runs out of time is replaced; the others go on.
 */
export class WorkerPool {
  readonly #options: Required<PoolOptions>;
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  /** Recent computation times, for a Retry-After that means something. */
  #averageMs = 500;

  constructor(options: PoolOptions) {
    if (options.size < 1) throw new RangeError(`pool size must be at least 1, got ${options.size}`);
    this.#options = { maxHeapMb: 256, ...options };
    this.#slots = Array.from({ length: options.size }, () => this.#newSlot());
  }

  get running(): number {
    return this.#slots.filter((s) => s.job !== null).length;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Seconds a new request would wait, roughly: the work ahead of it shared among the workers. */
  retryAfterSeconds(): number {
    const ahead = this.running + this.queued + 1;
    return Math.max(1, Math.ceil((ahead * this.#averageMs) / this.#slots.length / 1000));
  }

  run(request: PoolRequest): Promise<ComputeReply> {
    if (this.#closed) return Promise.reject(new PoolBusyError("the server is shutting down", 5));
    const idle = this.#slots.find((s) => s.job === null);
    if (!idle && this.#queue.length >= this.#options.queueLength) {
      return Promise.reject(
        new PoolBusyError(
          `the server is busy computing (${this.running} running, ${this.queued} waiting)`,
          this.retryAfterSeconds(),
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const job = { request, resolve, reject };
      if (idle) this.#start(idle, job);
      else this.#queue.push(job);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new PoolBusyError("the server is shutting down", 5));
    await Promise.all(
      this.#slots.map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new PoolBusyError("the server is shutting down", 5));
        slot.job = null;
        return slot.worker.terminate();
      }),
    );
  }

  #newSlot(): Slot {
    const slot: Slot = {
      worker: spawnWorker(this.#options.maxHeapMb),
      job: null,
      timer: null,
      known: [],
      startedAt: 0,
    };
    this.#watch(slot);
    return slot;
  }

  #watch(slot: Slot): void {
    const { worker } = slot;
    worker.on("message", (reply: ComputeReply) => {
      const job = slot.job;
      if (!job || slot.worker !== worker) return;
      this.#finish(slot);
      this.#averageMs = 0.8 * this.#averageMs + 0.2 * (Date.now() - slot.startedAt);
      job.resolve(reply);
      this.#next(slot);
    });
    // A crash (out of memory, a bug) fails the request it was running; a fresh worker takes its place.
    const replace = (error: Error) => {
      if (slot.worker !== worker || this.#closed) return;
      const job = slot.job;
      this.#finish(slot);
      slot.worker = spawnWorker(this.#options.maxHeapMb);
      slot.known = [];
      this.#watch(slot);
      job?.reject(error);
      this.#next(slot);
    };
    worker.on("error", replace);
    worker.on("exit", (code) => replace(new Error(`compute worker exited with code ${code}`)));
    // An idle pool must not keep a finished process alive.
    worker.unref();
  }

  #start(slot: Slot, job: Job): void {
    const id = this.#nextId++;
    const { snapshot, ledger, path, values } = job.request;
    const knows = slot.known.includes(snapshot.key);
    const task: ComputeTask = { id, snapshot, path, values, ...(knows ? {} : { ledger }) };
    if (!knows) slot.known = [...slot.known, snapshot.key].slice(-2);
    slot.job = job;
    slot.startedAt = Date.now();
    slot.timer = setTimeout(() => {
      const abandoned = slot.worker;
      this.#finish(slot);
      // A fresh worker takes the slot now, so the next request never goes to the one being
      // terminated (whose exit, when it comes, is ignored: it is no longer the slot's).
      slot.worker = spawnWorker(this.#options.maxHeapMb);
      slot.known = [];
      this.#watch(slot);
      job.reject(
        new PoolBusyError(
          `the computation took longer than ${this.#options.timeoutMs / 1000} s and was abandoned`,
          this.retryAfterSeconds(),
        ),
      );
      void abandoned.terminate();
      this.#next(slot);
    }, this.#options.timeoutMs);
    slot.timer.unref();
    slot.worker.ref();
    slot.worker.postMessage(task);
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  #next(slot: Slot): void {
    const job = this.#queue.shift();
    if (job) this.#start(slot, job);
  }
}
