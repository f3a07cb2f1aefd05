/** The editing pages under XSS payloads in every text field, rendered in real headless Chromium. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editingRoutes } from "../src/server/editing/index.ts";
import { launchChromium } from "./support/chromium.ts";
import {
  call,
  type Fixture,
  observationRow,
  openFixture,
  PASSWORD,
  sourceRow,
  USERS,
} from "./support/editing-fixture.ts";

let fx: Fixture;
let app: Hono;

beforeAll(async () => {
  fx = await openFixture();
  app = editingRoutes({ db: fx.db, secureCookies: false });
});
afterAll(async () => fx?.close());

const XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'] as const;

describe("XSS payloads in real headless Chromium", () => {
  it("show as text in every page that renders them; no dialog fires and no element is injected", {
    timeout: 180_000,
  }, async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    try {
      const editor = await fx.session("editor");
      const reviewer = await fx.session("reviewer");
      const p = (i: number) => XSS[i % 2]!;
      // a source and an observation with a payload in every free-text field and in the reasons
      const source = { ...(await sourceRow("xss-source-1")), publisher: p(0), title: p(1), cited_in: p(0), note: p(1) };
      const s = await call(app, "POST", "/api/edit/changes", {
        session: editor,
        json: { table: "sources", action: "create", row: source, reason: p(0) },
      });
      expect(s.status).toBe(201);
      const sourceChange = ((await s.json()) as { change: { id: string } }).change.id;
      const obs = {
        ...(await observationRow(fx.db, "xss-obs-1")),
        period_label: p(0),
        locator: p(1),
        quote: p(0),
        quote_en: p(1),
        note: p(0),
      };
      const o = await call(app, "POST", "/api/edit/changes", {
        session: editor,
        json: { table: "observations", action: "create", row: obs, reason: p(1) },
      });
      expect(o.status).toBe(201);
      const obsChange = ((await o.json()) as { change: { id: string } }).change.id;
      // a rejected one: the rejection reason carries a payload too
      const r = await call(app, "POST", "/api/edit/changes", {
        session: editor,
        json: { table: "observations", action: "create", row: { ...obs, id: "xss-obs-2" }, reason: p(0) },
      });
      const rejected = ((await r.json()) as { change: { id: string } }).change.id;
      expect(
        (await call(app, "POST", `/api/edit/changes/${rejected}/reject`, { session: reviewer, json: { reason: p(1) } }))
          .status,
      ).toBe(200);

      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      const check = async (path: string, expected: ReadonlyArray<string>) => {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status(), path).toBeLessThan(500);
        const body = (await page.locator("main").textContent()) ?? "";
        for (const payload of expected) expect(body, path).toContain(payload);
        const injected = await page.evaluate(() => ({
          scripts: Array.from(document.querySelectorAll("script")).map((s) => s.getAttribute("src")),
          images: document.querySelectorAll("img").length,
          handlers: Array.from(document.querySelectorAll("*")).filter((e) =>
            Array.from(e.attributes).some((a) => a.name.startsWith("on")),
          ).length,
        }));
        // Only our own script files (the CSP forbids inline script): nothing a payload brought in.
        const ours = (src: string | null) => src === "/edit/static/setup.js" || src === "/edit/static/picker.js";
        expect(injected, path).toEqual({ scripts: injected.scripts.filter(ours), images: 0, handlers: 0 });
        expect(injected.scripts.every(ours), path).toBe(true);
      };

      // the sign-in form in the browser (its name field echoed back on failure), then as the reviewer
      await page.goto(`${base}/edit/login`);
      await page.fill("#login-name", XSS[1]);
      await page.fill("#login-password", "not the password");
      await page.click("button[type=submit]");
      expect(await page.inputValue("#login-name")).toBe(XSS[1]);
      await page.fill("#login-name", USERS.reviewer.name);
      await page.fill("#login-password", PASSWORD);
      await Promise.all([page.waitForURL(`${base}/edit`), page.click("main button[type=submit]")]);

      await check("/edit", [XSS[0], XSS[1]]);
      await check(`/edit/changes/${sourceChange}`, XSS);
      await check(`/edit/changes/${obsChange}`, XSS);
      // approve both in the browser, with a payload as the reviewer's note
      for (const id of [sourceChange, obsChange]) {
        await page.goto(`${base}/edit/changes/${id}`);
        await page.fill("#approve-reason", XSS[0]);
        await Promise.all([
          page.waitForURL(`${base}/edit/changes/${id}`),
          page.click("form[action$='/approve'] button"),
        ]);
        await check(`/edit/changes/${id}`, XSS);
      }
      await check(`/edit/changes/${rejected}`, XSS);
      await check("/edit/sources/xss-source-1/history", XSS);
      await check("/edit/observations/xss-obs-1/history", XSS);
      await check("/edit/observations/xss-obs-2/history", XSS);
      await check(`/edit/correct?table=sources&id=xss-source-1`, []);
      expect(await page.inputValue("#f-publisher")).toBe(XSS[0]);
      expect(await page.inputValue("#f-title")).toBe(XSS[1]);
      await check(`/edit/observations/${encodeURIComponent(XSS[1])}/history`, [XSS[1]]);
      await check(`/edit/setup?token=${encodeURIComponent(XSS[1])}`, []);
      expect(await page.inputValue("#setup-token")).toBe(XSS[1]);
      await page.goto(`${base}/edit/setup#${encodeURIComponent(XSS[0])}`);
      expect(await page.inputValue("#setup-token")).toBe(XSS[0]);

      // the form, typed in the browser, refused (ids and references cannot hold payloads) and shown back
      await page.goto(`${base}/edit/new/sources`);
      for (const field of ["id", "publisher", "title", "cited_in", "note", "url", "archived_url", "published"]) {
        if (field === "published") continue;
        await page.fill(`#f-${field}`, XSS[field.length % 2]!);
      }
      await page.fill("#f-reason", XSS[1]);
      await page.click("form[action='/edit/changes'] button[type=submit]");
      await page.waitForSelector(".notice");
      expect((await page.locator("#e-id").textContent()) ?? "").toContain("must use");
      expect((await page.locator("#e-url").textContent()) ?? "").toContain("must be an http(s) URL");
      expect(await page.inputValue("#f-id")).toBe(XSS[0]);
      expect(await page.inputValue("#f-reason")).toBe(XSS[1]);
      expect(await page.locator("main img").count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
