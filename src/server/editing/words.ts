/**
 * The editing pages' words, English and Simplified Chinese, one object each with the same shape
 * (the compiler checks that zh says everything en does). The language comes from the `lz_lang`
 * cookie (set by /edit/lang), else the browser's Accept-Language; data (ids, titles, quotes,
 * reasons) is shown as it was written.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { vocabularyWords } from "../../core/index.ts";

export const EDIT_LANGS = ["en", "zh"] as const;
export type EditLang = (typeof EDIT_LANGS)[number];
export const LANG_COOKIE = "lz_lang";

/** A column's label, and its help in words (en falls back to the schema's description). */
export type FieldWords = Readonly<Record<string, { readonly label: string; readonly help?: string }>>;

export interface Words {
  readonly lang: EditLang;
  readonly htmlLang: string;
  readonly otherLang: { readonly code: EditLang; readonly label: string };
  readonly app: string;
  readonly editingTitle: string;
  readonly teamEditing: string;
  readonly signedInAs: string;
  /** An account's role, in parentheses after its name. */
  readonly roleNames: Readonly<Record<"viewer" | "editor" | "reviewer" | "admin", string>>;
  readonly signOut: string;
  // passkeys
  readonly passkeys: string;
  readonly passkeysIntro: string;
  readonly addPasskey: string;
  readonly passkeyAdded: string;
  readonly noPasskeys: string;
  readonly signInWithPasskey: string;
  readonly approveWithPasskey: string;
  readonly skip: string;
  // sign-in and setup
  readonly signIn: string;
  readonly name: string;
  readonly password: string;
  readonly signedOut: string;
  readonly choosePassword: string;
  readonly newPassword: string;
  readonly repeatPassword: string;
  readonly setPassword: string;
  readonly passwordSet: string;
  readonly noScriptSetup: string;
  // dashboard
  readonly proposeHeading: string;
  readonly newObservation: string;
  readonly newSource: string;
  readonly correctHeading: string;
  readonly correctLabel: string;
  readonly correctHelp: string;
  readonly rowKind: Readonly<Record<"observations" | "sources" | "jurisdictions", string>>;
  readonly rowId: string;
  readonly open: string;
  readonly historyHeading: string;
  readonly showHistory: string;
  readonly viewerNote: (role: string) => string;
  readonly casesHeading: string;
  readonly casesLink: string;
  readonly casesLocked: string;
  readonly awaitingReview: string;
  readonly noneToReview: string;
  readonly yourChanges: string;
  readonly noneYours: string;
  readonly drafts: string;
  readonly noDrafts: string;
  readonly columns: Readonly<Record<"change" | "status" | "what" | "id" | "author" | "proposed" | "reason", string>>;
  readonly status: Readonly<Record<"draft" | "approved" | "rejected", string>>;
  readonly action: Readonly<Record<"create" | "update", string>>;
  // the proposal form
  readonly proposeNew: (kind: string) => string;
  readonly proposeCorrection: (kind: string, id: string) => string;
  readonly formIntro: string;
  readonly notSaved: string;
  readonly seeFields: (n: number) => string;
  readonly required: string;
  readonly choose: string;
  readonly none: string;
  readonly reason: string;
  readonly reasonHelp: string;
  readonly submit: string;
  readonly pickerHelp: string;
  readonly newSourceSummary: string;
  readonly newSourceHelp: string;
  readonly fields: Readonly<Record<"observations" | "sources" | "jurisdictions", FieldWords>>;
  readonly choices: Readonly<Record<string, string>>;
  // one change, history
  readonly changeTitle: (id: string) => string;
  readonly statusLabel: string;
  readonly changeLabel: string;
  readonly proposedBy: string;
  readonly reviewedBy: string;
  readonly reviewReason: string;
  readonly noneGiven: string;
  readonly currentAndProposed: string;
  readonly proposedValues: string;
  readonly withNewSource: string;
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly review: string;
  readonly approveNote: string;
  readonly approve: string;
  readonly rejectReason: string;
  readonly reject: string;
  readonly waitsForOther: string;
  readonly historyOf: (kind: string, id: string) => string;
  readonly historyIntro: (kind: string, id: string, published: boolean) => string;
  readonly proposeCorrectionLink: string;
  readonly noEntries: string;
  readonly entryTitle: (seq: number, action: string, actor: string, at: string) => string;
  readonly reasonLine: string;
  readonly noneRecorded: string;
  readonly back: string;
  readonly errorTitles: Readonly<Record<number, string>>;
}

const en: Words = {
  lang: "en",
  htmlLang: "en",
  otherLang: { code: "zh", label: "中文" },
  app: "Liuzhi Monitor",
  editingTitle: "Team editing",
  teamEditing: "Team editing",
  signedInAs: "Signed in as",
  roleNames: { viewer: " (viewer)", editor: " (editor)", reviewer: " (reviewer)", admin: " (admin)" },
  signOut: "Sign out",
  passkeys: "Passkeys",
  passkeysIntro:
    "A passkey signs you in without a password, and signs each of your approvals: once you have one, approvals need it.",
  addPasskey: "Add a passkey",
  passkeyAdded: "Passkey added.",
  noPasskeys: "No passkey yet.",
  signInWithPasskey: "Sign in with a passkey",
  approveWithPasskey: "Your approval will be signed with your passkey.",
  skip: "Skip to the content",
  signIn: "Sign in",
  name: "Account name",
  password: "Password",
  signedOut: "You are signed out.",
  choosePassword: "Choose your password",
  newPassword: "New password (at least 12 characters)",
  repeatPassword: "Repeat it",
  setPassword: "Set password",
  passwordSet: "Your password is set: sign in with it.",
  noScriptSetup: "Without JavaScript, open the link with ?token= in place of #.",
  proposeHeading: "Propose a change",
  newObservation: "A new figure (observation)",
  newSource: "A new source",
  correctHeading: "Correct what the ledger holds",
  correctLabel: "Correct an existing row",
  correctHelp: "Choose what to correct, then type to search by id, name or title.",
  rowKind: { observations: "observation", sources: "source", jurisdictions: "jurisdiction (population)" },
  rowId: "Row to open",
  open: "Open",
  historyHeading: "History of a row",
  showHistory: "Show history",
  viewerNote: (role) => `Your account (${role}) may read drafts and histories but not propose changes.`,
  casesHeading: "Cases",
  casesLink: "The case register: deadline watch and new cases",
  casesLocked: " (locked: no case key)",
  awaitingReview: "Awaiting your review",
  noneToReview: "No drafts by others await review.",
  yourChanges: "Your changes",
  noneYours: "You have proposed no changes yet.",
  drafts: "Drafts",
  noDrafts: "No drafts.",
  columns: {
    change: "change",
    status: "status",
    what: "what",
    id: "row",
    author: "proposed by",
    proposed: "when",
    reason: "reason",
  },
  status: { draft: "draft", approved: "approved", rejected: "rejected" },
  action: { create: "new", update: "correction of" },
  proposeNew: (kind) => `Propose a new ${kind}`,
  proposeCorrection: (kind, id) => `Propose a correction to ${kind} ${id}`,
  formIntro:
    "Every change stays a draft until a reviewer other than you approves it. Give the source and a reason; the form checks the row exactly as an import does.",
  notSaved: "The change was not saved.",
  seeFields: (n) => `The change was not saved: ${n} problem${n === 1 ? "" : "s"}, marked at the fields below.`,
  required: "required",
  choose: "(choose)",
  none: "(none)",
  reason: "Reason for this change",
  reasonHelp: "Why: what the source says, what was wrong. The reviewer and the audit log keep it.",
  submit: "Submit for review",
  pickerHelp: "Type to search; the full name appears beside the field.",
  newSourceSummary: "The figure comes from a page not yet in the ledger: add its source here",
  newSourceHelp:
    "Fill this in only for a new source. Its id goes into the source field above by itself; the reviewer approves the source with the figure.",
  fields: {
    observations: {
      id: { label: "Identifier of this figure" },
      measure: { label: "What is counted" },
      jurisdiction: { label: "Where (province or the whole country)" },
      period_start: { label: "Period: first day" },
      period_end: { label: "Period: last day (included)" },
      period_label: { label: "Period as printed" },
      value: { label: "The figure" },
      qualifier: { label: "Stated as" },
      unit: { label: "Unit of the count" },
      scope: { label: "Scope" },
      derivation: { label: "Published or derived" },
      source_id: { label: "Source" },
      locator: { label: "Where in the source" },
      quote: { label: "The sentence, exactly as published" },
      quote_lang: { label: "Language of the sentence" },
      quote_en: { label: "English translation of the sentence" },
      note: { label: "Note" },
    },
    sources: {
      id: { label: "Identifier of the source" },
      publisher: { label: "Publisher" },
      publisher_zh: { label: "Publisher in Chinese" },
      title: { label: "Title as printed" },
      title_lang: { label: "Language of the title" },
      title_zh: {
        label: "Supplied title in Chinese",
        help: "Only where the title is ours, in square brackets: the same words in Chinese for the Chinese edition.",
      },
      published: { label: "Date published" },
      url: { label: "Web address" },
      archived_url: { label: "Archived copy" },
      cited_in: { label: "Cited in" },
      note: { label: "Note" },
    },
    jurisdictions: {
      code: { label: "Code" },
      name_en: { label: "Name in English" },
      name_zh: { label: "Name in Chinese" },
      level: { label: "Level" },
      population_m: { label: "Population (millions)" },
      population_source_id: { label: "Source of the population figure" },
      population_locator: { label: "Where in that source" },
      note: { label: "Note" },
    },
  },
  choices: vocabularyWords("en"),

  changeTitle: (id) => `Change ${id}`,
  statusLabel: "Status",
  changeLabel: "Change",
  proposedBy: "Proposed by",
  reviewedBy: "Reviewed by",
  reviewReason: "Review note",
  noneGiven: "(none given)",
  currentAndProposed: "Current and proposed values",
  proposedValues: "Proposed values",
  withNewSource: "With a new source",
  field: "field",
  before: "before",
  after: "after",
  review: "Review",
  approveNote: "Note (optional)",
  approve: "Approve and publish",
  rejectReason: "Reason for rejecting (required)",
  reject: "Reject",
  waitsForOther: "This draft waits for a reviewer other than you.",
  historyOf: (kind, id) => `History of ${kind} ${id}`,
  historyIntro: (kind, id, published) =>
    `Every entry of the audit log about ${kind} ${id}, oldest first${published ? "" : " (it is not in the published ledger)"}.`,
  proposeCorrectionLink: "Propose a correction",
  noEntries: "No entries.",
  entryTitle: (seq, action, actor, at) => `#${seq} ${action} by ${actor}, ${at}`,
  reasonLine: "Reason",
  noneRecorded: "(none recorded)",
  back: "Back to team editing",
  errorTitles: {
    400: "Not valid",
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported",
    423: "Locked",
    429: "Too many attempts",
    503: "Unavailable",
  },
};

const zh: Words = {
  lang: "zh",
  htmlLang: "zh-Hans",
  otherLang: { code: "en", label: "English" },
  app: "留置监测",
  editingTitle: "团队编辑",
  teamEditing: "团队编辑",
  signedInAs: "已登录：",
  roleNames: { viewer: "（查看者）", editor: "（编辑）", reviewer: "（审核人）", admin: "（管理员）" },
  signOut: "退出登录",
  passkeys: "通行密钥",
  passkeysIntro: "通行密钥可代替密码登录，并为您的每次批准签名：添加后，批准必须使用它。",
  addPasskey: "添加通行密钥",
  passkeyAdded: "已添加通行密钥。",
  noPasskeys: "尚无通行密钥。",
  signInWithPasskey: "使用通行密钥登录",
  approveWithPasskey: "您的批准将以通行密钥签名。",
  skip: "跳到正文",
  signIn: "登录",
  name: "账户名",
  password: "密码",
  signedOut: "您已退出登录。",
  choosePassword: "设置您的密码",
  newPassword: "新密码（至少12个字符）",
  repeatPassword: "再输入一次",
  setPassword: "设置密码",
  passwordSet: "密码已设置，请用它登录。",
  noScriptSetup: "若未启用JavaScript，请把链接中的 # 换成 ?token= 再打开。",
  proposeHeading: "提议修改",
  newObservation: "新的数字（观测值）",
  newSource: "新的来源",
  correctHeading: "更正账本中已有的内容",
  correctLabel: "更正已有的一行",
  correctHelp: "先选择要更正的类别，再输入编号、名称或标题搜索。",
  rowKind: { observations: "观测值", sources: "来源", jurisdictions: "地区（人口）" },
  rowId: "要打开的行",
  open: "打开",
  historyHeading: "一行的历史",
  showHistory: "查看历史",
  viewerNote: (role) => `您的账户（${role}）可以查看草稿和历史，但不能提议修改。`,
  casesHeading: "个案",
  casesLink: "个案登记：期限监测和新个案",
  casesLocked: "（已锁定：没有个案密钥）",
  awaitingReview: "等待您审核",
  noneToReview: "没有他人的草稿等待审核。",
  yourChanges: "您的修改",
  noneYours: "您还没有提议任何修改。",
  drafts: "草稿",
  noDrafts: "没有草稿。",
  columns: {
    change: "修改",
    status: "状态",
    what: "内容",
    id: "行",
    author: "提议人",
    proposed: "时间",
    reason: "理由",
  },
  status: { draft: "草稿", approved: "已批准", rejected: "已驳回" },
  action: { create: "新增", update: "更正" },
  proposeNew: (kind) => `提议新增${kind}`,
  proposeCorrection: (kind, id) => `提议更正${kind} ${id}`,
  formIntro: "每项修改在另一位审核人批准之前都是草稿。请注明来源和理由；本表单按与导入完全相同的规则检查。",
  notSaved: "修改未保存。",
  seeFields: (n) => `修改未保存：共${n}个问题，已在下方相应字段旁标出。`,
  required: "必填",
  choose: "（请选择）",
  none: "（无）",
  reason: "修改理由",
  reasonHelp: "为什么修改：来源怎么说，原来哪里有误。审核人和审计日志都会保存。",
  submit: "提交审核",
  pickerHelp: "输入文字搜索；完整名称显示在字段旁。",
  newSourceSummary: "这个数字来自账本中还没有的网页：在此添加其来源",
  newSourceHelp: "仅在来源是新的时填写。其编号会自动用于上面的来源字段；审核人会连同数字一起批准该来源。",
  fields: {
    observations: {
      id: { label: "此数字的编号", help: "小写字母、数字和连字符，例如 yn-2023-placements。" },
      measure: { label: "统计的是什么", help: "例如留置人数、立案数。" },
      jurisdiction: { label: "地区（省份或全国）", help: "ISO 3166-2:CN 代码，输入省名即可搜索。" },
      period_start: { label: "期间：第一天", help: "YYYY-MM-DD。" },
      period_end: { label: "期间：最后一天（含）", help: "YYYY-MM-DD。" },
      period_label: { label: "原文所写的期间", help: "照原文抄写，例如“2023年1-6月”。" },
      value: { label: "数字", help: "只写阿拉伯数字，不加千位分隔符。" },
      qualifier: { label: "表述方式", help: "确切、至少或大约。" },
      unit: { label: "计数单位", help: "人、人次、件或天。" },
      scope: { label: "范围", help: "全部、试点、专项行动或仅受贿案件。" },
      derivation: { label: "公布或推算", help: "原样公布，或由公布的表格推算（在备注中写明算式）。" },
      source_id: { label: "来源", help: "账本中的来源；输入标题或编号搜索。" },
      locator: { label: "在来源中的位置", help: "段落、表格、行、脚注或页码。" },
      quote: { label: "原文句子（照录）", help: "数字所在的句子，一字不改。" },
      quote_lang: { label: "句子的语言", help: "中文或英文。" },
      quote_en: { label: "句子的英文译文", help: "可选。" },
      note: { label: "备注", help: "说明，包括原文含糊时所做的每个选择。" },
    },
    sources: {
      id: { label: "来源编号", help: "小写字母、数字和连字符，例如 ccdi-20240115-12345。" },
      publisher: { label: "发布机构", help: "发布该文件的机构（英文）。" },
      publisher_zh: { label: "发布机构（中文）", help: "中文版显示的机构名称；没有则留空（显示英文名称）。" },
      title: { label: "原文标题", help: "照原文语言抄写。" },
      title_lang: { label: "标题的语言", help: "中文或英文。" },
      title_zh: { label: "代拟标题（中文）", help: "仅当标题为我们代拟（方括号内）时填写：中文版显示的同一说明。" },
      published: { label: "发布日期", help: "YYYY-MM-DD。" },
      url: { label: "网址", help: "引用时给出的地址；没有则留空。" },
      archived_url: { label: "存档副本", help: "archive.org 或 archive.ph 的地址。" },
      cited_in: { label: "引用于", help: "种子报告中引用它的位置。" },
      note: { label: "备注", help: "说明，包括引用中的出入和记录时所做的选择。" },
    },
    jurisdictions: {
      code: { label: "代码", help: "ISO 3166-2:CN 代码。" },
      name_en: { label: "英文名称", help: "英文。" },
      name_zh: { label: "中文名称", help: "简体中文。" },
      level: { label: "级别", help: "国家或省级行政区。" },
      population_m: { label: "人口（百万）", help: "照来源所给的数字。" },
      population_source_id: { label: "人口数字的来源", help: "给出人口时必填。" },
      population_locator: { label: "在该来源中的位置", help: "页码、表格或段落。" },
      note: { label: "备注", help: "说明。" },
    },
  },
  choices: vocabularyWords("zh"),

  changeTitle: (id) => `修改 ${id}`,
  statusLabel: "状态",
  changeLabel: "修改",
  proposedBy: "提议人",
  reviewedBy: "审核人",
  reviewReason: "审核说明",
  noneGiven: "（未填写）",
  currentAndProposed: "现有值与提议值",
  proposedValues: "提议的值",
  withNewSource: "附带的新来源",
  field: "字段",
  before: "修改前",
  after: "修改后",
  review: "审核",
  approveNote: "说明（可选）",
  approve: "批准并公布",
  rejectReason: "驳回理由（必填）",
  reject: "驳回",
  waitsForOther: "此草稿等待您以外的审核人处理。",
  historyOf: (kind, id) => `${kind} ${id} 的历史`,
  historyIntro: (kind, id, published) =>
    `审计日志中关于${kind} ${id} 的全部记录，按时间先后${published ? "" : "（它不在已公布的账本中）"}。`,
  proposeCorrectionLink: "提议更正",
  noEntries: "没有记录。",
  entryTitle: (seq, action, actor, at) => `#${seq} ${action}，${actor}，${at}`,
  reasonLine: "理由",
  noneRecorded: "（未记录）",
  back: "返回团队编辑",
  errorTitles: {
    400: "无效",
    401: "请先登录",
    403: "不允许",
    404: "未找到",
    409: "冲突",
    413: "太大",
    415: "不支持",
    423: "已锁定",
    429: "尝试次数过多",
    503: "暂不可用",
  },
};

export const WORDS: Readonly<Record<EditLang, Words>> = { en, zh };

/** The page language: the `lz_lang` cookie, else the first of en/zh in Accept-Language, else English. */
export function langOf(c: Context): EditLang {
  const chosen = getCookie(c, LANG_COOKIE);
  if (chosen === "en" || chosen === "zh") return chosen;
  const accept = (c.req.header("Accept-Language") ?? "").toLowerCase();
  const zhAt = accept.search(/\bzh\b/);
  const enAt = accept.search(/\ben\b/);
  return zhAt >= 0 && (enAt < 0 || zhAt < enAt) ? "zh" : "en";
}

export const wordsOf = (c: Context): Words => WORDS[langOf(c)];
