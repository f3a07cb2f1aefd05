import type { MiddlewareHandler } from "hono";
import { EditingError } from "./guard.ts";

/**
 * Fields a form may carry at most. The longest editing form (a case) has well under a hundred; a
 * form of 30,000 empty fields fits in the body limit and took 250–340 ms to parse, on the sign-in
 * route before its limit could answer.
 */
export const MAX_FORM_FIELDS = 500;

/** Fields in a form body, counted on its bytes without parsing it: `&`-separated parts, or multipart boundaries. */
export function countFormFields(body: Uint8Array, contentType: string): number {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const mark = boundary ? `--${boundary[1] ?? boundary[2]}` : null;
    if (!mark) return 0;
    let count = -1; // the last boundary closes the body
    for (let at = bytes.indexOf(mark); at >= 0; at = bytes.indexOf(mark, at + mark.length)) count++;
    return Math.max(0, count);
  }
  let count = bytes.length > 0 ? 1 : 0;
  for (let at = bytes.indexOf(0x26); at >= 0; at = bytes.indexOf(0x26, at + 1)) count++;
  return count;
}

/**
 * Refuses a form with more than MAX_FORM_FIELDS fields (413) before any route parses it. The body,
 * already within the size limit, is read once here; the routes' `parseBody` reads it from Hono's cache.
 */
export function formFieldLimit(max = MAX_FORM_FIELDS): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header("Content-Type") ?? "";
    if (
      c.req.method === "POST" &&
      (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
    ) {
      const fields = countFormFields(new Uint8Array(await c.req.arrayBuffer()), type);
      if (fields > max) {
        throw new EditingError(413, `the form has ${fields} fields, more than the ${max} any form here has`);
      }
    }
    await next();
  };
}
