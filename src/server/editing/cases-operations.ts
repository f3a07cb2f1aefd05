/**
 * The case register over HTTP (issue 8), shared by the pages and the JSON API: who may open cases
 * (a session, then a case role: reviewer or admin, or an account listed in $LIUZHI_CASE_USERS),
 * whether they can be opened (the key, loaded once from the environment the deps carry; without it
 * cases are locked and the routes answer 503 while the rest of the application works), and the
 * reads, each one through the cases store, so each one is an audit entry.
 */
import type { Context } from "hono";
import { roleAtLeast } from "../../accounts/index.ts";
import {
  addCase,
  CaseAccessError,
  type CaseContext,
  CaseError,
  type CaseKey,
  CaseKeyError,
  caseUsers,
  type DeadlineStatus,
  deadlineList,
  deadlineStatus,
  LOCKED_MESSAGE,
  loadCaseKey,
  readCase,
  readCases,
  requireCaseAccount,
  type StoredCase,
  updateCase,
  WGEID_ELEMENTS,
  type WgeidElement,
  wgeidDocx,
  wgeidMissingElements,
} from "../../cases/index.ts";
import { type EditingEnv, EditingError, requireSession, type User } from "./guard.ts";
import type { EditingDeps, Operations } from "./operations.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Case ids are random (`case-` and 12 hex digits); anything else in a URL is refused before any read. */
const CASE_ID = /^case-[0-9a-f]{6,32}$/;

/** Whether an account has a case role (the rule of src/cases/access.ts, from the session: no query). */
export function hasCaseRole(deps: EditingDeps, user: User): boolean {
  return roleAtLeast(user.role, "reviewer") || caseUsers(deps.env ?? {}).has(user.name);
}

export interface CaseView {
  readonly id: string;
  readonly record: StoredCase["record"];
  readonly deadline: DeadlineStatus;
  /** `missing` in English (the API's words); `elements` by key, for each page language to name. */
  readonly wgeid: {
    readonly ready: boolean;
    readonly missing: ReadonlyArray<string>;
    readonly elements: ReadonlyArray<WgeidElement>;
  };
}

export class CaseOperations {
  /** The key, or null when cases are locked (then `lockedMessage` says why). */
  private readonly key: CaseKey | null;
  readonly lockedMessage: string | null;

  constructor(readonly ops: Operations) {
    const { caseKey, env } = ops.deps;
    if (caseKey !== undefined) {
      this.key = caseKey;
    } else {
      try {
        this.key = loadCaseKey(env ?? {});
      } catch (error) {
        if (!(error instanceof CaseKeyError)) throw error;
        // The detail (a path, a length) goes to the server's log, not to the page.
        console.error(`liuzhi serve: cases are locked: ${error.message}`);
        this.key = null;
        this.lockedMessage =
          "cases are locked: the case key is configured but could not be loaded (the server log says why).";
        return;
      }
    }
    this.lockedMessage = this.key ? null : LOCKED_MESSAGE;
  }

  get locked(): boolean {
    return this.key === null;
  }

  /** Today for the deadline watch (UTC, as the command line). */
  today(): string {
    return this.ops.clock().toISOString().slice(0, 10);
  }

  /** For every case route: a session (401), a case role (403), the key (503). */
  async context(c: Context<EditingEnv>): Promise<CaseContext> {
    const session = requireSession(c);
    const { db, env } = this.ops.deps;
    try {
      await requireCaseAccount(db, session.user.name, env ?? {});
    } catch (error) {
      if (error instanceof CaseAccessError) throw new EditingError(403, error.message);
      throw error;
    }
    if (!this.key) throw new EditingError(503, this.lockedMessage ?? LOCKED_MESSAGE);
    return { db, key: this.key, actor: session.user.name, clock: this.ops.clock };
  }

  /** Open cases by urgency; every case read is audited. */
  async deadlines(ctx: CaseContext): Promise<{ as_of: string; cases: DeadlineStatus[] }> {
    const asOf = this.today();
    const cases = await readCases(ctx, "web: deadline watch", { status: "open" });
    return { as_of: asOf, cases: deadlineList(cases, asOf) };
  }

  /** One case with its deadlines and its WGEID readiness; the read is audited. */
  async view(ctx: CaseContext, id: string): Promise<CaseView> {
    const stored = await this.read(ctx, id, "web: case view");
    const elements = wgeidMissingElements(stored.record);
    return {
      id: stored.id,
      record: stored.record,
      deadline: deadlineStatus(stored.id, stored.record, this.today()),
      wgeid: { ready: elements.length === 0, missing: elements.map((e) => WGEID_ELEMENTS[e]), elements },
    };
  }

  /**
   * The WGEID Word file, in memory only (nothing is written to disk, so there is no export file to
   * register for deletion); the read is audited as an export. Throws WgeidRefusal naming each missing element.
   */
  async wgeid(
    ctx: CaseContext,
    id: string,
    lang: "en" | "zh" = "en",
  ): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> }> {
    const stored = await this.read(ctx, id, "web: WGEID export (wgeid-docx download)");
    const bytes = await wgeidDocx(stored.id, stored.record, this.today(), { lang });
    return { filename: `wgeid-${stored.id}.docx`, bytes: new Uint8Array(bytes) };
  }

  /** Records a new case from unchecked input (validated, encrypted, audited); throws CaseError naming every problem. */
  create(ctx: CaseContext, input: unknown): Promise<string> {
    return addCase(ctx, input);
  }

  /** Replaces case `id`'s record (validated, re-encrypted, audited as an update with `reason`). */
  async update(ctx: CaseContext, id: string, input: unknown, reason: string): Promise<void> {
    if (!CASE_ID.test(id)) throw new EditingError(404, "no such case");
    await updateCase(ctx, id, input, reason);
  }

  /** One case, its read audited with `purpose`; 404 for an unknown id. */
  async read(ctx: CaseContext, id: string, purpose: string): Promise<StoredCase> {
    if (!CASE_ID.test(id)) throw new EditingError(404, "no such case");
    try {
      return await readCase(ctx, id, purpose);
    } catch (error) {
      if (error instanceof CaseError) throw new EditingError(404, "no such case");
      throw error;
    }
  }
}

/** The headers of a docx download: an attachment named by the random case id only. */
export function docxHeaders(filename: string): Record<string, string> {
  return {
    "Content-Type": DOCX_TYPE,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "X-Content-Type-Options": "nosniff",
  };
}
