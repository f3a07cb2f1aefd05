/** What both the JSON API and the pages do, in one place: sign-in, proposals, reviews, history. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import {
  type ApprovalPasskey,
  createSession,
  isKnownDevice as isKnownDeviceOf,
  rememberDevice,
  signIn,
} from "../../accounts/index.ts";
import { type Clock, historyOf } from "../../audit/index.ts";
import type { CaseKey } from "../../cases/index.ts";
import { LEDGER_TABLES } from "../../core/index.ts";
import {
  approveChange,
  type Change,
  ChangeRefused,
  EDITABLE_TABLES,
  type EditableTable,
  getChange,
  listChanges,
  proposeChange,
  rejectChange,
} from "../../review/index.ts";
import type { Schedule } from "../../service/index.ts";
import type { LedgerDb } from "../../store/index.ts";
import { addressKey } from "../heavy/rate-limit.ts";
import {
  clientAddress,
  DEVICE_COOKIE,
  EditingError,
  LOGIN_LIMIT,
  RateLimiter,
  type Session,
  setDeviceCookie,
  setSessionCookie,
} from "./guard.ts";
import type { PickerChoices } from "./views.ts";

export interface EditingDeps {
  readonly db: LedgerDb;
  /** Secure cookies everywhere except a server listening on localhost only. */
  readonly secureCookies: boolean;
  readonly clock?: Clock;
  /**
   * Called after a change is approved (the ledger changed), e.g. to reload the public API's
   * in-memory ledger; its failure does not undo the approval.
   */
  readonly onApproved?: (change: Change) => void | Promise<void>;
  /** Behind a reverse proxy: the origin browsers see (https://…), accepted by the Origin check. */
  readonly publicOrigin?: string;
  /** Behind one trusted reverse proxy: take the client address from the last X-Forwarded-For entry. */
  readonly trustProxy?: boolean;
  /**
   * The environment the case register reads: $LIUZHI_CASE_USERS (accounts given a case role) and,
   * unless `caseKey` is given, $LIUZHI_CASE_KEY or $LIUZHI_CASE_KEY_FILE (loaded once). Without it
   * only reviewers and admins have a case role, and cases are locked.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** The case key, already loaded (null: cases are locked); when absent it is loaded from `env`. */
  readonly caseKey?: CaseKey | null;
  /** The capture store, to show a monitor draft's archived copy beside it (src/monitor). */
  readonly captureStore?: string;
  /** The scheduled jobs this process runs, listed to admins under /edit/jobs. */
  readonly schedule?: Schedule;
}

export const tableDef = (table: EditableTable) => LEDGER_TABLES.find((t) => t.name === table)!;
export const isEditableTable = (name: string): name is EditableTable =>
  (EDITABLE_TABLES as ReadonlyArray<string>).includes(name);

/** Runs a review operation, turning its refusal into an EditingError with the same status and issues. */
async function refusedAs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChangeRefused) throw new EditingError(error.status, error.message, error.issues);
    throw error;
  }
}

export class Operations {
  readonly clock: Clock;
  private readonly loginLimit: RateLimiter;

  constructor(readonly deps: EditingDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.loginLimit = new RateLimiter(LOGIN_LIMIT.attempts, LOGIN_LIMIT.minutes * 60_000, () => this.clock().getTime());
  }

  /** Counts an attempt against the caller's address (IPv6 by its /64); 429 once over the limit. */
  limit(c: Context): void {
    const wait = this.loginLimit.take(addressKey(clientAddress(c, this.deps.trustProxy)));
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      throw new EditingError(
        429,
        `too many sign-in attempts from this address: wait ${Math.ceil(wait / 60)} minute(s) and try again`,
      );
    }
  }

  /**
   * Checks the password (limited per address, and per name with growing delays that a browser the
   * account signed in from before skips), starts a session and sets its cookies. Known and unknown
   * names get the same answers: 401 for a wrong pair, 429 while the name's delay runs.
   */
  async login(c: Context, name: unknown, password: unknown): Promise<{ user: Session["user"]; csrfToken: string }> {
    this.limit(c);
    if (typeof name !== "string" || typeof password !== "string" || name === "" || password === "") {
      throw new EditingError(400, "give a name and a password");
    }
    if (name.length > 64 || password.length > 1024) throw new EditingError(401, "wrong name or password");
    const result = await signIn(this.deps.db, name, password, this.clock, getCookie(c, DEVICE_COOKIE));
    if (!result.ok) {
      if (result.reason === "throttled") {
        c.header("Retry-After", String(result.retryAfterSeconds));
        throw new EditingError(
          429,
          `too many failed sign-ins for this name: try again in ${result.retryAfterSeconds} second(s), or from a browser that has signed in with it before`,
        );
      }
      throw new EditingError(401, "wrong name or password");
    }
    return this.startSession(c, result.user);
  }

  /** A session for a proven account (password or passkey), with its cookie and the browser remembered. */
  async startSession(c: Context, user: Session["user"]): Promise<{ user: Session["user"]; csrfToken: string }> {
    const { token, csrfToken } = await createSession(this.deps.db, user.name, this.clock);
    setSessionCookie(c, token, this.deps.secureCookies);
    if (!(await isKnownDeviceOf(this.deps.db, user.name, getCookie(c, DEVICE_COOKIE)))) {
      setDeviceCookie(c, await rememberDevice(this.deps.db, user.name, this.clock()), this.deps.secureCookies);
    }
    return { user, csrfToken };
  }

  propose(
    session: Session,
    input: { table: unknown; action: unknown; row: unknown; reason: unknown; newSource?: unknown },
  ) {
    return refusedAs(() =>
      proposeChange(
        this.deps.db,
        {
          author: session.user.name,
          table: String(input.table ?? ""),
          action: String(input.action ?? ""),
          row: input.row,
          reason: typeof input.reason === "string" ? input.reason : "",
          ...(input.newSource !== undefined && input.newSource !== null ? { newSource: input.newSource } : {}),
        },
        this.clock,
      ),
    );
  }

  /** Approves; `passkey` is the reviewer's signature over the change (required once they have a passkey). */
  async approve(session: Session, changeId: string, reason: unknown, passkey?: ApprovalPasskey | null) {
    const text = typeof reason === "string" && reason.trim() !== "" ? reason.trim() : undefined;
    const change = await refusedAs(() =>
      approveChange(
        this.deps.db,
        { changeId, reviewer: session.user.name, ...(text ? { reason: text } : {}), ...(passkey ? { passkey } : {}) },
        this.clock,
      ),
    );
    try {
      await this.deps.onApproved?.(change);
    } catch (error) {
      console.error("onApproved failed:", error);
    }
    return change;
  }

  reject(session: Session, changeId: string, reason: unknown) {
    return refusedAs(() =>
      rejectChange(
        this.deps.db,
        { changeId, reviewer: session.user.name, reason: typeof reason === "string" ? reason : "" },
        this.clock,
      ),
    );
  }

  async change(id: string): Promise<Change> {
    const change = await getChange(this.deps.db, id);
    if (!change) throw new EditingError(404, `no change '${id}'`);
    return change;
  }

  changes(status?: Change["status"]) {
    return listChanges(this.deps.db, status);
  }

  /** The current row of a table by its key (id, or code for jurisdictions), or null. */
  async current(table: EditableTable, id: string): Promise<Record<string, unknown> | null> {
    const row = await this.deps.db
      .selectFrom(table)
      .selectAll()
      .where(tableDef(table).primaryKey as never, "=", id as never)
      .executeTakeFirst();
    return (row as Record<string, unknown> | undefined) ?? null;
  }

  /** Jurisdiction names by code in one language, so a change shows Guangdong rather than CN-GD. */
  async jurisdictionNames(lang: "en" | "zh"): Promise<ReadonlyMap<string, string>> {
    const rows = await this.deps.db.selectFrom("jurisdictions").select(["code", "name_en", "name_zh"]).execute();
    return new Map(rows.map((r) => [r.code, lang === "zh" ? r.name_zh : r.name_en]));
  }

  /** What the pickers offer, read from the ledger as it stands (small tables: dozens of rows). */
  async choices(): Promise<PickerChoices> {
    const { db } = this.deps;
    const [jurisdictions, sources, observations] = await Promise.all([
      db.selectFrom("jurisdictions").select(["code", "name_en", "name_zh"]).orderBy("code").execute(),
      db.selectFrom("sources").select(["id", "publisher", "title", "published"]).orderBy("id").execute(),
      db
        .selectFrom("observations")
        .select(["id", "jurisdiction", "period_label", "value", "measure"])
        .orderBy("id")
        .execute(),
    ]);
    const j = jurisdictions.map((r) => ({ value: r.code, label: `${r.name_en} · ${r.name_zh}` }));
    const s = sources.map((r) => ({
      value: r.id,
      label: [r.publisher, r.title, r.published].filter(Boolean).join(" · "),
    }));
    const o = observations.map((r) => ({
      value: r.id,
      label: `${r.jurisdiction} · ${r.period_label} · ${r.measure} ${r.value}`,
    }));
    return { jurisdictions: j, sources: s, rows: [...o, ...s, ...j] };
  }

  /** Every audit entry about one row, oldest first, with before/after parsed. */
  async history(table: EditableTable, id: string) {
    return (await historyOf(this.deps.db, table, id)).map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      reason: e.reason,
      before: e.before_json === null ? null : (JSON.parse(e.before_json) as Record<string, unknown>),
      after: e.after_json === null ? null : (JSON.parse(e.after_json) as Record<string, unknown>),
      hash: e.hash,
    }));
  }
}

export type HistoryEntry = Awaited<ReturnType<Operations["history"]>>[number];

export const CHANGE_STATUSES = ["draft", "approved", "rejected"] as const;
export function parseStatus(value: string | undefined): Change["status"] | undefined {
  if (value === undefined || value === "") return undefined;
  if ((CHANGE_STATUSES as ReadonlyArray<string>).includes(value)) return value as Change["status"];
  throw new EditingError(400, `invalid query parameter 'status': expected one of ${CHANGE_STATUSES.join(", ")}`);
}
