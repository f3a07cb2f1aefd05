/**
 * A throwaway PostgreSQL server for the database suite: Debian's `postgresql` package, a new
 * cluster in a temporary folder, on a free loopback port; stopped and removed afterwards.
 * `npm test` installs the package first (scripts/setup.js); without it the suite fails naming that step.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { SETUP_COMMAND } from "./setup.ts";

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb")));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, "bin") : null;
}

function ensureInstalled(): string {
  const found = binDir();
  if (found) return found;
  throw new Error(`PostgreSQL is not installed. Install the suite's system tools with:
  ${SETUP_COMMAND}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface Postgres {
  /** A URL for a new, empty database of its own. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-pg-"));
  chmodSync(dir, 0o755);
  const data = join(dir, "data");
  const sock = join(dir, "sock");
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(sock, { mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", data, sock]);
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", [command, ...args].map((a) => `'${a}'`).join(" ")], {
          stdio: "pipe",
        })
      : execFileSync(command, args, { stdio: "pipe" });
  const port = await freePort();
  run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  run(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(data, "log"),
    "-o",
    `-h 127.0.0.1 -p ${port} -k ${sock}`,
    "-w",
    "start",
  ]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`create database "${name.replace(/"/g, "")}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
