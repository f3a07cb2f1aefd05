import { rmSync } from "node:fs";
import { appendAudit, systemClock } from "../audit/index.ts";
import { CASE_ENTITY, type CaseContext, CaseError, checkpoint, exportsOf, secureDelete } from "./store.ts";

/**
 * Deletes a case on request, everywhere the application stored it: the files it exported (their
 * paths are in the encrypted registry), the registry rows, the case row. SQLite is told to overwrite
 * freed pages. The audit entry says that a deletion happened and who asked, not what was deleted:
 * the entity id is the case's random id and the entry carries no before/after record.
 */
export async function deleteCase(
  ctx: CaseContext,
  id: string,
): Promise<{ filesRemoved: number; filesAlreadyGone: number }> {
  const exists = await ctx.db.selectFrom("cases").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) throw new CaseError(`no case '${id}'`);
  const files = await exportsOf(ctx.db, ctx.key, id);
  let filesRemoved = 0;
  let filesAlreadyGone = 0;
  // Files first: if removing one fails, the registry still knows it and the delete can be retried.
  for (const file of files) {
    try {
      rmSync(file.path);
      filesRemoved += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      filesAlreadyGone += 1;
    }
  }
  await secureDelete(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("case_exports").where("case_id", "=", id).execute();
    await trx.deleteFrom("cases").where("id", "=", id).execute();
    await appendAudit(
      trx,
      [{ actor: ctx.actor, action: "delete", entity: CASE_ENTITY, entityId: id, reason: "case deleted on request" }],
      ctx.clock ?? systemClock,
    );
  });
  // The old pages of the row would otherwise linger in the write-ahead log until a checkpoint.
  await checkpoint(ctx.db);
  return { filesRemoved, filesAlreadyGone };
}
