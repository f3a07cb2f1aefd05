/**
 * The case register pages' words, English and Chinese. Vocabulary labels are looked up by value
 * with the value itself as the fallback, so a kind of event added to the case vocabulary
 * (src/cases/model.ts EVENT_KINDS) appears in the forms at once, labelled by its code until it is
 * given words here.
 */
import { type DeadlineFlag, type DeadlineKind, WGEID_ELEMENTS, type WgeidElement } from "../../cases/index.ts";
import type { EditLang } from "./words.ts";

export interface CaseWords {
  readonly watchTitle: string;
  readonly watchIntro: (asOf: string) => string;
  readonly noOpen: string;
  readonly newCase: string;
  readonly editCase: (id: string) => string;
  readonly caseTitle: (id: string) => string;
  readonly confidential: string;
  readonly name: string;
  readonly backToWatch: string;
  readonly cols: Readonly<
    Record<"case" | "taken" | "held" | "law" | "termEnds" | "next" | "extension" | "flags", string>
  >;
  readonly deadlineKinds: Readonly<Record<DeadlineKind, string>>;
  /** "in 12 days" / "3 days ago": a deadline's distance from today. */
  readonly due: (daysLeft: number) => string;
  /** A law by its name in the page's language and its article. */
  readonly regimeShort: (r: { name_en: string; name_zh: string; article: string }) => string;
  readonly deadlineRows: Readonly<
    Record<"lawApplied" | "recounted" | "termPlusExtension" | "legalMax" | "secondExtension" | "notInRegime", string>
  >;
  readonly regimeText: (r: { name_en: string; name_zh: string; article: string; max_months: number }) => string;
  readonly yes: string;
  readonly no: string;
  readonly ended: (date: string) => string;
  readonly flags: Readonly<Record<DeadlineFlag, string>>;
  readonly daysLeft: (n: number) => string;
  readonly sections: Readonly<
    Record<"person" | "detention" | "deadlines" | "timeline" | "wgeid" | "readiness" | "addEvent", string>
  >;
  readonly fields: Readonly<Record<string, string>>;
  readonly help: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
  readonly save: string;
  readonly create: string;
  readonly addEvent: string;
  readonly edit: string;
  readonly notSaved: (n: number) => string;
  readonly noEvents: string;
  readonly eventCols: Readonly<Record<"date" | "kind" | "source" | "confidence" | "note", string>>;
  readonly ready: string;
  readonly download: string;
  readonly notReady: string;
  /** The WGEID's minimum elements, by key (src/cases/wgeid.ts), as the readiness list names them. */
  readonly wgeidElements: Readonly<Record<WgeidElement, string>>;
  readonly refused: (id: string) => string;
  readonly refusedTitle: string;
  readonly given: string;
  readonly notGiven: string;
  readonly consentBy: (date: string, by: string) => string;
  readonly confidentialOnRequest: string;
}

const en: CaseWords = {
  watchTitle: "Cases: deadline watch",
  watchIntro: (asOf) =>
    `Open cases as of ${asOf}, most urgent first: past the legal maximum of the law in force on the day taken, then the three-month term passed without a recorded extension, then those inside the WGEID urgent-procedure window (fewest days left first), then the rest; cases with no date taken come last. Opening this list is recorded in the audit log for every case on it.`,
  noOpen: "No open cases.",
  newCase: "Record a new case",
  editCase: (id) => `Edit case ${id}`,
  caseTitle: (id) => `Case ${id}`,
  confidential: "Confidential. Opening this page is recorded in the audit log.",
  name: "Name",
  backToWatch: "Back to the deadline watch",
  cols: {
    case: "case",
    taken: "taken on",
    held: "days held",
    law: "law applied",
    termEnds: "3-month term ends",
    next: "next deadline",
    extension: "extension recorded",
    flags: "flags",
  },
  deadlineRows: {
    lawApplied: "Law applied (in force on the day taken)",
    recounted: "Period counted anew on",
    termPlusExtension: "Term + extension ends",
    legalMax: "Legal maximum (recorded events) ends",
    secondExtension: "Second extension recorded",
    notInRegime: "Events the law applied does not provide for",
  },
  regimeText: (r) => `${r.name_en}, ${r.article} (${r.name_zh}; at most ${r.max_months} months)`,
  regimeShort: (r) => `${r.name_en}, ${r.article}`,
  deadlineKinds: {
    term: "3-month term ends",
    extension: "extension ends",
    "second-extension": "second extension ends",
    "legal-maximum": "legal maximum",
    "wgeid-urgent-window": "WGEID urgent window closes",
  },
  due: (n) => (n > 0 ? `in ${n} days` : n === 0 ? "today" : `passed ${-n} days ago`),
  yes: "yes",
  no: "no",
  ended: (date) => `ended ${date}`,
  flags: {
    "beyond-legal-maximum": "past the legal maximum of the law in force on the day taken",
    "term-passed-no-extension": "3-month term passed, no extension recorded",
    "wgeid-urgent-window": "inside the WGEID urgent-procedure window",
    "no-regime-for-date": "taken before any legal regime on record",
  },
  daysLeft: (n) => `${n} days left`,
  sections: {
    person: "Person",
    detention: "Detention",
    deadlines: "Deadlines (as of today)",
    timeline: "Timeline",
    wgeid: "For the WGEID",
    readiness: "WGEID readiness",
    addEvent: "Add an event to the timeline",
  },
  fields: {
    "person.name_zh": "Name in Chinese",
    "person.name_pinyin": "Name in pinyin",
    "person.aliases": "Other names",
    "person.sex": "Sex",
    "person.birth_year": "Year of birth",
    "person.position": "Position",
    "person.employer": "Employer",
    "person.employer_kind": "Kind of employer",
    "person.relation": "Relation to others under investigation",
    "detention.taken_on": "Taken on",
    "detention.place_last_seen": "Place last seen",
    "detention.commission_level": "Commission level",
    "detention.jurisdiction": "Province (or the whole country)",
    perpetrators: "Believed to have carried it out",
    steps_taken: "Steps taken to locate the person",
    narrative: "Narrative",
    "submitter.name": "Submitter",
    "submitter.contact": "Submitter's contact",
    "submitter.confidential": "Keep the submitter's identity confidential",
    "relatives_consent.date": "Relatives' consent: date",
    "relatives_consent.by": "Relatives' consent: given by",
    consent_publish_name: "Consent to publish the name",
    status: "Status",
    "event.date": "Date",
    "event.kind": "What happened",
    "event.source": "Source of this fact",
    "event.confidence": "Confidence",
    "event.note": "Note",
    reason: "Reason for the change",
  },
  help: {
    "person.name_zh": "A name in Chinese or in pinyin is required.",
    "person.aliases": "Separate names with commas.",
    "detention.taken_on": "YYYY-MM-DD; the deadlines count from this day.",
    "detention.jurisdiction": "Type a code (CN-YN) or search by name.",
    "event.source": "Who or what says so: a relative's account, a media report, an official notice.",
    reason: "Recorded in the audit log (no personal data, please).",
  },
  values: {
    female: "female",
    male: "male",
    other: "other",
    unknown: "unknown",
    "public-functionary": "public functionary",
    soe: "state-owned enterprise",
    school: "school",
    hospital: "hospital",
    central: "central",
    provincial: "provincial",
    municipal: "municipal",
    county: "county",
    open: "open",
    closed: "closed",
    taken: "taken into liuzhi",
    "family-informed": "family informed",
    "family-not-informed": "family not informed",
    "extension-approved": "extension approved",
    "second-extension-approved": "second extension approved (amended law)",
    "period-recounted": "period counted anew (amended law)",
    "compelled-appearance": "compelled appearance (强制到案)",
    "ordered-to-await-investigation": "ordered to await investigation (责令候查)",
    "custodial-protection": "custodial protection (管护)",
    "transferred-for-prosecution": "transferred for prosecution",
    indicted: "indicted",
    sentenced: "sentenced",
    released: "released",
    "died-in-custody": "died in custody",
    "wgeid-communication-sent": "communication sent to the WGEID",
    "wgeid-reply-received": "reply received (from the WGEID or the government)",
    testimony: "testimony",
    "media-report": "media report",
    "official-notice": "official notice",
    "court-verdict": "court verdict",
  },
  save: "Save the case",
  create: "Record the case (encrypted)",
  addEvent: "Add the event",
  edit: "Edit the case",
  notSaved: (n) => `Nothing was saved: ${n} problem${n === 1 ? "" : "s"}, marked at the fields below.`,
  noEvents: "No events recorded.",
  eventCols: { date: "date", kind: "event", source: "source", confidence: "confidence", note: "note" },
  ready: "Every minimum element and the relatives' consent are recorded.",
  download: "Download the WGEID communication (Word): keep it as confidential as the case.",
  notReady: "Not ready for the WGEID: missing",
  wgeidElements: WGEID_ELEMENTS,
  refused: (id) => `The WGEID form cannot be filled for case ${id}: missing`,
  refusedTitle: "WGEID export refused",
  given: "given",
  notGiven: "not given",
  consentBy: (date, by) => `${date}, given by ${by}`,
  confidentialOnRequest: " (confidential on request)",
};

/** "art. 48" → "第48条": the article as a Chinese reader cites it. */
const articleZh = (article: string) => article.replace(/^art\.\s*(\d+)$/i, "第$1条");

const zh: CaseWords = {
  watchTitle: "个案：期限监测",
  watchIntro: (asOf) =>
    `截至${asOf}的未结个案，最紧急的在前：超出留置当日有效法律上限的，其次是三个月期限已过且无延长记录的，再次是处于联合国强迫失踪问题工作组（WGEID）紧急程序期内的（剩余天数少的在前），然后是其余个案；没有留置日期的排在最后。打开此列表会为其中每个个案写入审计日志。`,
  noOpen: "没有未结个案。",
  newCase: "登记新个案",
  editCase: (id) => `编辑个案 ${id}`,
  caseTitle: (id) => `个案 ${id}`,
  confidential: "机密。打开本页会写入审计日志。",
  name: "姓名",
  backToWatch: "返回期限监测",
  cols: {
    case: "个案",
    taken: "留置日期",
    held: "已关押天数",
    law: "适用的法律",
    termEnds: "三个月期满",
    next: "下一个期限",
    extension: "有延长记录",
    flags: "提示",
  },
  deadlineRows: {
    lawApplied: "适用的法律（留置当日有效）",
    recounted: "重新计算期限的日期",
    termPlusExtension: "期限加延长期满",
    legalMax: "法定上限（按已记录事件）期满",
    secondExtension: "有第二次延长记录",
    notInRegime: "适用法律未规定的事件",
  },
  regimeText: (r) => `${r.name_zh}${articleZh(r.article)}（最长${r.max_months}个月）`,
  regimeShort: (r) => `${r.name_zh}${articleZh(r.article)}`,
  deadlineKinds: {
    term: "三个月期限届满",
    extension: "延长期届满",
    "second-extension": "第二次延长期届满",
    "legal-maximum": "法定上限",
    "wgeid-urgent-window": "WGEID紧急程序期结束",
  },
  due: (n) => (n > 0 ? `还有${n}天` : n === 0 ? "今天" : `已过${-n}天`),
  yes: "是",
  no: "否",
  ended: (date) => `${date}结束`,
  flags: {
    "beyond-legal-maximum": "超出留置当日有效法律的上限",
    "term-passed-no-extension": "三个月期限已过，无延长记录",
    "wgeid-urgent-window": "处于WGEID紧急程序期内",
    "no-regime-for-date": "留置日期早于任何已记录的法律",
  },
  daysLeft: (n) => `剩余${n}天`,
  sections: {
    person: "当事人",
    detention: "留置",
    deadlines: "期限（截至今天）",
    timeline: "时间线",
    wgeid: "提交WGEID所需",
    readiness: "WGEID材料是否齐全",
    addEvent: "在时间线上添加事件",
  },
  fields: {
    "person.name_zh": "中文姓名",
    "person.name_pinyin": "拼音姓名",
    "person.aliases": "其他名字",
    "person.sex": "性别",
    "person.birth_year": "出生年份",
    "person.position": "职务",
    "person.employer": "工作单位",
    "person.employer_kind": "单位类型",
    "person.relation": "与其他被调查人的关系",
    "detention.taken_on": "留置日期",
    "detention.place_last_seen": "最后被见到的地点",
    "detention.commission_level": "监察委员会级别",
    "detention.jurisdiction": "省份（或全国）",
    perpetrators: "据信实施者",
    steps_taken: "为寻找当事人采取的措施",
    narrative: "经过",
    "submitter.name": "提交人",
    "submitter.contact": "提交人联系方式",
    "submitter.confidential": "对提交人身份保密",
    "relatives_consent.date": "亲属同意：日期",
    "relatives_consent.by": "亲属同意：同意人",
    consent_publish_name: "同意公开姓名",
    status: "状态",
    "event.date": "日期",
    "event.kind": "发生了什么",
    "event.source": "此事实的来源",
    "event.confidence": "可信度",
    "event.note": "备注",
    reason: "修改理由",
  },
  help: {
    "person.name_zh": "中文姓名或拼音姓名至少填一项。",
    "person.aliases": "多个名字用逗号分隔。",
    "detention.taken_on": "YYYY-MM-DD；期限从这一天算起。",
    "detention.jurisdiction": "输入代码（CN-YN）或按名称搜索。",
    "event.source": "谁或什么这样说：亲属陈述、媒体报道、官方通知。",
    reason: "写入审计日志（请勿写个人信息）。",
  },
  values: {
    female: "女",
    male: "男",
    other: "其他",
    unknown: "不详",
    "public-functionary": "公职人员",
    soe: "国有企业",
    school: "学校",
    hospital: "医院",
    central: "中央",
    provincial: "省级",
    municipal: "市级",
    county: "县级",
    open: "未结",
    closed: "已结",
    taken: "被留置",
    "family-informed": "已通知家属",
    "family-not-informed": "未通知家属",
    "extension-approved": "批准延长",
    "second-extension-approved": "批准第二次延长（修订后法律）",
    "period-recounted": "重新计算期限（修订后法律）",
    "compelled-appearance": "强制到案",
    "ordered-to-await-investigation": "责令候查",
    "custodial-protection": "管护",
    "transferred-for-prosecution": "移送起诉",
    indicted: "被起诉",
    sentenced: "被判刑",
    released: "获释",
    "died-in-custody": "羁押期间死亡",
    "wgeid-communication-sent": "已向WGEID提交来文",
    "wgeid-reply-received": "收到答复（WGEID或政府）",
    testimony: "证人陈述",
    "media-report": "媒体报道",
    "official-notice": "官方通知",
    "court-verdict": "法院判决",
  },
  save: "保存个案",
  create: "登记个案（加密）",
  addEvent: "添加事件",
  edit: "编辑个案",
  notSaved: (n) => `未保存：共${n}个问题，已在下方相应字段旁标出。`,
  noEvents: "没有记录事件。",
  eventCols: { date: "日期", kind: "事件", source: "来源", confidence: "可信度", note: "备注" },
  ready: "所有最低要素和亲属同意均已记录。",
  download: "下载WGEID来文（Word）：请与个案同样保密。",
  notReady: "尚不能提交WGEID：缺少",
  wgeidElements: {
    name: "失踪者的全名",
    identifying: "身份信息（性别、出生年份、职务或工作单位）",
    date: "失踪的年、月、日（留置日期）",
    place: "被带走或最后被看到的地点",
    perpetrators: "被认为实施失踪的一方",
    steps: "亲属或他人为寻找当事人所做的努力",
    submitter: "提交个案的人",
    consent: "亲属的同意，及其日期和同意人",
  },
  refused: (id) => `无法为个案 ${id} 填写WGEID表格：缺少`,
  refusedTitle: "WGEID导出被拒绝",
  given: "已同意",
  notGiven: "未同意",
  consentBy: (date, by) => `${date}，由${by}同意`,
  confidentialOnRequest: "（应要求保密）",
};

export const CASE_WORDS: Readonly<Record<EditLang, CaseWords>> = { en, zh };
