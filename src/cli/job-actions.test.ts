/**
 * A scheduled `sources-check` run on a real SQLite file against a loopback page: a source approved
 * since the last run, never captured, is captured first (WARC in the store), then checked with the
 * rest; the next run only checks it.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, makeTempDir, removeDir } from "../../test/helpers.ts";
import { type MonitorSite, PROVINCE_PATH, startMonitorSite } from "../../test/support/monitor-server.ts";
import { latestCapture } from "../capture/index.ts";
import { parseSchedule } from "../service/index.ts";
import { type LedgerDb, openDatabase } from "../store/index.ts";
import { jobActions } from "./job-actions.ts";
import { main } from "./main.ts";

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
