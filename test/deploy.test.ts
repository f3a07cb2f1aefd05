/**
 * deploy/ as a team installs it: the systemd unit passes `systemd-analyze verify`; the unit, the
 * Containerfile and the compose file are exactly what scripts/deploy-files.js writes from its one
 * description (containers cannot be built here, so they are kept in step this way); the service's
 * command line is one `liuzhi serve` accepts; Caddy reads the Caddyfile and proxies to that address;
 * the example schedule is valid.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, ROOT, removeDir } from "./helpers.ts";
import { hasCommand, SETUP_COMMAND } from "./support/setup.ts";

const deploy = (file: string) => join(ROOT, "deploy", file);
const need = (command: string) => {
  if (!hasCommand(command))
    throw new Error(`${command} is missing. Install the suite's system tools with:\n  ${SETUP_COMMAND}`);
};
const dir = makeTempDir();
afterAll(() => removeDir(dir));

describe("deploy/", () => {
  it("the systemd unit passes systemd-analyze verify without a warning", () => {
    need("systemd-analyze");
    const result = spawnSync("systemd-analyze", ["verify", deploy("liuzhi.service")], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("the unit, the Containerfile and the compose file are what their one description writes", () => {
    const check = spawnSync(process.execPath, [join(ROOT, "scripts", "deploy-files.js"), "--check"], {
      encoding: "utf8",
    });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    // The same command in both, but for the address it listens on.
    const unit = readFileSync(deploy("liuzhi.service"), "utf8");
    const execStart = /^ExecStart=\S+ \S+ (.*)$/m.exec(unit)?.[1]?.split(" ") ?? [];
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(readFileSync(deploy("Containerfile"), "utf8"))?.[1] ?? "[]") as string[];
    const host = (args: string[]) => args[args.indexOf("--host") + 1];
    expect(host(execStart)).toBe("127.0.0.1");
    expect(host(cmd)).toBe("0.0.0.0");
    expect(cmd.map((a) => (a === "0.0.0.0" ? "127.0.0.1" : a))).toEqual(execStart);
  });

  it(
    "the service's command line is one liuzhi serve accepts, and its example schedule is valid",
    async () => {
      const unit = readFileSync(deploy("liuzhi.service"), "utf8");
      const args = /^ExecStart=\S+ \S+ (.*)$/m.exec(unit)![1]!.split(" ");
      expect(args[0]).toBe("serve");
      const help = await liuzhi(["serve", "--help"], { cwd: dir, env: cliEnv() });
      for (const option of args.filter((a) => a.startsWith("--"))) expect(help.stdout).toContain(`${option} `);
      const jobs = await liuzhi(
        ["jobs", "--schedule", deploy("schedule.example.json"), "--db", join(dir, "l.sqlite"), "--format", "json"],
        { cwd: dir, env: cliEnv() },
      );
      expect(jobs.status, jobs.stderr).toBe(0);
      expect((JSON.parse(jobs.stdout) as { jobs: Array<{ kind: string }> }).jobs.map((j) => j.kind)).toEqual([
        "watch",
        "sources-check",
        "backup",
        "audit-head",
        "audit-timestamp",
        "case-deadlines",
      ]);
    },
    E2E_TIMEOUT,
  );

  it("Caddy reads the Caddyfile and proxies the team's domain to the unit's address", () => {
    need("caddy");
    const unit = readFileSync(deploy("liuzhi.service"), "utf8");
    const args = /^ExecStart=\S+ \S+ (.*)$/m.exec(unit)![1]!.split(" ");
    const upstream = `${args[args.indexOf("--host") + 1]}:${args[args.indexOf("--port") + 1]}`;
    const adapted = JSON.parse(
      execFileSync("caddy", ["adapt", "--config", deploy("Caddyfile"), "--adapter", "caddyfile"], {
        encoding: "utf8",
        env: { ...process.env, LIUZHI_DOMAIN: "liuzhi.example.org" },
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    const text = JSON.stringify(adapted);
    expect(text).toContain(`"dial":"${upstream}"`);
    expect(text).toContain('"host":["liuzhi.example.org"]');
    expect(adapted.admin).toEqual({ disabled: true });
  });
});
