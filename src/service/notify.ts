import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import type { NotifyConfig } from "./config.ts";
import type { DeadlineCounts } from "./scheduler.ts";

/** A draft as people are told of it: its change id and the line that says what it proposes. */
export interface DraftNotice {
  readonly id: string;
  readonly reason: string;
}

export interface Notifier {
  draftsArrived(drafts: ReadonlyArray<DraftNotice>): Promise<void>;
  jobFailed(job: string, summary: string): Promise<void>;
  /** To the case holders only, by e-mail: counts, never a case, a name or an id. */
  deadlinesNear(counts: DeadlineCounts): Promise<void>;
}

/** The signature a webhook receiver checks: `sha256=` and the HMAC-SHA256 of the exact body, in hex. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const WEBHOOK_ATTEMPTS = 4;

/**
 * Tells the team what needs them: e-mail through SMTP (nodemailer) to the configured reviewers, and
 * a signed JSON POST to each webhook, retried with back-off when it does not answer 2xx.
 * Errors are collected and thrown together after every channel was tried.
 */
export function createNotifier(config: NotifyConfig | undefined, log: (line: string) => void = () => {}): Notifier {
  const origin = config?.origin ?? null;
  const link = (path: string) => (origin ? `${origin}${path}` : path);
  const mailer = config?.email ? nodemailer.createTransport(config.email.smtp) : null;

  const post = async (url: string, secret: string, event: string, body: string) => {
    let last = "";
    for (let n = 1; n <= WEBHOOK_ATTEMPTS; n += 1) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Liuzhi-Event": event,
            "X-Liuzhi-Signature": webhookSignature(secret, body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        last = `answered ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      log(`webhook ${url}: attempt ${n} failed (${last})`);
      if (n < WEBHOOK_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, (config?.webhookBackoffMs ?? 2_000) * 2 ** (n - 1)));
      }
    }
    throw new Error(`webhook ${url}: ${last} after ${WEBHOOK_ATTEMPTS} attempts`);
  };

  const send = async (event: string, payload: Record<string, unknown>, subject: string, text: string) => {
    const problems: string[] = [];
    const body = JSON.stringify({ event, ...payload });
    const tasks: Array<Promise<unknown>> = (config?.webhooks ?? []).map((hook) =>
      post(hook.url, hook.secret, event, body),
    );
    if (mailer && config?.email) {
      tasks.push(mailer.sendMail({ from: config.email.from, to: config.email.to, subject, text }));
    }
    for (const result of await Promise.allSettled(tasks)) {
      if (result.status === "rejected") problems.push((result.reason as Error).message);
    }
    if (problems.length) throw new Error(problems.join("; "));
  };

  return {
    async draftsArrived(drafts) {
      if (drafts.length === 0) return;
      const lines = drafts.map((d) => `- ${d.reason}\n  ${link(`/edit/changes/${d.id}`)}`);
      await send(
        "drafts",
        { drafts: drafts.map((d) => ({ id: d.id, reason: d.reason, url: link(`/edit/changes/${d.id}`) })) },
        `Liuzhi Monitor: ${drafts.length} draft(s) await review`,
        `${drafts.length} draft(s) await review:\n\n${lines.join("\n")}\n\nReview them at ${link("/edit")}\n`,
      );
    },
    async deadlinesNear(counts) {
      const total = counts.beyondLimit + counts.urgentWindow + counts.termEndingSoon;
      if (total === 0 || !mailer || !config?.email || !config.caseHolders) return;
      await mailer.sendMail({
        from: config.email.from,
        to: config.caseHolders,
        subject: `Liuzhi Monitor: ${total} open case(s) need attention`,
        text: [
          `${counts.beyondLimit} open case(s) are past a legal limit (the maximum, or the term without a recorded extension).`,
          `${counts.urgentWindow} are inside the WGEID urgent-action window.`,
          `${counts.termEndingSoon} reach the end of their term within ${counts.withinDays} days.`,
          "",
          `Which ones: ${link("/edit/cases")} (signed in with a case role), or liuzhi case deadlines.`,
          "This message names no case on purpose.",
          "",
        ].join("\n"),
      });
    },
    async jobFailed(job, summary) {
      await send(
        "job-failed",
        { job, summary },
        `Liuzhi Monitor: scheduled job '${job}' failed`,
        `The scheduled job '${job}' failed after its retries:\n\n${summary}\n\nSee ${link("/edit/jobs")}\n`,
      );
    },
  };
}
