import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;

/**
 * Collects garbage now. V8 collects lazily, so a run over several hostile pages (a 190 MB page, then
 * 8 MiB of text) kept each page's garbage until the next and peaked near the sum of them; collected
 * between pages, a run's peak is its largest page's. Node exposes `gc` only behind a flag, which can
 * be set at run time and read from a fresh context. Where that fails nothing happens.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
