/** `liuzhi serve` started as a process on a scratch database, with Chromium beside it: the browser tests' setup. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { BIN, cliEnv, makeTempDir, removeDir, serverAddress } from "../helpers.ts";
import { launchChromium } from "./chromium.ts";

export interface ServedDashboard {
  readonly base: string;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function serveDashboard(): Promise<ServedDashboard> {
  const dir = makeTempDir();
  const server: ChildProcess = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--db", join(dir, "serve.sqlite")],
    {
      cwd: dir,
      env: cliEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const [base, browser] = await Promise.all([serverAddress(server), launchChromium()]);
  return {
    base,
    context: browser.context,
    async close() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      removeDir(dir);
    },
  };
}
