import { describe, expect, it } from "vitest";
import { createServerLog, LOG_INTERVAL_MS } from "./log.ts";

describe("the server's log", () => {
  it("writes one line per kind per interval, then says how many more came", () => {
    const lines: string[] = [];
    let now = 0;
    const log = createServerLog(
      (line) => lines.push(line),
      () => now,
    );
    const aborted = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    for (let i = 0; i < 10_000; i++) log.error(aborted);
    log.problem("client-error HPE_INVALID_METHOD", "answered 400");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "liuzhi serve: client-aborted: a client closed its connection before its request was read whole",
    );
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
    now += LOG_INTERVAL_MS;
    log.error(aborted);
    expect(lines[2]).toMatch(/\(9999 more of this kind in the last 60 s\)$/);
  });

  it("keeps the stack of an unexpected error, once a minute per kind", () => {
    const lines: string[] = [];
    const log = createServerLog(
      (line) => lines.push(line),
      () => 0,
    );
    for (let i = 0; i < 3; i++) log.error(new TypeError("x is undefined"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^liuzhi serve: error TypeError: x is undefined: TypeError: x is undefined\n\s+at /);
  });
});
