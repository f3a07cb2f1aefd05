import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Fixed so that rendered outputs and seeded draws compare byte for byte on any machine.
    env: { TZ: "UTC", LANG: "C.UTF-8" },
  },
});
