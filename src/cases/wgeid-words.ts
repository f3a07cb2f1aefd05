/**
 * The words of the WGEID Word file in English and Simplified Chinese: headings, labels, sentences,
 * and every coded value (sex, employer kind, commission level, event kind, confidence) as words.
 * A document sent to a UN body never prints a code; a value without a word here fails its test.
 */
import { MONTH_NAMES_EN } from "../core/index.ts";
import type { Confidence, EventKind } from "./model.ts";

export const WGEID_LANGS = ["en", "zh"] as const;
export type WgeidLang = (typeof WGEID_LANGS)[number];

type Sex = "female" | "male" | "other" | "unknown";
type EmployerKind = "public-functionary" | "soe" | "school" | "hospital" | "other";
type Level = "central" | "provincial" | "municipal" | "county";

export interface WgeidWords {
  readonly title: string;
  readonly intro: (caseId: string, date: string) => string;
  readonly headings: readonly [string, string, string, string, string, string, string, string];
  readonly labels: {
    readonly nameZh: string;
    readonly namePinyin: string;
    readonly aliases: string;
    readonly sex: string;
    readonly birthYear: string;
    readonly position: string;
    readonly employer: string;
    readonly relation: string;
    readonly year: string;
    readonly month: string;
    readonly day: string;
    readonly place: string;
    readonly province: string;
    readonly perpetrators: string;
    readonly level: string;
    readonly law: string;
    readonly submitter: string;
    readonly contact: string;
    readonly confidentiality: string;
    readonly consent: string;
    readonly publishName: string;
  };
  readonly confidential: string;
  readonly disclosable: string;
  readonly consentGiven: (date: string, by: string) => string;
  readonly given: string;
  readonly notGiven: string;
  readonly none: string;
  readonly listSeparator: string;
  /** A timeline entry after its date and event: "(testimony; source: …): note". */
  readonly eventDetail: (confidence: string, source: string, note: string | null) => string;
  /** The law in force on the day taken: "Supervision Law (2018), art. 43". */
  readonly law: (name: string, article: string) => string;
  readonly noLaw: string;
  readonly sex: Readonly<Record<Sex, string>>;
  readonly employerKind: Readonly<Record<EmployerKind, string>>;
  readonly level: Readonly<Record<Level, string>>;
  readonly event: Readonly<Record<EventKind, string>>;
  readonly confidence: Readonly<Record<Confidence, string>>;
  /** A date as the document prints it. */
  readonly date: (iso: string) => string;
}

const en: WgeidWords = {
  title: "Communication to the Working Group on Enforced or Involuntary Disappearances",
  intro: (caseId, date) =>
    `Individual case ${caseId}, prepared on ${date} with Liuzhi Monitor (liuzhi, 留置: retention in custody).`,
  headings: [
    "1. Identity of the disappeared person",
    "2. Date of the disappearance",
    "3. Place of arrest or where last seen",
    "4. Forces believed responsible",
    "5. Steps taken to locate the person",
    "6. Submitted by",
    "7. Narrative summary",
    "8. Timeline",
  ],
  labels: {
    nameZh: "Full name (Chinese)",
    namePinyin: "Full name (pinyin)",
    aliases: "Other names",
    sex: "Sex",
    birthYear: "Year of birth",
    position: "Position",
    employer: "Employer",
    relation: "Relation to others under investigation",
    year: "Year",
    month: "Month",
    day: "Day",
    place: "Place",
    province: "Province",
    perpetrators: "Believed to have carried it out",
    level: "Commission level",
    law: "Law in force on the day the person was taken",
    submitter: "Submitter",
    contact: "Contact",
    confidentiality: "Confidentiality",
    consent: "Consent of the relatives",
    publishName: "Consent to publish the name",
  },
  confidential: "CONFIDENTIAL: the submitter asks that their identity not be transmitted to the Government.",
  disclosable: "The submitter's identity may be disclosed.",
  consentGiven: (date, by) => `recorded on ${date}, given by ${by}`,
  given: "given",
  notGiven: "not given",
  none: "—",
  listSeparator: ", ",
  eventDetail: (confidence, source, note) => ` (${confidence}; source: ${source})${note ? `: ${note}` : ""}`,
  law: (name, article) => `${name}, ${article}`,
  noLaw: "no legal regime on record for that day",
  sex: { female: "female", male: "male", other: "other", unknown: "unknown" },
  employerKind: {
    "public-functionary": "public functionary",
    soe: "state-owned enterprise",
    school: "school",
    hospital: "hospital",
    other: "other employer",
  },
  level: {
    central: "Central Commission for Discipline Inspection / National Supervisory Commission",
    provincial: "provincial supervisory commission",
    municipal: "municipal supervisory commission",
    county: "county-level supervisory commission",
  },
  event: {
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
    "wgeid-communication-sent": "communication sent to the Working Group",
    "wgeid-reply-received": "reply received (from the Working Group or the Government)",
  },
  confidence: {
    testimony: "testimony",
    "media-report": "media report",
    "official-notice": "official notice",
    "court-verdict": "court verdict",
  },
  date: (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${Number(m[3])} ${MONTH_NAMES_EN[Number(m[2]) - 1]} ${m[1]}` : iso;
  },
};

const zh: WgeidWords = {
  title: "致强迫或非自愿失踪问题工作组的来文",
  intro: (caseId, date) => `个案${caseId}，由留置监测（Liuzhi Monitor）于${date}编制。`,
  headings: [
    "一、失踪者身份",
    "二、失踪日期",
    "三、被带走或最后被看到的地点",
    "四、被认为负有责任的一方",
    "五、为寻找当事人采取的措施",
    "六、提交人",
    "七、案情摘要",
    "八、时间线",
  ],
  labels: {
    nameZh: "全名（中文）",
    namePinyin: "全名（拼音）",
    aliases: "其他姓名",
    sex: "性别",
    birthYear: "出生年份",
    position: "职务",
    employer: "工作单位",
    relation: "与其他被调查人的关系",
    year: "年",
    month: "月",
    day: "日",
    place: "地点",
    province: "省份",
    perpetrators: "被认为实施失踪的一方",
    level: "监察委员会级别",
    law: "被留置当日施行的法律",
    submitter: "提交人",
    contact: "联系方式",
    confidentiality: "保密",
    consent: "亲属的同意",
    publishName: "同意公开姓名",
  },
  confidential: "保密：提交人请求不向政府转交其身份。",
  disclosable: "提交人的身份可以披露。",
  consentGiven: (date, by) => `于${date}记录，由${by}作出`,
  given: "已同意",
  notGiven: "未同意",
  none: "—",
  listSeparator: "、",
  eventDetail: (confidence, source, note) => `（${confidence}；来源：${source}）${note ? `：${note}` : ""}`,
  law: (name, article) => `${name}，${article.replace(/^art\. (\d+)$/, "第$1条")}`,
  noLaw: "当日没有已记录的法律制度",
  sex: { female: "女", male: "男", other: "其他", unknown: "不详" },
  employerKind: {
    "public-functionary": "公职人员",
    soe: "国有企业",
    school: "学校",
    hospital: "医院",
    other: "其他单位",
  },
  level: {
    central: "中央纪委国家监委",
    provincial: "省级监察委员会",
    municipal: "市级监察委员会",
    county: "县级监察委员会",
  },
  event: {
    taken: "被留置",
    "family-informed": "已通知家属",
    "family-not-informed": "未通知家属",
    "extension-approved": "批准延长",
    "second-extension-approved": "批准第二次延长（修订后法律）",
    "period-recounted": "重新计算留置时间（修订后法律）",
    "compelled-appearance": "强制到案",
    "ordered-to-await-investigation": "责令候查",
    "custodial-protection": "管护",
    "transferred-for-prosecution": "移送起诉",
    indicted: "被起诉",
    sentenced: "被判刑",
    released: "获释",
    "died-in-custody": "羁押期间死亡",
    "wgeid-communication-sent": "已向工作组提交来文",
    "wgeid-reply-received": "收到答复（工作组或政府）",
  },
  confidence: {
    testimony: "证人陈述",
    "media-report": "媒体报道",
    "official-notice": "官方通知",
    "court-verdict": "法院判决",
  },
  date: (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
  },
};

export const WGEID_WORDS: Readonly<Record<WgeidLang, WgeidWords>> = { en, zh };
