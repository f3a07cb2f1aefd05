/**
 * `liuzhi serve` as a process against slow and careless clients, the way an outside review attacked
 * it: thousands of sockets drip-feeding their headers, one address opening hundreds, a header sent a
 * byte at a time, a 30,000-field form to the sign-in route, and hundreds of posts abandoned mid-body.
 * New clients must still be served, the slow ones cut after the header timeout, and the log must stay
 * a few lines long. All sockets are on loopback (any 127.x.y.z is this machine); every loop is bounded.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTION_LIMITS } from "../src/server/index.ts";
import { BIN, cliEnv, makeTempDir, removeDir, serverAddress } from "./helpers.ts";

let dir: string;
let server: ChildProcess;
let base: string;
let port: number;
let log = "";

beforeAll(async () => {
  dir = makeTempDir();
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--no-dashboard", "--db", join(dir, "s.sqlite")], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await serverAddress(server, 120_000, (text) => {
    log += text;
  });
  port = Number(new URL(base).port);
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

/** A socket that has sent the start of a request and then nothing more, or a byte now and then. */
interface Slow {
  readonly socket: Socket;
  closed: boolean;
  /** What the server sent before closing, if anything. */
  answer: string;
}

function openSlow(localAddress: string, start = "GET /api/observations HTTP/1.1\r\nHost: x\r\n"): Promise<Slow> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress });
    const slow: Slow = { socket, closed: false, answer: "" };
    socket.on("data", (chunk) => {
      slow.answer += chunk.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      slow.closed = true;
    });
    socket.on("connect", () => {
      if (start) socket.write(start);
      resolve(slow);
    });
  });
}

/** Opens `count` slow sockets spread over `addresses` loopback addresses, a few hundred at a time. */
async function openMany(count: number, addresses: (i: number) => string): Promise<Slow[]> {
  const out: Slow[] = [];
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, (_, j) => openSlow(addresses(i + j)));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

const closeAll = (sockets: ReadonlyArray<Slow>) => {
  for (const s of sockets) s.socket.destroy();
};

/** One GET from `localAddress`; status 0 when nothing came back within `timeoutMs` (a guard, not a measure). */
function get(path: string, localAddress: string, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { agent: false, localAddress }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}

/** Resolves once `done()` holds, checking every 100 ms, or after `guardMs` (then the test's expectations fail). */
async function until(done: () => boolean, guardMs: number): Promise<void> {
  for (let waited = 0; !done() && waited < guardMs; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("liuzhi serve against slow clients", () => {
  it("serves a new client while 3,000 slow sockets from 60 addresses drip-feed their headers", async () => {
    const slow = await openMany(3_000, (i) => `127.0.10.${1 + (i % 60)}`);
    // A byte of header now and then on every one of them, for a few seconds.
    const drip = setInterval(() => {
      for (const s of slow) if (!s.closed) s.socket.write("X-Slow: 1\r\n");
    }, 500);
    try {
      await sleep(1_000);
      const held = slow.filter((s) => !s.closed).length;
      const status = await get("/api/observations", "127.0.11.1");
      const login = await get("/edit/login", "127.0.11.2");
      expect(held).toBe(3_000);
      expect(status).toBe(200);
      expect(login).toBe(200);
    } finally {
      clearInterval(drip);
      closeAll(slow);
    }
  }, 120_000);

  it(`keeps at most ${CONNECTION_LIMITS.perAddress} connections of one address open; other addresses are served`, async () => {
    const one = await openMany(500, () => "127.0.12.1");
    try {
      await until(() => one.filter((s) => !s.closed).length <= CONNECTION_LIMITS.perAddress, 20_000);
      expect(one.filter((s) => !s.closed).length).toBe(CONNECTION_LIMITS.perAddress);
      expect(await get("/api/observations", "127.0.12.2")).toBe(200);
    } finally {
      closeAll(one);
    }
  }, 120_000);

  it("cuts a header drip-fed a byte at a time, and an idle connection, after the header timeout with a 408", async () => {
    const drip = await openSlow("127.0.13.1", "GET /api/observations HTTP/1.1\r\nX-Slow: ");
    const idle = await openSlow("127.0.13.2", "");
    const timer = setInterval(() => {
      if (!drip.closed) drip.socket.write("a");
    }, 250);
    try {
      // Guarded at three times the timeout: without it Node's own default would hold them for minutes.
      await until(() => drip.closed && idle.closed, 3 * CONNECTION_LIMITS.headersTimeoutMs);
      expect(drip.closed).toBe(true);
      expect(idle.closed).toBe(true);
      expect(drip.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(drip.answer).toContain('"status":408');
    } finally {
      clearInterval(timer);
      closeAll([drip, idle]);
    }
  }, 60_000);

  it("refuses a 30,000-field form to the sign-in route with a 413, before parsing it", async () => {
    const form = Array.from({ length: 30_000 }, (_, i) => `f${i}=`).join("&");
    const answer = await fetch(`${base}/edit/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: `name=a&password=b&${form}`,
    });
    expect(answer.status).toBe(413);
    expect(await answer.text()).toMatch(/30002 fields, more than the 500/);
  });

  it("writes a bounded number of log lines, and no stack trace, for 500 posts abandoned mid-body", async () => {
    const before = log.length;
    for (let i = 0; i < 500; i += 50) {
      const batch = Array.from({ length: 50 }, (_, j) =>
        openSlow(
          `127.0.14.${1 + ((i + j) % 200)}`,
          `POST /edit/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${base}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nname=a&password=`,
        ),
      );
      const sockets = await Promise.all(batch);
      await sleep(50);
      closeAll(sockets);
    }
    await sleep(1_000);
    const written = log.slice(before);
    const lines = written.split("\n").filter((l) => l.trim() !== "");
    // One line says what happened (and, a minute later, how many more); never a line or a stack per post.
    expect(written).toMatch(/client-aborted: a client closed its connection before its request was read whole/);
    expect(lines.length, written).toBeLessThanOrEqual(3);
    expect(written).not.toMatch(/\n\s+at /);
    // And the server still answers.
    expect(await get("/api/observations", "127.0.15.1")).toBe(200);
  }, 120_000);
});
