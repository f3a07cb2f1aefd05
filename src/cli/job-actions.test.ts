/**
 * A scheduled `sources-check` run on a real SQLite file against a loopback page: a source approved
 * since the last run, never captured, is captured first (WARC in the store), then checked with the
 * rest; the next run only checks it. A `case-deadlines` run tells the case holders, by e-mail, how
 * many open cases need attention, never which.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, makeTempDir, removeDir } from "../../test/helpers.ts";
import { sampleCase } from "../../test/support/cases.ts";
import { type MonitorSite, PROVINCE_PATH, startMonitorSite } from "../../test/support/monitor-server.ts";
import { startSmtp } from "../../test/support/smtp.ts";
import { latestCapture } from "../capture/index.ts";
import { addCase, keyFromBytes } from "../cases/index.ts";
import { openLedger } from "../ledger/index.ts";
import { parseSchedule, recentRuns } from "../service/index.ts";
import { type LedgerDb, openDatabase } from "../store/index.ts";
import { jobActions } from "./job-actions.ts";
import { main } from "./main.ts";
import { startService } from "./service.ts";

let dir: string;
let db: LedgerDb;
let site: MonitorSite;

beforeAll(async () => {
  dir = makeTempDir();
  site = await startMonitorSite();
  // A ledger of one source only, whose page is on the loopback site.
  ({ db } = await openDatabase({ kind: "sqlite", file: join(dir, "l.sqlite") }, async () => {}));
  await db
    .insertInto("sources")
    .values({
      id: "yunnan-2024-h1",
      publisher: "Yunnan Provincial Commission for Discipline Inspection",
      publisher_zh: null,
      title: "云南省纪委监委通报2024年上半年全省纪检监察机关监督检查、审查调查情况",
      title_lang: "zh",
      title_zh: null,
      published: "2024-07-25",
      url: site.url(PROVINCE_PATH),
      archived_url: null,
      cited_in: null,
      note: null,
    } as never)
    .execute();
});
afterAll(async () => {
  await db?.destroy();
  await site?.close();
  removeDir(dir);
});

describe("the sources-check job", () => {
  it("captures a source never captured, then checks every source; the next run only checks", async () => {
    const store = join(dir, "captures");
    const schedule = parseSchedule(
      { jobs: [{ kind: "sources-check", cron: "0 4 * * 1", allowPrivateAddresses: true }] },
      join(dir, "schedule.json"),
    );
    const action = jobActions({
      db,
      target: { kind: "sqlite", file: join(dir, "l.sqlite") },
      env: cliEnv(),
      store,
      run: main,
    });
    expect(latestCapture(store, "yunnan-2024-h1")).toBeNull();
    const first = await action(schedule.jobs[0]!);
    expect(first.summary).toMatch(/^1 new source\(s\) captured; 1 source\(s\) checked/);
    expect(first.ok).toBe(true);
    const capture = latestCapture(store, "yunnan-2024-h1");
    expect(capture?.status).toBe(200);
    expect(capture?.url).toBe(site.url(PROVINCE_PATH));

    const second = await action(schedule.jobs[0]!);
    expect(second.summary).toMatch(/^1 source\(s\) checked/);
    expect(latestCapture(store, "yunnan-2024-h1")?.warc.sha256).toBe(capture?.warc.sha256);
  }, 60_000);
});

describe("the case-deadlines job", () => {
  it("tells the case holders how many open cases need attention, and never which", async () => {
    const KEY = Buffer.alloc(32, 7);
    const file = join(dir, "cases.sqlite");
    const { db: ledger } = await openLedger({ kind: "sqlite", file });
    const smtp = await startSmtp();
    try {
      const ctx = { db: ledger, key: keyFromBytes(KEY), actor: "test" };
      // Taken in January 2024: long past the legal maximum.
      await addCase(ctx, sampleCase());
      // Taken 80 days ago: its three-month term ends within the next two weeks.
      const taken = new Date(Date.now() - 80 * 86_400_000).toISOString().slice(0, 10);
      await addCase(
        ctx,
        sampleCase({
          person: { ...sampleCase().person, name_zh: "李四", name_pinyin: "Li Si" },
          detention: { ...sampleCase().detention, taken_on: taken },
          timeline: [{ date: taken, kind: "taken", source: "colleague", confidence: "testimony" }],
        }),
      );
      const schedule = parseSchedule(
        {
          jobs: [{ kind: "case-deadlines", cron: "0 6 * * *", withinDays: 14 }],
          notify: {
            origin: "https://liuzhi.example.org",
            email: { smtp: `smtp://127.0.0.1:${smtp.port}`, from: "liuzhi@example.org", to: ["reviewers@example.org"] },
            caseHolders: ["cases@example.org"],
          },
        },
        join(dir, "schedule.json"),
      );
      const errors: string[] = [];
      const service = await startService({
        db: ledger,
        target: { kind: "sqlite", file },
        schedule,
        store: join(dir, "captures"),
        io: { out: () => {}, err: (t) => errors.push(t), env: cliEnv({ LIUZHI_CASE_KEY: KEY.toString("base64") }) },
      });
      await service.trigger("case-deadlines");
      await service.stop();

      const [run] = await recentRuns(ledger, { job: "case-deadlines" });
      expect(run?.outcome, errors.join("")).toBe("succeeded");
      expect(run?.summary).toMatch(
        /^2 open case\(s\): 1 past a legal limit, \d in the WGEID urgent window, 1 with a term ending within 14 days$/,
      );
      expect(smtp.mails).toHaveLength(1);
      const mail = smtp.mails[0]!;
      expect(mail.to).toEqual(["cases@example.org"]);
      expect(mail.subject).toMatch(/open case\(s\) need attention/);
      expect(mail.text).toContain("1 open case(s) are past a legal limit");
      expect(mail.text).toContain("1 reach the end of their term within 14 days.");
      const ids = (await ledger.selectFrom("cases").select("id").execute()).map((r) => r.id);
      for (const secret of ["王小明", "Wang", "李四", "Li Si", "Kunming", ...ids])
        expect(mail.text).not.toContain(secret);
      // The service's reads are in the audit log under its own name.
      const reads = await ledger
        .selectFrom("audit_log")
        .select("actor")
        .where("action", "=", "read")
        .where("actor", "=", "service:case-deadlines")
        .execute();
      expect(reads).toHaveLength(2);
    } finally {
      await smtp.close();
      await ledger.destroy();
    }
  }, 60_000);
});
