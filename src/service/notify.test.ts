/**
 * Telling people: a real SMTP server (smtp-server) receives the reviewers' e-mail; a loopback
 * webhook receiver that fails at first gets the same event again, signed with HMAC-SHA256.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp } from "../../test/support/smtp.ts";
import { createNotifier, webhookSignature } from "./notify.ts";

const SECRET = "a shared secret of the team's chat";
const hooks: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
let failuresLeft = 2;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hookServer: ReturnType<typeof createServer>;
let hookPort: number;

beforeAll(async () => {
  smtp = await startSmtp();
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
        return;
      }
      hooks.push({
        body,
        signature: req.headers["x-liuzhi-signature"] as string | undefined,
        event: req.headers["x-liuzhi-event"] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
  hookPort = (hookServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await smtp.close();
  await new Promise<void>((resolve) => hookServer.close(() => resolve()));
});

describe("notifications", () => {
  it("e-mails the reviewers and posts a signed webhook (retried until it answers) when drafts arrive", async () => {
    const notifier = createNotifier({
      origin: "https://liuzhi.example.org",
      email: { smtp: `smtp://127.0.0.1:${smtp.port}`, from: "liuzhi@example.org", to: ["rosa@example.org"] },
      webhooks: [{ url: `http://127.0.0.1:${hookPort}/hook`, secret: SECRET }],
      webhookBackoffMs: 50,
    });
    const reason = "Monitor: '留置473人' read as liuzhi_placements CN-YN 2024-01-01..2024-06-30 = 473 (exact)";
    await notifier.draftsArrived([{ id: "c0ffee00-0000-4000-8000-000000000001", reason }]);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(["rosa@example.org"]);
    expect(mail.subject).toBe("Liuzhi Monitor: 1 draft(s) await review");
    expect(mail.text).toContain(reason);
    expect(mail.text).toContain("https://liuzhi.example.org/edit/changes/c0ffee00-0000-4000-8000-000000000001");

    expect(hooks).toHaveLength(1); // after two 503s
    const hook = hooks[0]!;
    expect(hook.event).toBe("drafts");
    expect(hook.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(hook.body).digest("hex")}`);
    expect(JSON.parse(hook.body)).toEqual({
      event: "drafts",
      drafts: [
        {
          id: "c0ffee00-0000-4000-8000-000000000001",
          reason,
          url: "https://liuzhi.example.org/edit/changes/c0ffee00-0000-4000-8000-000000000001",
        },
      ],
    });
    // A body changed on the way no longer matches its signature.
    expect(webhookSignature(SECRET, hook.body.replace("473", "478"))).not.toBe(hook.signature);
  }, 30_000);

  it("says which channel failed when a webhook never answers", async () => {
    const notifier = createNotifier({
      webhooks: [{ url: "http://127.0.0.1:9/closed", secret: SECRET }],
      webhookBackoffMs: 10,
    });
    await expect(notifier.jobFailed("backup", "disk full")).rejects.toThrow(
      /webhook http:\/\/127\.0\.0\.1:9\/closed: .* after 4 attempts/,
    );
  }, 30_000);
});
