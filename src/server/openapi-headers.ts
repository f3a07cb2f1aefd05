/**
 * The response headers the public API answers with, as the OpenAPI document declares them: every
 * answer's, a computed answer's, a 304's, a 405's and a refusal's. Transport headers (Content-Type,
 * Content-Length, Date, Connection) and the security headers every page carries (stated in the
 * document's description) are not repeated per response.
 */
const header = (description: string, schema: object = { type: "string" }) => ({ description, schema });

/** On every answer of the public API, errors included. */
export const EVERY_ANSWER = {
  "Liuzhi-Ledger-Sha256": header("SHA-256 of the ledger the answer was computed from.", {
    type: "string",
    pattern: "^[0-9a-f]{64}$",
  }),
  "Liuzhi-Version": header("The software version that computed the answer."),
  "Access-Control-Allow-Origin": header("Always `*`: the public API may be read from any site.", {
    type: "string",
    enum: ["*"],
  }),
} as const;

/** On an answer with a body that may be revalidated (200) and on its 304. */
export const REVALIDATED = {
  ...EVERY_ANSWER,
  ETag: header("Strong entity tag of the answer; send it back as If-None-Match to get a 304 while it holds."),
  "Cache-Control": header(
    "`public, no-cache`: any cache may keep the answer but must revalidate it (If-None-Match) before each use, so an approved change is seen within seconds.",
  ),
  Vary: header("`Accept-Encoding`."),
} as const;

/** On a 200 with a body. */
export const OK_HEADERS = {
  ...REVALIDATED,
  "Content-Encoding": header("`gzip` when the request accepted it; absent otherwise.", {
    type: "string",
    enum: ["gzip"],
  }),
} as const;

/** On a 405. */
export const NOT_ALLOWED_HEADERS = {
  ...EVERY_ANSWER,
  Allow: header("The methods the route answers: `GET, HEAD`."),
} as const;

/** On a 429 or 503. */
export const REFUSED_HEADERS = {
  ...EVERY_ANSWER,
  "Retry-After": header("Seconds to wait before asking again.", { type: "integer", minimum: 1 }),
  "Cache-Control": header("`no-store`: a refusal is never cached."),
} as const;

/** The names of the security headers every answer carries, for the document's description. */
export const SECURITY_HEADER_NAMES = [
  "Content-Security-Policy",
  "X-Content-Type-Options",
  "Referrer-Policy",
  "X-Frame-Options",
  "Cross-Origin-Opener-Policy",
] as const;
