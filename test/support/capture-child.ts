/**
 * Captures one URL in a process of its own and prints the capture with the process's peak resident
 * memory, so that a test can hold the capture to a memory bound: `node --import tsx capture-child.ts URL STORE`.
 * The URL is a loopback fixture, hence allowPrivateAddresses.
 */
import { captureOne, defaultPolicy, HostGate } from "../../src/capture/index.ts";

const [url, store] = process.argv.slice(2);
if (!url || !store) throw new Error("usage: capture-child.ts URL STORE");
const policy = defaultPolicy({ timeoutMs: 60_000, retries: 0, gate: new HostGate(0), allowPrivateAddresses: true });
const capture = await captureOne({ id: "bomb", url, archived_url: null }, { store, policy });
process.stdout.write(`${JSON.stringify({ capture, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
