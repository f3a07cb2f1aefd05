import { maxHeaderSize } from "node:http";
import type { Duplex } from "node:stream";
import type { MiddlewareHandler } from "hono";
import { type ServerLog, serverLog } from "./log.ts";

/** No inline script or style, nothing from other origins, never framed. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The same policy for the pages other sites may frame (/embed/…): any site may, nothing else changes. */
export const EMBED_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "frame-ancestors 'none'",
  "frame-ancestors *",
);

/** Security headers on every response, and open CORS on the read-only API. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    // Only the embed pages may be framed; an image's own stricter policy (an embedded chart's SVG) stays.
    const embed = c.req.path.startsWith("/embed/") || c.req.path === "/embed";
    if (!embed || !h.has("Content-Security-Policy"))
      h.set("Content-Security-Policy", embed ? EMBED_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on form posts; other sites still get no referrer.
    h.set("Referrer-Policy", "same-origin");
    if (embed) h.delete("X-Frame-Options");
    else h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    // Open CORS for the public read-only API only; team editing answers to its own origin alone.
    if (c.req.path.startsWith("/api/") && !c.req.path.startsWith("/api/edit"))
      h.set("Access-Control-Allow-Origin", "*");
  };
}

/** Statuses of the requests Node's parser refuses before any app sees them, each with what was wrong. */
function clientErrorAnswer(code: string | undefined): { status: number; reason: string; message: string } {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        reason: "Request Header Fields Too Large",
        message: `the request's header fields are too large: the request line and headers together must stay under ${maxHeaderSize} bytes`,
      };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, reason: "Request Timeout", message: "the request was not received in time" };
    default:
      return {
        status: 400,
        reason: "Bad Request",
        message: `the request is not valid HTTP${code ? ` (${code})` : ""}`,
      };
  }
}

/**
 * The server's `clientError` handler: Node answers a request it cannot parse with a bare status line
 * and no body; this one answers in the API's error shape, naming its own status and what was wrong,
 * and logs one line per kind of refusal (rate-limited, see log.ts).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, log: ServerLog = serverLog): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    log.problem("client-reset", "a client closed its connection before its request was read");
    socket.destroy();
    return;
  }
  const { status, reason, message } = clientErrorAnswer(error.code);
  // One line per kind (the parser's code), at most once a minute: never a stack trace per request.
  log.problem(`client-error ${error.code ?? status}`, `answered ${status}: ${message}`);
  const body = JSON.stringify({ error: { status, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "X-Content-Type-Options: nosniff\r\n" +
      `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}
