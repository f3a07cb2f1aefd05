// `npm run bench`: speed figures, printed against their goals. Not a test: it measures, it does not judge.
import { monteCarlo, officialFloor, ratioTable } from "../src/methods/index.ts";
import { shippedLedger } from "../test/support/shipped-ledger.ts";

function timeIt(run: () => unknown, repeats: number): { median: number; min: number } {
  run(); // warm-up: let the JIT compile before timing
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

const ledger = shippedLedger();
const rows: Array<[string, string, string]> = [];
const mc = timeIt(() => monteCarlo(ledger, { draws: 1_000_000, seed: 1 }), 7);
rows.push(["Monte Carlo, 1,000,000 draws", `${mc.median.toFixed(0)} ms (min ${mc.min.toFixed(0)})`, "< 250 ms"]);
const table = timeIt(() => ratioTable(ledger), 50);
rows.push(["Ratio table", `${table.median.toFixed(2)} ms`, "—"]);
const floor = timeIt(() => officialFloor(ledger), 50);
rows.push(["Floors (as published + strict)", `${floor.median.toFixed(2)} ms`, "—"]);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`Node ${process.version}, ${process.arch}\n`);
for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(24)}  goal ${goal}`);
