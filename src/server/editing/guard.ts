/** Sessions, CSRF, origin checks, roles and the per-IP sign-in limit of the editing routes. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findSession, type publicUser, type Role, roleAtLeast, SESSION_HOURS } from "../../accounts/index.ts";
import type { Clock } from "../../audit/index.ts";
import type { RowIssue } from "../../core/index.ts";
import type { LedgerDb } from "../../store/index.ts";

export const SESSION_COOKIE = "lz_session";

export type User = ReturnType<typeof publicUser>;
export interface Session {
  readonly user: User;
  readonly csrfToken: string;
  readonly token: string;
}
export type EditingEnv = { Variables: { session: Session | null } };

/** An error with the status to answer; the routes render it as JSON under /api/edit, as a page elsewhere. */
export class EditingError extends Error {
  override name = "EditingError";
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 500 | 503,
    message: string,
    readonly issues: ReadonlyArray<RowIssue> = [],
  ) {
    super(message);
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const isUnsafe = (method: string) => UNSAFE.has(method.toUpperCase());

/** Equal strings in time that depends on neither their content nor their lengths (both hashed first). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/**
 * Refuses state-changing requests that a browser did not make from this server's own pages. A
 * browser proves where a request comes from in one of two ways, and either is enough:
 * - `Sec-Fetch-Site: same-origin` (every current browser sends it; it cannot be set by a page);
 * - an `Origin` header equal to this server's origin (scheme, host and port of the request) or,
 *   behind a reverse proxy, the public origin it is configured with (`https://liuzhi.example.org`).
 * `Origin: null` (what browsers send under some referrer policies, from sandboxed frames and
 * file: pages) proves nothing on its own. Requests without either header (curl, scripts) pass this
 * check and still need the session's CSRF token, like every write.
 */
export function sameOriginOnly(publicOrigin?: string): MiddlewareHandler<EditingEnv> {
  return async (c, next) => {
    if (isUnsafe(c.req.method)) {
      const site = c.req.header("Sec-Fetch-Site");
      const origin = c.req.header("Origin");
      const ownOrigin = origin !== undefined && (origin === new URL(c.req.url).origin || origin === publicOrigin);
      if (site !== undefined && site !== "same-origin" && site !== "none") {
        throw new EditingError(403, "cross-site request refused: submit the form from this site's own pages");
      }
      if (origin !== undefined && !ownOrigin && site !== "same-origin") {
        throw new EditingError(403, "cross-origin request refused: submit the form from this site's own pages");
      }
    }
    await next();
  };
}

/** Loads the session named by the cookie (null when absent, expired or the account disabled). */
export function loadSession(db: LedgerDb, clock: Clock): MiddlewareHandler<EditingEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token && token.length <= 200 ? await findSession(db, token, clock) : null;
    c.set("session", found && token ? { ...found, token } : null);
    await next();
  };
}

/** The session, or 401. */
export function requireSession(c: Context<EditingEnv>): Session {
  const session = c.get("session");
  if (!session) throw new EditingError(401, "sign in first");
  return session;
}

/** The CSRF token a request carries: the X-CSRF-Token header, else the form field `csrf`. */
async function csrfOf(c: Context<EditingEnv>): Promise<string | null> {
  const header = c.req.header("X-CSRF-Token");
  if (header !== undefined) return header;
  const type = c.req.header("Content-Type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const body = await c.req.parseBody();
    return typeof body.csrf === "string" ? body.csrf : null;
  }
  return null;
}

/** For a state-changing request: a session (401), its CSRF token (403) and at least `role` (403). */
export async function authorize(c: Context<EditingEnv>, role: Role): Promise<Session> {
  const session = requireSession(c);
  const token = await csrfOf(c);
  if (token === null || !sameSecret(token, session.csrfToken)) {
    throw new EditingError(403, "missing or invalid CSRF token");
  }
  if (!roleAtLeast(session.user.role, role)) {
    throw new EditingError(403, `this needs the ${role} role; '${session.user.name}' is ${session.user.role}`);
  }
  return session;
}

export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure,
    maxAge: SESSION_HOURS * 3600,
  });
}

/** The cookie naming a browser an account signed in from: its sign-ins skip the name's delay. */
export const DEVICE_COOKIE = "lz_device";

export function setDeviceCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure,
    maxAge: 365 * 24 * 3600,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure, httpOnly: true, sameSite: "Strict" });
}

/**
 * The client's address: the peer of the connection; or, when the server is told it sits behind one
 * trusted reverse proxy, the address that proxy appended last to X-Forwarded-For (earlier entries
 * are the client's own claims and are ignored). Without that setting the header is never read.
 */
export function clientAddress(c: Context, trustProxy = false): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? "unknown";
  if (!trustProxy) return peer;
  const forwarded = c.req.header("X-Forwarded-For");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || peer;
}

/** A sliding-window limit per key, in memory: at most `limit` attempts per `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Records an attempt; returns 0 when allowed, else the seconds until the next one is. */
  take(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) if (times.every((t) => t <= now - this.windowMs)) this.hits.delete(key);
  }
}

/** Sign-in attempts per address (IPv6 per /64), on top of the per-name delays of src/accounts. */
export const LOGIN_LIMIT = { attempts: 20, minutes: 15 } as const;
