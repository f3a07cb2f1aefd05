/**
 * A correction filed before an upgrade added a column (migration 007: sources.title_zh) is approved
 * after it: the row is unchanged but for the new, empty column, so "changed since it was proposed"
 * must not be claimed. A real change since is still refused.
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, openFixture, USERS } from "../../test/support/editing-fixture.ts";
import { canonicalJson } from "../audit/index.ts";
import { readLedger } from "../ledger/index.ts";
import { approveChange, ChangeRefused } from "./index.ts";

let fx: Fixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(() => fx.close());

const hash = (row: unknown) => createHash("sha256").update(canonicalJson(row)).digest("hex");

/** Files a correction of a source's note, then rewrites it as a draft from before title_zh existed. */
async function fileBeforeUpgrade(id: string, note: string) {
  const source = (await readLedger(fx.db)).sources.find((s) => s.id === id)!;
  // As after migration 007 on an existing database: the new column is empty.
  expect(source.title_zh).toBeNull();
  const { title_zh: _, ...before } = source;
  // As the database held it before this version: the draft's row, and no proposal entry about it.
  const change = { id: randomUUID() };
  await fx.db
    .insertInto("changes")
    .values({
      id: change.id,
      table_name: "sources",
      action: "update",
      target_id: id,
      payload_json: JSON.stringify({ ...before, note }),
      reason: "filed before the upgrade",
      author: USERS.editor.name,
      status: "draft",
      created_at: "2020-01-01T00:00:00.000Z",
      reviewer: null,
      reviewed_at: null,
      review_reason: null,
      base_hash: hash(before),
      meta_json: null,
    })
    .execute();
  return change;
}

describe("a correction filed before a column was added", () => {
  it("is approved when the row changed only by the new, empty column", async () => {
    const change = await fileBeforeUpgrade("sd-blog-liuzhi-soars", "Corrected before the upgrade.");
    const approved = await approveChange(fx.db, { changeId: change.id, reviewer: USERS.reviewer.name });
    expect(approved.status).toBe("approved");
    const after = (await readLedger(fx.db)).sources.find((s) => s.id === "sd-blog-liuzhi-soars")!;
    expect(after.note).toBe("Corrected before the upgrade.");
  });

  it("is still refused when the row really changed since", async () => {
    const change = await fileBeforeUpgrade("sd-2024-04-chasing-fox-hunt", "Filed first.");
    const other = await fileBeforeUpgrade("sd-2024-04-chasing-fox-hunt", "Filed second.");
    await approveChange(fx.db, { changeId: other.id, reviewer: USERS.reviewer.name });
    await expect(approveChange(fx.db, { changeId: change.id, reviewer: USERS.reviewer.name })).rejects.toThrow(
      ChangeRefused,
    );
  });
});
