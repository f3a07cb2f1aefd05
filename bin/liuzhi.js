#!/usr/bin/env node
// The CLI entry. It runs JavaScript compiled from src/ on first run into var/cli/<key>/ and reused
// until a source changes (bin/compile.js): no build step between a checkout and a working `liuzhi`.
// LIUZHI_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (as the tests of src/ do).
import { pathToFileURL } from "node:url";

let main;
if (process.env.LIUZHI_FROM_SOURCE === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
} else {
  const { compiledMain } = await import("./compile.js");
  ({ main } = await import(pathToFileURL(await compiledMain()).href));
}
process.exitCode = await main(process.argv.slice(2));
