/**
 * The editing end-to-end tests' set-up: accounts made with `liuzhi user add --password-stdin` and
 * `liuzhi serve` started as a process, exactly as `npm start` runs it (no header rewriting, no
 * cookie injection, nothing mounted on its own), with a case key in its environment.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { BIN, cliEnv, serverAddress } from "../helpers.ts";

export const PASSWORD = "correct horse battery staple";

/** Runs the CLI with `input` on stdin; resolves with its status and output. */
export function liuzhiWithInput(
  args: ReadonlyArray<string>,
  input: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: options.env, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(`${input}\n`);
  });
}

export interface ServedEditing {
  readonly base: string;
  readonly db: string;
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Creates the accounts (name → role) through the CLI, then starts `liuzhi serve --port 0`. */
export async function serveWithAccounts(
  dir: string,
  accounts: Readonly<Record<string, string>>,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServedEditing> {
  const db = join(dir, "team.sqlite");
  const env = cliEnv(extraEnv);
  for (const [name, role] of Object.entries(accounts)) {
    const made = await liuzhiWithInput(
      ["user", "add", name, "--role", role, "--password-stdin", "--db", db],
      PASSWORD,
      { cwd: dir, env },
    );
    if (made.status !== 0) throw new Error(`user add ${name} failed: ${made.stderr}`);
  }
  const server: ChildProcess = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const base = await serverAddress(server);
  return {
    base,
    db,
    env,
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
  };
}

/** Signs out whoever is signed in, by clicking the header's sign-out button (in whatever language). */
export async function signOut(page: Page, base: string) {
  await page.goto(`${base}/edit`);
  const out = page.locator('header.top form[action="/edit/logout"] button');
  if (await out.count()) {
    await out.click();
    await page.waitForURL(/\/edit\/login/);
  }
}

/** Signs out, chooses the pages' language, then signs in as `name` by typing into the form. */
export async function signInAs(
  page: Page,
  base: string,
  name: string,
  words: { lang: string; signIn: string; name: string; password: string },
) {
  await signOut(page, base);
  await page.goto(`${base}/edit/lang?to=${words.lang}&back=%2Fedit%2Flogin`);
  await page.getByLabel(words.name).fill(name);
  await page.getByLabel(words.password).fill(PASSWORD);
  await page.getByRole("button", { name: words.signIn, exact: true }).click();
  await page.waitForURL(`${base}/edit`);
}
