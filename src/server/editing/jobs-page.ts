/** /edit/jobs: the schedule and the last runs, for admins; the links the editing dashboard adds for them. */
import { Hono } from "hono";
import { roleAtLeast } from "../../accounts/index.ts";
import { nextRun, recentRuns, type Schedule } from "../../service/index.ts";
import { type EditingEnv, EditingError, requireSession } from "./guard.ts";
import { html, type SafeHtml } from "./html.ts";
import { page, send, viewOf } from "./layout.ts";
import type { Operations } from "./operations.ts";
import type { EditLang } from "./words.ts";

const WORDS = {
  en: {
    title: "Scheduled jobs",
    schedule: (file: string) => `The schedule (${file})`,
    noSchedule:
      "This server runs no schedule (start it with --schedule FILE); runs recorded by a liuzhi worker are listed below.",
    lastRuns: "Last runs",
    none: "No run recorded yet.",
    columns: ["job", "kind", "cron", "next run"],
    runColumns: ["job", "attempt", "started", "finished", "outcome", "drafts filed", "what it did"],
    outcome: { running: "running", succeeded: "succeeded", failed: "FAILED" } as Record<string, string>,
    jobsLink: "Scheduled jobs and their last runs",
    feedLink: "Drafts awaiting review, as an Atom feed",
    feedNote: "(signed in; a feed reader that cannot sign in takes the address liuzhi feeds key NAME prints)",
  },
  zh: {
    title: "定时任务",
    schedule: (file: string) => `任务表（${file}）`,
    noSchedule: "本服务器未运行任务表（以 --schedule FILE 启动）；下列为 liuzhi worker 记录的运行。",
    lastRuns: "最近运行",
    none: "尚无运行记录。",
    columns: ["任务", "类型", "cron", "下次运行"],
    runColumns: ["任务", "第几次", "开始", "结束", "结果", "提交草稿", "内容"],
    outcome: { running: "运行中", succeeded: "成功", failed: "失败" } as Record<string, string>,
    jobsLink: "定时任务及最近运行",
    feedLink: "待审草稿（Atom 订阅）",
    feedNote: "（需登录；无法登录的阅读器请用 liuzhi feeds key NAME 打印的地址）",
  },
} as const;

/** The dashboard's links to the reviewer feed (everyone signed in) and to the jobs page (admins). */
export function serviceLinks(lang: EditLang, role: string): SafeHtml {
  const w = WORDS[lang];
  return html`<p><a href="/feeds/drafts.atom" type="application/atom+xml">${w.feedLink}</a> ${w.feedNote}</p>
${roleAtLeast(role, "admin") ? html`<p><a href="/edit/jobs">${w.jobsLink}</a></p>` : ""}`;
}

export function jobsPageRoutes(ops: Operations, schedule: Schedule | undefined): Hono<EditingEnv> {
  const app = new Hono<EditingEnv>();
  app.get("/", async (c) => {
    const session = requireSession(c);
    if (!roleAtLeast(session.user.role, "admin")) {
      throw new EditingError(403, `this needs the admin role; '${session.user.name}' is ${session.user.role}`);
    }
    const view = viewOf(c);
    const w = WORDS[view.w.lang];
    const runs = await recentRuns(ops.deps.db, { limit: 50 });
    const jobs = schedule
      ? html`<h2>${w.schedule(schedule.file)}</h2><table><thead><tr>${w.columns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>
${schedule.jobs.map((j) => html`<tr><td>${j.name}</td><td>${j.kind}</td><td><code>${j.cron}</code></td><td>${nextRun(j, schedule.timezone)?.toISOString() ?? "–"}</td></tr>`)}</tbody></table>`
      : html`<p>${w.noSchedule}</p>`;
    const table = runs.length
      ? html`<table id="runs"><thead><tr>${w.runColumns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>
${runs.map(
  (r) =>
    html`<tr data-job="${r.job}" data-outcome="${r.outcome}"><td>${r.job}</td><td>${String(r.attempt)}</td><td>${r.startedAt}</td><td>${r.finishedAt ?? "–"}</td><td>${w.outcome[r.outcome] ?? r.outcome}</td><td>${r.filed.length ? html`${r.filed.map((id) => html`<a href="/edit/changes/${id}">${id.slice(0, 8)}</a> `)}` : "0"}</td><td>${r.summary ?? ""}</td></tr>`,
)}</tbody></table>`
      : html`<p>${w.none}</p>`;
    return send(c, page(view, w.title, html`${jobs}<h2>${w.lastRuns}</h2>${table}`));
  });
  return app;
}
