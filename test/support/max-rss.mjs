// Preloaded into a CLI process by tests (NODE_OPTIONS=--import=…): at exit, writes the process's
// peak resident memory in bytes to the file $LIUZHI_TEST_MAX_RSS_FILE, so a test can hold a whole
// command to a memory budget.
import { writeFileSync } from "node:fs";

const file = process.env.LIUZHI_TEST_MAX_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
