/**
 * Every message the core's validation emits (fields, tables, the ledger's cross-row checks, the
 * case schema), by code, in English and Simplified Chinese side by side: an issue carries its code
 * and parameters, and each language renders them. The English is what the CLI, the API and the
 * English pages print; the Chinese editing pages render the Chinese. A new message is a new entry
 * here, and the compiler refuses an entry without its Chinese.
 */

export type IssueLang = "en" | "zh";

interface Texts<P> {
  readonly en: (p: P) => string;
  readonly zh: (p: P) => string;
}
const texts = <P = Record<never, never>>(t: Texts<P>): Texts<P> => t;

/** A value echoed back as the English messages have always shown it: text in quotes, anything else as JSON. */
export const shown = (v: unknown): string => (typeof v === "string" ? `'${v}'` : JSON.stringify(v));

/** The ledger's tables as the Chinese messages name them. */
const TABLE_ZH: Readonly<Record<string, string>> = {
  sources: "来源",
  jurisdictions: "地区",
  observations: "观测值",
  assumptions: "假设",
};
const NOUN_EN: Readonly<Record<string, string>> = {
  sources: "source",
  jurisdictions: "jurisdiction",
  observations: "observation",
  assumptions: "assumption",
};
const ID_PATTERN_EN = "lower-case letters, digits and hyphens";
const gotZh = (got: string) => `，收到的是 ${got}`;

type ForbiddenKind = "nul" | "control" | "escape" | "delete" | "lineBreak" | "bidi" | "invisible";
const FORBIDDEN_EN: Readonly<Record<ForbiddenKind, string>> = {
  nul: "a NUL byte",
  control: "a control character",
  escape: "an escape character",
  delete: "a delete character",
  lineBreak: "a line break or tab",
  bidi: "a bidirectional control character",
  invisible: "an invisible formatting character",
};
const FORBIDDEN_ZH: Readonly<Record<ForbiddenKind, string>> = {
  nul: "空字符",
  control: "控制字符",
  escape: "转义字符",
  delete: "删除字符",
  lineBreak: "换行符或制表符（此栏只能写一行）",
  bidi: "双向控制字符",
  invisible: "不可见的格式字符",
};

export const ISSUES = {
  required: texts({ en: () => "is required", zh: () => "必填" }),
  notText: texts<{ got: string }>({
    en: (p) => `must be text, got ${p.got}`,
    zh: (p) => `必须是文字${gotZh(p.got)}`,
  }),
  forbiddenCharacter: texts<{ kind: ForbiddenKind; codePoint: string; at: number }>({
    en: (p) =>
      p.kind === "lineBreak"
        ? `contains a line break or tab (${p.codePoint}) at character ${p.at}, which a one-line text may not hold: remove it`
        : `contains ${FORBIDDEN_EN[p.kind]} (${p.codePoint}) at character ${p.at}: remove it`,
    zh: (p) => `第${p.at}个字符是${FORBIDDEN_ZH[p.kind]}（${p.codePoint}）：请删除`,
  }),
  tooLong: texts<{ length: number; max: number }>({
    en: (p) =>
      `is ${p.length.toLocaleString("en")} characters long, more than the ${p.max.toLocaleString("en")} it may hold`,
    zh: (p) => `长度为${p.length}个字符，超过上限${p.max}个字符`,
  }),
  formulaStart: texts<{ first: string }>({
    en: (p) =>
      `begins with '${p.first}', which a spreadsheet opening the CSV downloads would run as a formula: reword it to begin with a letter, a digit or a quotation mark`,
    zh: (p) => `以“${p.first}”开头，电子表格打开CSV下载文件时会把它当作公式运行：请改为以文字、数字或引号开头`,
  }),
  idPattern: texts<{ got: string }>({
    en: (p) => `must use ${ID_PATTERN_EN}, got ${p.got}`,
    zh: (p) => `只能使用小写字母、数字和连字符${gotZh(p.got)}`,
  }),
  pattern: texts<{ pattern: string; got: string }>({
    en: (p) => `must use the pattern ${p.pattern}, got ${p.got}`,
    // The one such pattern is the jurisdiction code's (ISO 3166-2:CN): said by example rather than as a pattern.
    zh: (p) =>
      `${p.pattern.startsWith("^CN") ? "必须是地区代码，例如 CN 或 CN-YN" : "不符合规定的格式"}${gotZh(p.got)}`,
  }),
  oneOf: texts<{ values: ReadonlyArray<string>; got: string }>({
    en: (p) => `must be one of ${p.values.join(", ")}; got ${p.got}`,
    zh: (p) => `必须是所列选项之一${gotZh(p.got)}`,
  }),
  date: texts<{ got: string }>({
    en: (p) => `must be a date written YYYY-MM-DD, got ${p.got}`,
    zh: (p) => `必须是“年-月-日”格式的日期（例如2024-01-31）${gotZh(p.got)}`,
  }),
  nonNegativeNumber: texts<{ got: string }>({
    en: (p) => `must be a non-negative number written with digits only (no thousands separators), got ${p.got}`,
    zh: (p) => `必须是只用阿拉伯数字书写的非负数（不加千位分隔符）${gotZh(p.got)}`,
  }),
  httpUrl: texts<{ got: string }>({
    en: (p) => `must be an http(s) URL, got ${p.got}`,
    zh: (p) => `必须是完整的网页地址（例如 https://www.ccdi.gov.cn/）${gotZh(p.got)}`,
  }),
  unknownColumns: texts<{ columns: ReadonlyArray<string> }>({
    en: (p) => `unknown column(s): ${p.columns.join(", ")}`,
    zh: (p) => `未知的列：${p.columns.join("、")}`,
  }),
  titleZhOnlySupplied: texts({
    en: () =>
      "is only for a title we supplied (in square brackets); the page's own title is printed as published in every edition",
    zh: () => "仅用于我们代拟的标题（方括号内）；网页本身的标题在各版本中均照原样显示",
  }),
  populationSourceRequired: texts({
    en: () => "is required when population_m is given",
    zh: () => "给出人口数字时必填",
  }),
  endsBeforeStart: texts<{ start: string; end: string }>({
    en: (p) => `ends (${p.end}) before the period starts (${p.start})`,
    zh: (p) => `结束日期（${p.end}）早于期间的开始日期（${p.start}）`,
  }),
  countNotInteger: texts<{ measure: string; value: number }>({
    en: (p) => `${p.measure} is a count and must be a non-negative integer, got ${p.value}`,
    zh: (p) => `这是计数，必须是非负整数${gotZh(String(p.value))}`,
  }),
  precisionNotPowerOfTen: texts<{ value: number }>({
    en: (p) =>
      `must be a power of ten (0.1, 1, 1000, 10000 …), the place value of the last printed digit, got ${p.value}`,
    zh: (p) => `必须是10的整数次幂（0.1、1、1000、10000……），即所印最后一位数字的位值${gotZh(String(p.value))}`,
  }),
  highBelowLow: texts<{ low: number }>({
    en: (p) => `is below low (${p.low})`,
    zh: (p) => `小于下限（${p.low}）`,
  }),
  wholeDaysAtLeastOne: texts<{ got: number }>({
    en: (p) => `must be a whole number of days, at least 1, got ${p.got}`,
    zh: (p) => `必须是不少于1的整数天数${gotZh(String(p.got))}`,
  }),
  regimeEndsBeforeStart: texts<{ from: string; to: string }>({
    en: (p) => `ends (${p.to}) before it starts (${p.from})`,
    zh: (p) => `结束日期（${p.to}）早于开始日期（${p.from}）`,
  }),
  unknownMeasureOf: texts<{ measure: string; expected: string }>({
    en: (p) => `unknown measure '${p.measure}' (expected ${p.expected})`,
    zh: (p) => `未知的措施“${p.measure}”`,
  }),
  missingColumn: texts({ en: () => "column is missing from the header", zh: () => "表头缺少此列" }),
  notAColumn: texts<{ table: string }>({
    en: (p) => `is not a column of ${p.table}`,
    zh: (p) => `不是${TABLE_ZH[p.table] ?? p.table}表的列`,
  }),
  duplicateKey: texts<{ column: string; key: string; row: number | null; file: string | null }>({
    en: (p) =>
      `duplicate ${p.column} '${p.key}': already in ${p.row === null ? "the ledger" : `row ${p.row} of ${p.file}`}`,
    zh: (p) => `“${p.key}”重复：${p.row === null ? "账本中已有" : `已在 ${p.file} 第${p.row}行`}`,
  }),
  unknownReference: texts<{ table: string; key: string }>({
    en: (p) => `unknown ${NOUN_EN[p.table] ?? p.table} '${p.key}': not in the ledger nor in this import`,
    zh: (p) => `未知的${TABLE_ZH[p.table] ?? p.table}“${p.key}”：账本和本次导入中都没有`,
  }),
  // The case schema's (src/cases/model.ts): fixed texts, matched back to their code by `issueText`.
  dateWritten: texts({
    en: () => "must be a date written YYYY-MM-DD",
    zh: () => "必须是“年-月-日”格式的日期（例如2024-01-31）",
  }),
  needsName: texts({
    en: () => "needs a name: name_zh or name_pinyin",
    zh: () => "需要姓名：中文姓名或拼音姓名至少填一项",
  }),
  jurisdictionCode: texts({
    en: () => "must be a ledger jurisdiction code such as CN-YN",
    zh: () => "必须是账本中的地区代码，例如 CN-YN",
  }),
  birthYear: texts({
    en: () => "must be a year from 1900 to this year, written with digits",
    zh: () => "必须是1900年至今年之间的年份，用阿拉伯数字书写",
  }),
  jurisdictionNotInLedger: texts<{ code: string }>({
    en: (p) => `'${p.code}' is not in the ledger`,
    zh: (p) => `账本中没有地区代码“${p.code}”`,
  }),
  /** What a Chinese page says for a message not emitted through this table (zod's own, or a refusal's). */
  invalid: texts({ en: () => "is not valid", zh: () => "此值无效" }),
};

export type IssueCode = keyof typeof ISSUES;
export type IssueParams<C extends IssueCode> = Parameters<(typeof ISSUES)[C]["en"]>[0];
/** An issue's code and parameters, for each language to render. */
export type IssueDetail = { [C in IssueCode]: { readonly code: C; readonly params: IssueParams<C> } }[IssueCode];

type ParamsArg<C extends IssueCode> = keyof IssueParams<C> extends never ? [] : [IssueParams<C>];

/** An issue's English message (what the CLI and API print) and its detail (what a page renders in its language). */
export function issue<C extends IssueCode>(code: C, ...args: ParamsArg<C>): { message: string; detail: IssueDetail } {
  const params = (args[0] ?? {}) as IssueParams<C>;
  const detail = { code, params } as IssueDetail;
  return { message: render(detail, "en"), detail };
}

function render(detail: IssueDetail, lang: IssueLang): string {
  const texts = ISSUES[detail.code] as Texts<unknown>;
  return texts[lang](detail.params);
}

/** The fixed English texts (no parameters) by their text, so a plain message can be rendered again. */
const FIXED = new Map<string, IssueCode>(
  (Object.keys(ISSUES) as IssueCode[])
    .filter((code) => ISSUES[code].en.length === 0)
    .map((code) => [(ISSUES[code].en as () => string)(), code]),
);

/**
 * An issue in a page's language: from its detail where it has one, else by its English text where
 * that is one of the fixed texts above; a Chinese page says "not valid" for anything else rather
 * than show English (the English page shows the message as it is).
 */
export function issueText(issue: { readonly message: string; readonly detail?: IssueDetail }, lang: IssueLang): string {
  if (issue.detail) return render(issue.detail, lang);
  if (lang === "en") return issue.message;
  const code = FIXED.get(issue.message);
  return code ? render({ code, params: {} } as IssueDetail, lang) : render({ code: "invalid", params: {} }, lang);
}

/** A zod custom issue carrying its detail in `params`, where `table.parse` finds it again. */
export const zodIssue = (i: { message: string; detail: IssueDetail }) =>
  ({ code: "custom", message: i.message, params: { detail: i.detail } }) as const;
