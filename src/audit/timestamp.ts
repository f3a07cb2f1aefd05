import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditEntry } from "./chain.ts";

/**
 * RFC 3161 time-stamps of the audit head, by a time-stamping authority (TSA). The head hash is
 * sent (never the log), the authority signs "this hash existed at this time", and the signed
 * response is kept in the log itself as a `timestamp` entry, so a backup carries it and anyone can
 * check it again later.
 *
 * Requests and verification drive `openssl ts` (OpenSSL 3) rather than an ASN.1 library: it is the
 * reference implementation, and its -verify does every check a time-stamp needs (message imprint,
 * nonce, the ESS signing-certificate binding, the TSA certificate's timeStamping key usage, the
 * chain to a trusted CA as of the stamp's own time); with pkijs/asn1js we would have to write
 * several of those checks ourselves, and a forgotten one is a silently accepted forgery.
 */

/** What a `timestamp` entry records (its `after`); entity_id is the stamped entry's seq. */
export interface TimestampRecord {
  /** The stamped entry's hash (the head when stamped). */
  readonly hash: string;
  readonly tsa: string;
  /** The authority's time (ISO 8601, UTC), read from the signed token. */
  readonly time: string;
  /** The DER time-stamp response, base64. */
  readonly response: string;
  /** The CA certificate(s) the response was verified against (PEM), or null for the system store. */
  readonly ca: string | null;
}

export class TimestampError extends Error {
  override name = "TimestampError";
}

/** Largest TSA response accepted: real ones are a few KB (a token with its certificate chain). */
const MAX_RESPONSE_BYTES = 256 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
const SYSTEM_CA = "/etc/ssl/certs/ca-certificates.crt";

function openssl(args: ReadonlyArray<string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("openssl", args, { encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        reject(
          new TimestampError(
            missing
              ? "openssl is not installed: it is needed to request and check RFC 3161 time-stamps (Debian: apt-get install openssl)"
              : opensslMessage(stderr || stdout || error.message),
          ),
        );
      } else resolve(stdout);
    });
  });
}

/** OpenSSL's error lines, reduced to their reasons: "certificate verify error (self-signed certificate …)". */
function opensslMessage(text: string): string {
  const reasons = text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("Using configuration from"))
    .map((line) => {
      const m = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]*):[^:]*:\d+:?(.*)$/.exec(line);
      return m ? `${m[1]}${m[2] ? ` (${m[2].replace(/^Verify error:/, "")})` : ""}` : line.trim();
    });
  return reasons.join("; ") || "openssl failed";
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-ts-"));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "Time stamp: Dec  2 15:04:05 2026 GMT" (possibly with fractions) → ISO 8601. */
function readTime(text: string): string {
  const line = /^Time stamp: (.+)$/m.exec(text)?.[1];
  const date = line ? new Date(line.replace(/\.\d+/, "").replace(" GMT", " UTC")) : null;
  if (!date || Number.isNaN(date.getTime())) throw new TimestampError("the response carries no readable time");
  return date.toISOString();
}

async function fetchResponse(url: string, query: Buffer): Promise<Uint8Array> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TimestampError(`--tsa must be an http(s) URL, got '${url}'`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
      body: new Uint8Array(query),
      redirect: "error",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TimestampError(`the time-stamping authority at ${url} did not answer: ${(error as Error).message}`);
  }
  if (!response.ok) throw new TimestampError(`the time-stamping authority at ${url} answered ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    const chunk = next.value;
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader?.cancel();
      throw new TimestampError(`the answer from ${url} is larger than ${MAX_RESPONSE_BYTES} bytes: not a time-stamp`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function caArgs(dir: string, ca: string | null): string[] {
  if (ca === null) return ["-CAfile", SYSTEM_CA];
  const file = join(dir, "ca.pem");
  writeFileSync(file, ca);
  return ["-CAfile", file];
}

/**
 * Asks the authority at `tsa` to time-stamp `hash` (a SHA-256 hex digest) and checks the answer
 * (granted, signed by a certificate chaining to `ca`, for this hash and this request's nonce)
 * before returning it. Throws TimestampError naming what failed.
 */
export async function requestTimestamp(tsa: string, hash: string, ca: string | null): Promise<TimestampRecord> {
  return withTempDir(async (dir) => {
    const query = join(dir, "query.tsq");
    const reply = join(dir, "reply.tsr");
    await openssl(["ts", "-query", "-digest", hash, "-sha256", "-cert", "-out", query]);
    writeFileSync(reply, await fetchResponse(tsa, readFileSync(query)));
    const text = await openssl(["ts", "-reply", "-in", reply, "-text"]).catch((error: Error) => {
      throw new TimestampError(`the answer from ${tsa} is not an RFC 3161 time-stamp response: ${error.message}`);
    });
    if (!/^Status: Granted/m.test(text)) {
      const status = /^Status: (.*)$/m.exec(text)?.[1] ?? "unknown";
      throw new TimestampError(`the time-stamping authority at ${tsa} refused: ${status}`);
    }
    const time = readTime(text);
    try {
      await openssl(["ts", "-verify", "-queryfile", query, "-in", reply, ...caArgs(dir, ca), ...atTime(time)]);
    } catch (error) {
      throw new TimestampError(`the time-stamp from ${tsa} does not verify: ${(error as Error).message}`);
    }
    return { hash, tsa, time, response: readFileSync(reply).toString("base64"), ca };
  });
}

/** Check certificates as of the stamp's own time: an authority's certificate may expire later. */
const atTime = (iso: string) => ["-attime", String(Math.floor(new Date(iso).getTime() / 1000))];

export interface TimestampCheck {
  readonly seq: number;
  readonly stampedSeq: number;
  readonly record: TimestampRecord | null;
  readonly problem: string | null;
}

/**
 * Checks every `timestamp` entry of a verified log: the stamped hash must be the hash the log holds
 * at that sequence number; the stored response must verify for that hash against `ca`, the
 * authority's CA as the checker configured it (PEM; null: the system's trusted CAs), never the
 * certificate stored in the entry, which whoever wrote the entry chose; and the stamp's time must be
 * no earlier than the entries it covers (a back-dated authority, or entries dated after their stamp).
 */
export async function checkTimestamps(
  entries: ReadonlyArray<AuditEntry>,
  ca: string | null,
): Promise<TimestampCheck[]> {
  const checks: TimestampCheck[] = [];
  for (const entry of entries) {
    if (entry.action !== "timestamp") continue;
    const stampedSeq = Number(entry.entity_id);
    let record: TimestampRecord | null = null;
    try {
      record = JSON.parse(entry.after_json ?? "null") as TimestampRecord;
      if (!record || typeof record.hash !== "string" || typeof record.response !== "string") {
        throw new TimestampError("the entry holds no time-stamp");
      }
      const stamped = entries[stampedSeq - 1];
      if (!stamped || stamped.seq !== stampedSeq || stamped.hash !== record.hash) {
        throw new TimestampError(`it stamps a hash that entry ${stampedSeq} does not have`);
      }
      const { response, time } = record;
      let latest = "";
      for (const e of entries.slice(0, stampedSeq)) if (e.at > latest) latest = e.at;
      await withTempDir(async (dir) => {
        const reply = join(dir, "reply.tsr");
        writeFileSync(reply, Buffer.from(response, "base64"));
        const text = await openssl(["ts", "-reply", "-in", reply, "-text"]);
        const tokenTime = readTime(text);
        if (tokenTime !== time) throw new TimestampError(`its recorded time ${time} is not the token's (${tokenTime})`);
        await openssl(["ts", "-verify", "-digest", record!.hash, "-in", reply, ...caArgs(dir, ca), ...atTime(time)]);
        // Whole seconds: a token's time may be truncated to the second, an entry's is not.
        if (Math.floor(Date.parse(latest) / 1000) > Math.floor(Date.parse(tokenTime) / 1000)) {
          throw new TimestampError(
            `its time ${tokenTime} is earlier than the entries it covers (written up to ${latest}): a back-dated stamp`,
          );
        }
      });
      checks.push({ seq: entry.seq, stampedSeq, record, problem: null });
    } catch (error) {
      checks.push({ seq: entry.seq, stampedSeq, record, problem: (error as Error).message });
    }
  }
  return checks;
}
