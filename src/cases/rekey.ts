import { appendAudit, caseAuditSnapshot, systemClock } from "../audit/index.ts";
import { type CaseKey, DecryptError, decryptJson, encryptJson } from "./crypto.ts";
import { CASE_ENTITY, type CaseContext, CaseError, checkpoint, secureDelete } from "./store.ts";

/**
 * Re-encrypts every case and every registered export under `newKey`, all or nothing: one
 * transaction opens each envelope with the current key (ctx.key) and seals it again under the new
 * one, with the same associated data; if any envelope does not open, nothing is changed. One audit
 * entry ("rekey") records the counts and both key ids (hashes, not keys). SQLite is told to
 * overwrite freed pages, and its write-ahead log is folded back, so the old ciphertexts do not
 * linger in the file. Afterwards the old key opens nothing.
 */
export async function rekeyCases(ctx: CaseContext, newKey: CaseKey): Promise<{ cases: number; exports: number }> {
  if (newKey.id === ctx.key.id) throw new CaseError("the new key is the key in use: choose a new one");
  await secureDelete(ctx.db);
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const cases = await trx.selectFrom("cases").selectAll().orderBy("id").execute();
    const exports = await trx.selectFrom("case_exports").select(["id", "case_id", "payload"]).orderBy("id").execute();
    const sealed = [];
    const problems: string[] = [];
    for (const row of cases) {
      try {
        const aad = `cases:${row.id}`;
        sealed.push({
          table: "cases" as const,
          id: row.id,
          payload: encryptJson(newKey, decryptJson(ctx.key, row.payload, aad), aad),
        });
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        problems.push(`case ${row.id}: ${error.message}`);
      }
    }
    for (const row of exports) {
      try {
        const aad = `case_exports:${row.id}:${row.case_id}`;
        sealed.push({
          table: "case_exports" as const,
          id: row.id,
          payload: encryptJson(newKey, decryptJson(ctx.key, row.payload, aad), aad),
        });
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        problems.push(`export ${row.id}: ${error.message}`);
      }
    }
    if (problems.length > 0) throw new CaseError("rekey refused, nothing was changed", problems);
    for (const s of sealed) {
      if (s.table === "cases") {
        await trx.updateTable("cases").set({ payload: s.payload, key_id: newKey.id }).where("id", "=", s.id).execute();
      } else {
        await trx.updateTable("case_exports").set({ payload: s.payload }).where("id", "=", s.id).execute();
      }
    }
    // One entry per case (its clear columns and new ciphertext's hash, for `audit verify`), then the summary.
    const sealedCase = new Map(sealed.filter((x) => x.table === "cases").map((x) => [x.id, x.payload]));
    const reason = "case rekey: every case re-encrypted under a new key";
    await appendAudit(
      trx,
      [
        ...cases.map((row) => ({
          actor: ctx.actor,
          action: "rekey" as const,
          entity: CASE_ENTITY,
          entityId: row.id,
          before: caseAuditSnapshot(row),
          after: caseAuditSnapshot({ ...row, key_id: newKey.id, payload: sealedCase.get(row.id)! }),
          reason,
        })),
        {
          actor: ctx.actor,
          action: "rekey",
          entity: CASE_ENTITY,
          entityId: null,
          before: { key_id: ctx.key.id },
          after: { key_id: newKey.id, cases: cases.length, exports: exports.length },
          reason,
        },
      ],
      ctx.clock ?? systemClock,
    );
    return { cases: cases.length, exports: exports.length };
  });
  await checkpoint(ctx.db);
  return counts;
}
