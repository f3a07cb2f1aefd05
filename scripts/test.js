#!/usr/bin/env node
// `npm test`: format, lint, typecheck, then every test — in that order, failing on the first red step.
import { spawnSync } from "node:child_process";

const steps = [
  ["format", ["biome", "format", "."]],
  ["lint", ["biome", "lint", "--error-on-warnings", "."]],
  ["typecheck", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["test", ["vitest", "run"]],
];

for (const [name, [bin, ...args]] of steps) {
  process.stdout.write(`\n== ${name}: ${bin} ${args.join(" ")}\n`);
  const started = Date.now();
  const result = spawnSync(`node_modules/.bin/${bin}`, args, { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\nnpm test: the ${name} step failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
