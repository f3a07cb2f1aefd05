import { describe, expect, it } from "vitest";
import { COMMANDS } from "./index.ts";

describe("command registry", () => {
  it("lists each command once, with the name and summary its module declares", async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
    }
  });
});
