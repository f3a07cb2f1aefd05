import { execFileSync } from "node:child_process";

/** What a test names when a system tool it needs is missing: the setup step `npm test` runs first. */
export const SETUP_COMMAND = "node scripts/setup.js (as root; npm test runs it before the suite)";

/** Whether a command is on the PATH (tests fail naming SETUP_COMMAND when it is not). */
export function hasCommand(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
