/**
 * The dashboard's words in English and Simplified Chinese; the language is the URL's `lang`. Text
 * may hold Markdown's `code` and _emphasis_, rendered by views/inline.tsx. The vocabularies'
 * words (measures, units, scopes) are core's VOCABULARY_LABELS, periods core's periodLabel.
 */
import { MONTH_NAMES_EN } from "../core/index.ts";
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

/** What a download is: a data package file (by table) or a report format. */
export type DownloadKind =
  | "datapackage"
  | "sources"
  | "jurisdictions"
  | "observations"
  | "assumptions"
  | "watch-list"
  | "legal-regimes"
  | "bibtex"
  | "csl-json"
  | "checksums"
  | "docx"
  | "xlsx"
  | "html"
  | "md";
const FORMAT_NAMES: Readonly<Partial<Record<DownloadKind, string>>> = {
  docx: "Word",
  xlsx: "Excel",
  html: "HTML",
  md: "Markdown",
};
const FORMAT_NAMES_ZH: Readonly<Partial<Record<DownloadKind, string>>> = {
  docx: "Word 文档",
  xlsx: "Excel 工作簿",
  html: "HTML 网页",
  md: "Markdown 文本",
};
const DATA_FILES_EN: Readonly<Partial<Record<DownloadKind, string>>> = {
  datapackage: "descriptor (Table Schema of every file)",
  sources: "sources",
  jurisdictions: "jurisdictions and populations",
  observations: "observations (every official figure)",
  assumptions: "assumptions",
  "watch-list": "watch list (the release pages the monitor visits)",
  "legal-regimes": "legal regimes (the detention limits of each law in force)",
};
const OTHER_FILES_EN: Readonly<Partial<Record<DownloadKind, string>>> = {
  bibtex: "Citations of every source, BibTeX (biblatex)",
  "csl-json": "Citations of every source, CSL-JSON (Zotero, pandoc)",
  checksums: "SHA-256 checksums of every file above (sha256sum -c SHA256SUMS)",
};
const DATA_FILES_ZH: Readonly<Partial<Record<DownloadKind, string>>> = {
  datapackage: "描述文件（各文件的表结构）",
  sources: "来源",
  jurisdictions: "辖区与人口",
  observations: "观测数据（每一个官方数字）",
  assumptions: "假设",
  "watch-list": "监测清单（监测程序访问的发布页面）",
  "legal-regimes": "法律制度（各部现行法律规定的留置期限）",
};
const OTHER_FILES_ZH: Readonly<Partial<Record<DownloadKind, string>>> = {
  bibtex: "全部来源的引文，BibTeX（biblatex）格式",
  "csl-json": "全部来源的引文，CSL-JSON 格式（Zotero、pandoc）",
  checksums: "以上每个文件的 SHA-256 校验值（sha256sum -c SHA256SUMS）",
};

const en = {
  title: "Liuzhi Monitor",
  tagline:
    "Official figures on liuzhi (留置), China's incommunicado detention by the supervision commissions since March 2018, each with its source, and the estimates built on them.",
  skip: "Skip to content",
  language: "Language",
  otherLanguage: "中文",
  otherLanguageName: "Switch to Simplified Chinese",
  views: { overview: "Overview", ledger: "Ledger", methods: "Methods", downloads: "Downloads" },
  /**
   * The punctuation views put between their parts: English keeps ASCII with its spaces, Chinese its
   * full-width marks with none. `open` and `close` go around an aside, `stop` ends a sentence in a run of them.
   */
  punctuation: { colon: ": ", semicolon: "; ", comma: ", ", open: " (", close: ")", stop: ". " },
  headline: "Headline figures",
  embed: "Embed",
  embedCode: "Paste this code into your page to show it there, with its source and a link back:",
  official: (year: string) => `Official placements in ${year}`,
  officialPerDay: (perDay: string) => `${perDay} a day`,
  officialMeans: (year: string, days: string) =>
    `The CCDI's latest nationwide placement figure: people placed in liuzhi in ${year}, divided by its ${days} days for the daily rate.`,
  total: "Estimated placements, on the December 2024 submission's basis",
  thenLabel: (end: string) => `The December 2024 submission (Safeguard Defenders), to ${end}`,
  nowLabel: (end: string, annualized: boolean) =>
    `Now, to ${end}${annualized ? " (the partial year extended to the full year)" : ""}`,
  basis: (low: string, high: string) =>
    `Both ranges on one basis: the people punished under the third and fourth forms × Prof. Ye's share of them placed in liuzhi, ${low}–${high}.`,
  otherBasis: "On another basis, not the submission's — category 4 alone",
  monthYear: (iso: string) => `${MONTH_NAMES_EN[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`,
  totalMeans: (annualized: boolean) =>
    `Prof. Ye's share of cases (the ratio range below) applied to the people punished in the severe categories, ${annualized ? "with each partial year (January–September) extended to the full year" : "over the reported periods only"}; low–high of the ratio table, its total added from unrounded cells and rounded once.`,
  seedEstimate: "The December 2024 submission (Safeguard Defenders, 12 December 2024), to September 2024",
  seedFloor: (floor: string) =>
    `The submission's sum of official placement figures, to September 2024: ${floor} (it counts some placements twice, so it is not a floor).`,
  personTimes:
    "A warning about what is counted: the CCDI counts the people punished in person-times (人次), not distinct people — someone handled twice in a year is counted twice. This estimate is therefore of placements (person-times of liuzhi), which can exceed the number of distinct people placed.",
  model: {
    heading: "The current estimate: one model of every estimator",
    help: "Placements per year and in total from March 2018 to the latest period, with 90% intervals: one declared model combining the official counts, the ratio to categories 3+4 (allowed to drift from year to year), transfers to the procuratorates, cases filed and the provincial counts. Unlike the submission's method above, it agrees with the official counts it holds. Placements, not distinct people.",
    year: "Year",
    counted: "Counted",
    median: "Median",
    interval: "90% interval",
    official: "Official count",
    total: "Total",
    heldOut: (year: string, official: string, median: string, interval: string, covered: boolean) =>
      `${year}'s official count left out and predicted from everything else: ${median} (${interval}), against the official ${official}${covered ? " — covered" : " — not covered"}.`,
    means: (draws: string) =>
      `How the model works, what each input contributes and what it cannot estimate: see Methods (\`liuzhi model\`, ${draws} draws, seed 1).`,
  },
  byBase: { cat3_4: "categories 3+4", cat4: "category 4 alone" },
  interval: (median: string, low: string, high: string, draws: string) =>
    `Monte Carlo: median ${median}, 90% interval ${low}–${high} (${draws} draws).`,
  floors: "Officially reported floor since March 2018",
  floorStrict: "floor: no placement counted twice",
  floorPublished: "the submission's sum (counts some placements twice)",
  floorMeans:
    "Official placement figures added up. The floor counts no placement twice (no two figures overlap in place and time). The submission's sum adds provincial figures to the national counts that already contain them, so it is not a floor.",
  held: "People held on an average day",
  heldMeans: (year: string, days: string, low: string, high: string) =>
    `The large figure, for ${year}: the official placements ÷ the ${days} days of ${year} × the average length of a placement (${low}–${high} days, the what-if range) (Little's law).`,
  heldRatio: (period: string, median: string, low: string, high: string) =>
    `The second figure uses the ratio estimate instead of the official count, for ${period}: median ${median}, 90% interval ${low}–${high}.`,
  source: "source",
  sources: "sources",
  whatIf: "What if?",
  whatIfHelp: (draws: string) =>
    `Change the assumptions: every figure and chart on this page is recomputed in your browser with the same estimation code as the command line. The Monte Carlo interval uses ${draws} draws here (100,000 at the defaults, as \`liuzhi uncertainty\`).`,
  ratioLow: "Ratio, low",
  ratioHigh: "Ratio, high",
  base: "Category base",
  bases: { both: "both, as two scenarios (categories 3+4 shown)", cat3_4: "categories 3+4", cat4: "category 4 alone" },
  durationLow: "Average duration, shortest (days)",
  durationHigh: "Average duration, longest (days)",
  annualize: "Extend partial years (January–September 2024 and 2025) to the full year",
  urlRefused: (name: string, value: string, range: string) =>
    `The address gave ${name}=${value}, outside ${range}: the ledger's value is used instead.`,
  tableRounding: "Each figure is rounded on its own; cells may not add up exactly to a total.",
  reset: "Reset to the ledger's values",
  chart: "Placements per year: estimates and official figures",
  chartAlt: (text: string) =>
    `Chart of placements per year. ${text} The same figures are in the table below the chart.`,
  chartTable: "The chart's figures as a table",
  year: "Year",
  band: (base: string) => `Ratio band, ${base}`,
  officialFigure: "Official nationwide figure",
  provincial: "Provincial figures scaled to the nation (per year)",
  transfersEstimate: "Estimate from the people transferred to the procuratorates",
  map: "Reported placements per million people per year, by province",
  mapHelp:
    "Each tile is a province (not to scale). The figure is the province's longest reported period. Hatched tiles: the province never published a placement figure.",
  mapNone: "no figure",
  mapNoPopulation: "reported; no population",
  perMillion: "per million per year",
  ledger: "The ledger",
  ledgerHelp:
    "Every figure of the ledger with its source: those published as such, and those we derived from published figures (marked derived, with how). Open a row for its evidence.",
  partialYears: (years: string, extended: boolean) =>
    `* ${years}: the official figures cover January–September only; ${extended ? "extended here to the full year (an extrapolation, not a published figure)" : "shown for those months only"}.`,
  evidence: "Evidence",
  showEvidence: (id: string) => `Show the evidence of ${id}`,
  evidenceFields: {
    id: "Row",
    printed: "As printed",
    derivation: "Published or derived",
    quote: "Quotation, in the original language",
    translation: "Translation",
    locator: "Where in the source",
    source: "Source",
    note: "Note",
    link: "Permanent link",
  },
  precision: (place: number) =>
    `printed to the ${({ 0.01: "hundredth", 0.1: "tenth", 1: "unit", 10: "ten", 100: "hundred", 1000: "thousand", 10000: "ten thousand" } as Record<number, string>)[place] ?? String(place)}`,
  filterJurisdiction: "Jurisdiction",
  filterMeasure: "Measure",
  filterFrom: "Period ends on or after",
  filterTo: "Period starts on or before",
  filterOnly: "Show",
  onlyAll: "all figures",
  onlyStrict: "figures in the strict floor",
  onlyPublished: "figures in the submission's sum",
  any: "any",
  rows: (n: number) => `${n} figures`,
  columns: {
    jurisdiction: "Jurisdiction",
    measure: "Measure",
    period: "Period",
    value: "Value",
    unit: "Unit",
    scope: "Scope",
    source: "Source",
  },
  archived: "archived copy",
  noUrl: "no address",
  captured: (date: string, sha: string) => `captured on ${date} (SHA-256 ${sha})`,
  capturedTitle: (count: number, sha: string) =>
    `${count} ${count === 1 ? "capture" : "captures"} in the evidence store; the latest WARC file's SHA-256 is ${sha}`,
  cases: {
    heading: "Documented cases against official figures",
    help: (threshold: string) =>
      `Cases documented in the case register, by province and by the year the person was taken, next to the official placement count for the same province and year. Aggregates only: no cell under ${threshold} cases is shown, and further cells are withheld wherever a withheld one could be worked out from the totals. No name is ever published.`,
    jurisdiction: "Jurisdiction",
    year: "Year taken",
    documented: "Documented cases",
    official: "Official placements",
    period: "Period (as printed)",
    suppressed: "suppressed",
    unknownYear: "unknown",
    total: "Total",
  },
  sortBy: (column: string) => `Sort by ${column}`,
  methods: "Methods",
  downloads: "Downloads",
  downloadsHelp:
    "The ledger as a Frictionless Data Package, the citations of its sources, the report in every format, a checksum file, and the dashboard's data.",
  dataFile: "Dashboard data (JSON: the ledger and the headline Monte Carlo)",
  api: "API (when served by `liuzhi serve`): `/api/openapi.json`",
  downloadLabel: (kind: DownloadKind, lang: "en" | "zh" | null) =>
    OTHER_FILES_EN[kind] ??
    (lang === null
      ? `Data package: ${DATA_FILES_EN[kind]}`
      : `Report in ${lang === "zh" ? "Simplified Chinese" : "English"}, ${FORMAT_NAMES[kind]}`),
  manifest: (version: string, hash: string) => `Liuzhi Monitor ${version} · ledger SHA-256 ${hash}`,
  teamSignIn: "Team sign-in",
  loading: "Loading…",
  loadError: "The data could not be loaded.",
};

export type Strings = typeof en;

const zh: Strings = {
  ...en,
  title: "留置监测",
  tagline: "自2018年3月起由监察委员会实施的留置措施的官方数字，每个数字都附有出处，以及据此作出的估算。",
  skip: "跳到正文",
  language: "语言",
  otherLanguage: "English",
  otherLanguageName: "Switch to English",
  views: { overview: "概览", ledger: "数据账簿", methods: "方法", downloads: "下载" },
  punctuation: { colon: "：", semicolon: "；", comma: "，", open: "（", close: "）", stop: "。" },
  headline: "主要数字",
  embed: "嵌入",
  embedCode: "将以下代码粘贴到您的网页，即可在该处显示（附来源及返回链接）：",
  official: (year) => `${year}年官方公布的留置人数`,
  officialPerDay: (perDay) => `每天${perDay}人`,
  officialMeans: (year, days) =>
    `中央纪委国家监委公布的最新全国留置人数：${year}年被留置的人数；除以该年${days}天得出每日人数。`,
  total: "留置估算（按2024年12月提交材料的口径）",
  thenLabel: (end) => `2024年12月提交材料（保护卫士），截至${end}`,
  nowLabel: (end, annualized) => `现在，截至${end}${annualized ? "（不完整年度按全年推算）" : ""}`,
  basis: (low, high) => `两个范围口径相同：第三、四种形态的处分人次 × 叶竹盛教授估计的其中被留置的比例${low}–${high}。`,
  otherBasis: "另一口径（并非提交材料的口径）：仅第四种形态",
  monthYear: (iso) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`,
  totalMeans: (annualized) =>
    `将叶竹盛教授估计的比例（见下方比例范围）应用于第三、四种形态的处分人数，${annualized ? "各不完整年度（1至9月）按全年推算" : "仅计已公布的期间"}；比例表的低值至高值，合计由未经四舍五入的数值相加后只取整一次。`,
  seedEstimate: "2024年12月提交材料（保护卫士，2024年12月12日）截至2024年9月的估算",
  seedFloor: (floor) =>
    `提交材料所列官方留置数字之和（截至2024年9月）：${floor}（部分留置被重复计算，因此不是最低人数）。`,
  personTimes:
    "关于计数单位的警示：中央纪委按人次而非不同的人数统计受处分人数——一年内被处理两次的人计为两次。因此这里估算的是留置人次，可能多于被留置的不同人数。",
  model: {
    heading: "当前估算：综合所有估算方法的一个模型",
    help: "2018年3月至最后期间每年及合计的留置人次，附90%区间：一个明确声明的模型，综合官方数字、相对于第三、四种形态的比例（允许逐年漂移）、移送检察机关的人数、立案数和省级数字。与上方提交材料的方法不同，它与所收录的官方数字相符。所计为留置人次，而非不同的人数。",
    year: "年份",
    counted: "计入期间",
    median: "中位数",
    interval: "90%区间",
    official: "官方数字",
    total: "合计",
    heldOut: (year, official, median, interval, covered) =>
      `留出${year}年官方数字、由其余全部数据预测：${median}（${interval}），官方数字为${official}${covered ? "——已覆盖" : "——未覆盖"}。`,
    means: (draws) =>
      `模型如何运作、每项输入的贡献以及它无法估算的内容：见“方法”（\`liuzhi model\`，${draws}次抽样，种子为1）。`,
  },
  byBase: { cat3_4: "第三、四种形态", cat4: "仅第四种形态" },
  interval: (median, low, high, draws) => `蒙特卡洛模拟：中位数${median}，90%区间${low}–${high}（${draws}次抽样）。`,
  floors: "2018年3月以来官方公布的最低人数",
  floorStrict: "最低人数：不重复计算任何一次留置",
  floorPublished: "提交材料的合计（部分留置被重复计算）",
  floorMeans:
    "官方公布的留置人数之和。最低人数不重复计算任何一次留置（任何两个数字在地域和时间上都不重叠）。提交材料的合计把省级数字加到已包含它们的全国数字上，因此不是最低人数。",
  held: "平均每天被关押的人数",
  heldMeans: (year, days, low, high) =>
    `大字数字（${year}年）：官方留置人数 ÷ ${year}年的${days}天 × 平均留置时长（${low}–${high}天，即假设分析中的范围）（利特尔法则）。`,
  heldRatio: (period, median, low, high) =>
    `第二个数字以比例估算代替官方人数，${period}：中位数${median}，90%区间${low}–${high}。`,
  source: "出处",
  sources: "出处",
  whatIf: "假设分析",
  whatIfHelp: (draws) =>
    `调整假设：本页所有数字和图表都在您的浏览器中用与命令行相同的估算代码重新计算。此处蒙特卡洛区间使用${draws}次抽样（默认值下为100,000次，与 \`liuzhi uncertainty\` 相同）。`,
  ratioLow: "比例下限",
  ratioHigh: "比例上限",
  base: "处分类别基数",
  bases: { both: "两者，作为两个情景（显示第三、四种形态）", cat3_4: "第三、四种形态", cat4: "仅第四种形态" },
  durationLow: "平均留置时长下限（天）",
  durationHigh: "平均留置时长上限（天）",
  annualize: "将不完整年度（2024年和2025年1至9月）推算为全年",
  urlRefused: (name, value, range) => `网址中的${name}=${value}超出${range}范围：改用账簿中的数值。`,
  tableRounding: "每个数字各自取整；各单元格相加可能与合计略有出入。",
  reset: "恢复账簿中的数值",
  chart: "每年留置人数：估算与官方数字",
  chartAlt: (text) => `每年留置人数图表。${text}图表下方的表格列出相同数字。`,
  chartTable: "以表格列出图表数字",
  year: "年份",
  band: (base) => `比例区间，${base}`,
  officialFigure: "全国官方数字",
  provincial: "按人口推算至全国的省级数字（每年）",
  transfersEstimate: "由移送检察机关人数推算的估计",
  map: "各省每百万人每年公布的留置人数",
  mapHelp: "每个方块代表一个省份（非按比例）。数字取该省公布的最长期间。斜线方块：该省从未公布留置人数。",
  mapNone: "未公布",
  mapNoPopulation: "已公布；无人口数",
  perMillion: "每百万人每年",
  ledger: "数据账簿",
  ledgerHelp:
    "账簿中的每一个数字及其出处：原样公布的数字，以及由公布数字推算的数字（标为推算，并说明如何推算）。点开一行可查看其证据。",
  partialYears: (years, extended) =>
    `* ${years}：官方数字仅涵盖1至9月；${extended ? "此处按全年推算（系推算，并非公布数字）" : "此处仅显示这几个月"}。`,
  evidence: "证据",
  showEvidence: (id) => `查看 ${id} 的证据`,
  evidenceFields: {
    id: "行",
    printed: "原文所印",
    derivation: "公布或推算",
    quote: "原文引语",
    translation: "译文",
    locator: "在来源中的位置",
    source: "来源",
    note: "备注",
    link: "永久链接",
  },
  precision: (place) =>
    `原文精确到${({ 0.01: "百分位", 0.1: "十分位", 1: "个位", 10: "十位", 100: "百位", 1000: "千位", 10000: "万位" } as Record<number, string>)[place] ?? String(place)}`,
  captured: (date, sha) => `采集于${date}（SHA-256 ${sha}）`,
  capturedTitle: (count, sha) => `证据库中有${count}份采集；最新WARC文件的SHA-256为${sha}`,
  cases: {
    heading: "已记录个案与官方数字对照",
    help: (threshold) =>
      `个案登记册记录的个案，按省份及当事人被带走的年份统计，并列出同一省份、同一年份的官方留置人数。仅显示汇总数字：少于${threshold}例的单元格一律不显示；凡可由合计推算出被隐藏数值的单元格，也一并隐藏。从不公布任何姓名。`,
    jurisdiction: "辖区",
    year: "被带走年份",
    documented: "已记录个案",
    official: "官方留置人数",
    period: "期间（按原文）",
    suppressed: "不公布",
    unknownYear: "不详",
    total: "合计",
  },
  filterJurisdiction: "地区",
  filterMeasure: "指标",
  filterFrom: "期间结束不早于",
  filterTo: "期间开始不晚于",
  filterOnly: "显示",
  onlyAll: "全部数字",
  onlyStrict: "严格口径所用数字",
  onlyPublished: "提交材料的合计所用数字",
  any: "全部",
  rows: (n) => `${n}个数字`,
  columns: {
    jurisdiction: "地区",
    measure: "指标",
    period: "期间",
    value: "数值",
    unit: "单位",
    scope: "范围",
    source: "出处",
  },
  archived: "存档副本",
  noUrl: "无网址",
  sortBy: (column) => `按${column}排序`,
  methods: "方法",
  downloads: "下载",
  downloadsHelp: "Frictionless 数据包格式的账簿、各来源的引文、各种格式的报告、校验文件，以及本页面的数据。",
  downloadLabel: (kind, lang) =>
    OTHER_FILES_ZH[kind] ??
    (lang === null
      ? `数据包：${DATA_FILES_ZH[kind]}`
      : `${lang === "zh" ? "中文" : "英文"}报告，${FORMAT_NAMES_ZH[kind]}`),
  dataFile: "页面数据（JSON：账簿与主要数字的蒙特卡洛模拟）",
  api: "API（由 `liuzhi serve` 提供时）：`/api/openapi.json`",
  manifest: (version, hash) => `留置监测 ${version} · 账簿 SHA-256 ${hash}`,
  teamSignIn: "团队登录",
  loading: "加载中…",
  loadError: "无法加载数据。",
};

export const STRINGS: Record<Lang, Strings> = { en, zh };

export const isLang = (value: unknown): value is Lang => (LANGS as ReadonlyArray<unknown>).includes(value);

/** One formatter per language and number of digits: building an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: Lang, value: number, digits = 0): string {
  const key = `${lang}:${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format.format(value);
}
