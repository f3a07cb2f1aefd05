import type { MiddlewareHandler } from "hono";

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

/** Security headers on every response, and open CORS on the read-only API. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on form posts; other sites still get no referrer.
    h.set("Referrer-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    // Open CORS for the public read-only API only; team editing answers to its own origin alone.
    if (c.req.path.startsWith("/api/") && !c.req.path.startsWith("/api/edit"))
      h.set("Access-Control-Allow-Origin", "*");
  };
}
