/**
 * A correction filed before an upgrade added a column (migration 007: sources.title_zh) is approved
 * after it: the row is unchanged but for the new, empty column, so "changed since it was proposed"
 * must not be claimed. A real change since is still refused.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, openFixture, USERS } from "../../test/support/editing-fixture.ts";
import { canonicalJson } from "../audit/index.ts";
import { readLedger } from "../ledger/index.ts";
import { approveChange, ChangeRefused, proposeChange } from "./index.ts";

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
  const change = await proposeChange(fx.db, {
    author: USERS.editor.name,
    table: "sources",
    action: "update",
    row: { ...before, note },
    reason: "filed before the upgrade",
  });
  await fx.db
    .updateTable("changes")
    .set({ payload_json: JSON.stringify({ ...before, note }), base_hash: hash(before) })
    .where("id", "=", change.id)
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
