#!/usr/bin/env node
// `npm test`: install the system tools the suite needs (scripts/setup.js), then format, lint,
// typecheck, then every test — in that order, failing on the first red step.
import { spawnSync } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  ["setup", [process.execPath, "scripts/setup.js"]],
  ["format", [bin("biome"), "format", "."]],
  ["lint", [bin("biome"), "lint", "--error-on-warnings", "."]],
  ["typecheck", [bin("tsc"), "--noEmit", "-p", "tsconfig.json"]],
  ["test", [bin("vitest"), "run", ...process.argv.slice(2)]],
];

for (const [name, [command, ...args]] of steps) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(" ")}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\nnpm test: the ${name} step failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
