/**
 * The server's log of problems, one line per kind of problem and at most one line per kind per
 * minute: a flood of aborted posts or malformed requests (16,587 of them in ten seconds, in one
 * review) writes a line a minute, saying how many more came, never a stack trace each.
 */

export interface ServerLog {
  /** One line for a problem of `kind` (a client's doing: an aborted post, a request Node refused). */
  problem(kind: string, line: string): void;
  /** An unexpected error: a client's aborted request is a problem of its own kind; anything else is logged with its stack. */
  error(error: unknown): void;
}

/** How often each kind may write a line. */
export const LOG_INTERVAL_MS = 60_000;

/** A request its client abandoned mid-body: Node's "aborted", or a stream reset. Not a server fault. */
export function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code === "ECONNRESET" || e.code === "ERR_STREAM_PREMATURE_CLOSE" || e.name === "AbortError") return true;
  if (e.message === "aborted" || e.message === "terminated") return true;
  return e.cause !== undefined && e.cause !== error && isClientAbort(e.cause);
}

/** A log writing to `write` (stderr by default), each kind at most once per `intervalMs`. */
export function createServerLog(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: () => number = Date.now,
  intervalMs = LOG_INTERVAL_MS,
): ServerLog {
  const kinds = new Map<string, { last: number; quiet: number }>();
  const problem = (kind: string, line: string) => {
    const at = now();
    const seen = kinds.get(kind);
    if (seen && at - seen.last < intervalMs) {
      seen.quiet++;
      return;
    }
    const more =
      seen && seen.quiet > 0
        ? ` (${seen.quiet} more of this kind in the last ${Math.round((at - seen.last) / 1000)} s)`
        : "";
    // Bounded: the kinds are the server's own names (codes, error names), but a map must never grow without end.
    if (!seen && kinds.size >= 1_000) kinds.clear();
    kinds.set(kind, { last: at, quiet: 0 });
    write(`liuzhi serve: ${kind}: ${line}${more}`);
  };
  return {
    problem,
    error(error) {
      if (isClientAbort(error)) {
        problem("client-aborted", "a client closed its connection before its request was read whole");
        return;
      }
      const e = error instanceof Error ? error : new Error(String(error));
      // Once a minute per kind of error, with the stack that says where.
      problem(`error ${e.name}: ${e.message.split("\n")[0]!.slice(0, 200)}`, e.stack ?? String(e));
    },
  };
}

/** The log of the process (`liuzhi serve`), shared by every part of the server. */
export const serverLog: ServerLog = createServerLog();
