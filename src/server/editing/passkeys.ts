/**
 * Passkeys on the editing pages: the account page (/edit/account) registers one; the sign-in page
 * signs in with one; the review page signs an approval with one (its challenge is the change's id
 * and proposed payload hash, see approvalChallenge in src/audit). The browser side is
 * @simplewebauthn/browser's bundle and `passkey.js`, served as files (the CSP forbids inline script).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import {
  AccountError,
  assertionOptions,
  listPasskeys,
  type RelyingParty,
  registerPasskey,
  registrationOptions,
  signIn,
  signInWithPasskey,
} from "../../accounts/index.ts";
import { approvalChallenge, payloadSha256 } from "../../audit/index.ts";
import { authorize, DEVICE_COOKIE, type EditingEnv, EditingError, requireSession } from "./guard.ts";
import { html } from "./html.ts";
import { page, send, viewOf } from "./layout.ts";
import type { Operations } from "./operations.ts";
import { PASSKEY_SCRIPTS } from "./views.ts";

/** The relying party: the host browsers see (the public origin behind a proxy) and the page origin. */
export function relyingParty(c: Context, publicOrigin?: string): RelyingParty {
  const origin = publicOrigin ?? new URL(c.req.url).origin;
  return { id: new URL(origin).hostname, origin, name: "Liuzhi Monitor" };
}

/** One-time challenges we issued, for 5 minutes: a sign-in's, or a registration's (with its account). */
export class Challenges {
  private readonly open = new Map<string, { purpose: string; user: string | null; until: number }>();
  issue(purpose: string, user: string | null): string {
    const now = Date.now();
    for (const [k, v] of this.open) if (v.until < now) this.open.delete(k);
    if (this.open.size > 10_000) throw new EditingError(503, "too many passkey requests at once: try again shortly");
    const challenge = randomBytes(32).toString("base64url");
    this.open.set(challenge, { purpose, user, until: now + 5 * 60_000 });
    return challenge;
  }
  /** Takes the challenge a browser's answer carries (once), if we issued it for this purpose and account. */
  take(response: unknown, purpose: string, user: string | null): string {
    const clientData = (response as { response?: { clientDataJSON?: unknown } } | null)?.response?.clientDataJSON;
    let challenge = "";
    try {
      challenge = String(JSON.parse(Buffer.from(String(clientData), "base64url").toString("utf8")).challenge ?? "");
    } catch {
      throw new EditingError(400, "the passkey answer is not valid");
    }
    const entry = this.open.get(challenge);
    this.open.delete(challenge);
    if (!entry || entry.purpose !== purpose || entry.user !== user || entry.until < Date.now()) {
      throw new EditingError(400, "the passkey challenge is unknown or expired: try again");
    }
    return challenge;
  }
}

function browserBundle(): string {
  const entry = fileURLToPath(import.meta.resolve("@simplewebauthn/browser"));
  return readFileSync(join(dirname(entry), "..", "dist", "bundle", "index.umd.min.js"), "utf8");
}

/** Registers, signs in, signs approvals; every call answers JSON, errors as { error: { message } }. */
export const PASSKEY_JS = `"use strict";
(function () {
  var W = window.SimpleWebAuthnBrowser;
  function post(url, body, csrf) {
    var headers = { "Content-Type": "application/json" };
    if (csrf) headers["X-CSRF-Token"] = csrf;
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(body || {}), credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error ? j.error.message : r.status); return j; }); });
  }
  function say(el, text) { if (el) { el.textContent = text; el.hidden = false; } }
  var add = document.getElementById("passkey-add");
  if (add) add.addEventListener("click", function () {
    var csrf = add.getAttribute("data-csrf"), out = document.getElementById("passkey-status");
    post("/api/edit/passkeys/options", { password: document.getElementById("passkey-password").value }, csrf)
      .then(function (options) { return W.startRegistration({ optionsJSON: options }); })
      .then(function (response) { return post("/api/edit/passkeys", { response: response }, csrf); })
      .then(function () { location.assign("/edit/account?added=1"); })
      .catch(function (e) { say(out, e.message); });
  });
  var signIn = document.getElementById("passkey-signin");
  if (signIn) signIn.addEventListener("click", function () {
    var out = document.getElementById("passkey-status");
    post("/api/edit/passkey-session/options", {})
      .then(function (options) { return W.startAuthentication({ optionsJSON: options }); })
      .then(function (response) { return post("/api/edit/passkey-session", { response: response }); })
      .then(function () { location.assign("/edit"); })
      .catch(function (e) { say(out, e.message); });
  });
  var approve = document.querySelector("form[data-passkey-approve]");
  if (approve) approve.addEventListener("submit", function (event) {
    var field = approve.querySelector("input[name=passkey]");
    if (field.value) return;
    event.preventDefault();
    var out = document.getElementById("passkey-status");
    post(approve.getAttribute("data-passkey-approve"), {}, approve.querySelector("input[name=csrf]").value)
      .then(function (options) { return W.startAuthentication({ optionsJSON: options }); })
      .then(function (response) { field.value = JSON.stringify(response); approve.submit(); })
      .catch(function (e) { say(out, e.message); });
  });
})();
`;

let bundle: string | null = null;
/** The two files, the library's read from node_modules once, when first asked for. */
export function passkeyStatic(): Record<string, { body: string; type: string }> {
  if (bundle === null) bundle = browserBundle();
  return {
    "webauthn.js": { body: bundle, type: "text/javascript; charset=utf-8" },
    "passkey.js": { body: PASSKEY_JS, type: "text/javascript; charset=utf-8" },
  };
}

const accountRefused = async <T>(work: () => Promise<T>) => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccountError) throw new EditingError(400, error.message);
    throw error;
  }
};

/** The JSON routes (mounted under /api/edit). */
export function passkeyApiRoutes(ops: Operations, challenges: Challenges): Hono<EditingEnv> {
  const api = new Hono<EditingEnv>();
  const rp = (c: Context) => relyingParty(c, ops.deps.publicOrigin);
  const body = async (c: Context) => (await c.req.json().catch(() => ({}))) as { response?: unknown };

  // Adding a passkey needs the password again: a stolen session alone must not get a key that signs approvals.
  api.post("/passkeys/options", async (c) => {
    const session = await authorize(c, "viewer");
    const { password } = (await body(c)) as { password?: unknown };
    if (typeof password !== "string" || password === "" || password.length > 1024) {
      throw new EditingError(400, "type your password to add a passkey");
    }
    const proof = await signIn(ops.deps.db, session.user.name, password, ops.clock, getCookie(c, DEVICE_COOKIE));
    if (!proof.ok) throw new EditingError(403, "wrong password: no passkey was added");
    const options = await registrationOptions(ops.deps.db, session.user.name, rp(c));
    const challenge = challenges.issue("register", session.user.name);
    return c.json({ ...options, challenge });
  });

  api.post("/passkeys", async (c) => {
    const session = await authorize(c, "viewer");
    const { response } = await body(c);
    const expectedChallenge = challenges.take(response, "register", session.user.name);
    const id = await accountRefused(() =>
      registerPasskey(ops.deps.db, { userName: session.user.name, response, expectedChallenge, rp: rp(c) }, ops.clock),
    );
    return c.json({ id }, 201);
  });

  api.post("/passkey-session/options", async (c) => {
    ops.limit(c);
    return c.json(await assertionOptions(ops.deps.db, rp(c), challenges.issue("sign-in", null)));
  });

  api.post("/passkey-session", async (c) => {
    ops.limit(c);
    const { response } = await body(c);
    const challenge = challenges.take(response, "sign-in", null);
    const user = await accountRefused(() => signInWithPasskey(ops.deps.db, response, challenge, rp(c))).catch(
      (error: unknown) => {
        throw error instanceof EditingError ? new EditingError(401, error.message) : error;
      },
    );
    const { csrfToken } = await ops.startSession(c, user);
    return c.json({ user, csrfToken });
  });

  // The challenge is fixed by the change as proposed: signing it approves exactly that payload.
  api.post("/changes/:id/approval-options", async (c) => {
    const session = await authorize(c, "reviewer");
    const row = await ops.deps.db
      .selectFrom("changes")
      .select(["id", "payload_json"])
      .where("id", "=", c.req.param("id"))
      .executeTakeFirst();
    if (!row) throw new EditingError(404, `no change '${c.req.param("id")}'`);
    const challenge = approvalChallenge(row.id, payloadSha256(row.payload_json));
    return c.json(await assertionOptions(ops.deps.db, rp(c), challenge, session.user.name));
  });

  return api;
}

/** The account page: the account's passkeys, and a button to add one. */
export function passkeyPageRoutes(ops: Operations): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();
  app.get("/account", async (c) => {
    const session = requireSession(c);
    const view = viewOf(c);
    const { w } = view;
    const keys = await listPasskeys(ops.deps.db, session.user.name);
    const added = c.req.query("added") === "1";
    return send(
      c,
      page(
        view,
        w.passkeys,
        html`<h1>${w.passkeys}</h1>
${added ? html`<p class="ok" role="status">${w.passkeyAdded}</p>` : ""}
<p>${w.passkeysIntro}</p>
${keys.length === 0 ? html`<p>${w.noPasskeys}</p>` : html`<ul>${keys.map((k) => html`<li><code>${k.id.slice(0, 16)}…</code> · ${k.createdAt}</li>`)}</ul>`}
<div class="field"><label for="passkey-password">${w.password}</label><input id="passkey-password" type="password" autocomplete="current-password"></div>
<p><button type="button" id="passkey-add" data-csrf="${session.csrfToken}">${w.addPasskey}</button></p>
<p id="passkey-status" class="passkey-status" role="alert" hidden></p>`,
        { scripts: PASSKEY_SCRIPTS },
      ),
    );
  });
  return app;
}
