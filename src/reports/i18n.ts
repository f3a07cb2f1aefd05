/**
 * The report's words in English and Simplified Chinese: headings, column labels and the sentences
 * saying how each figure was made. Figures arrive already formatted; source titles are never
 * translated (they stay as published).
 */

export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export interface Strings {
  readonly title: string;
  readonly subtitle: string;
  readonly generated: (date: string, version: string, draws: string, seed: string, dataDate: string) => string;
  readonly intro: string;
  readonly headings: {
    readonly estimates: string;
    readonly floor: string;
    readonly rates: string;
    readonly uncertainty: string;
    readonly extrapolations: string;
    readonly appendix: string;
    readonly legal: string;
    readonly method: string;
    readonly sources: string;
    readonly footnotes: string;
  };
  readonly tables: {
    readonly estimates: string;
    readonly floor: string;
    readonly rates: string;
    readonly uncertainty: string;
    readonly sensitivity: string;
    readonly extrapolations: string;
    readonly appendix: string;
    readonly legal: string;
    readonly assumptions: string;
  };
  readonly columns: {
    readonly period: string;
    readonly punishedCat34: string;
    readonly estimate: (base: "cat4" | "cat3_4", ratio: string) => string;
    readonly coverage: string;
    readonly periodPrinted: string;
    readonly count: string;
    readonly inAsPublished: string;
    readonly inStrict: string;
    readonly year: string;
    readonly placements: string;
    readonly perDay: string;
    readonly perCaseFiled: string;
    readonly heldAt: (days: string) => string;
    readonly measure: string;
    readonly median: string;
    readonly p05: string;
    readonly p95: string;
    readonly input: string;
    readonly low: string;
    readonly high: string;
    readonly totalAtLow: string;
    readonly totalAtHigh: string;
    readonly swing: string;
    readonly province: string;
    readonly populationM: string;
    readonly populationShare: string;
    readonly nationalEquivalent: string;
    readonly around: string;
    readonly perYear: string;
    readonly source: string;
    readonly characteristic: string;
    readonly instrument: string;
    readonly article: string;
    readonly seedParagraph: string;
    readonly id: string;
    readonly description: string;
    readonly unit: string;
    readonly number: string;
    readonly publisher: string;
    readonly titleCol: string;
    readonly titleLang: string;
    readonly published: string;
    readonly url: string;
    readonly archivedUrl: string;
  };
  readonly rows: {
    readonly total: string;
    readonly adjustedTotal: string;
    readonly extrapolation: (year: string) => string;
    readonly cumulative: string;
    readonly adjustedCumulative: string;
    readonly heldOnAverageDay: (period: string) => string;
    readonly yes: string;
    readonly no: string;
    readonly nationwide: string;
    readonly campaign: (what: string) => string;
    readonly sensitivityInput: (input: string) => string;
  };
  readonly sentences: {
    readonly ratio: (a: { low: string; high: string; factor: string }) => string;
    readonly floor: (a: { asPublished: string; start: string; used: string; all: string; strict: string }) => string;
    readonly perDay: (a: { placements: string; year: string; perDay: string; days: string }) => string;
    readonly perCase: (a: { perCase: string; cases: string }) => string;
    readonly stock: (a: { days: string; held: string }) => string;
    readonly monteCarlo: (a: {
      draws: string;
      seed: string;
      ratio: string;
      base: string;
      spread: string;
      duration: string;
    }) => string;
    readonly bases: { readonly both: string; readonly cat3_4: string; readonly cat4: string };
    readonly monteCarloResult: (a: { total: string; median: string; adjusted: string }) => string;
    readonly sensitivity: (a: { input: string }) => string;
    readonly extrapolation: (a: {
      name: string;
      count: string;
      period: string;
      population: string;
      national: string;
      around: string;
    }) => string;
    readonly appendix: string;
    readonly legal: string;
    readonly method: string;
  };
  readonly charts: {
    readonly yearly: { readonly title: string; readonly units: string; readonly alt: string };
    readonly cumulative: { readonly title: string; readonly units: string; readonly alt: string };
    readonly provinces: { readonly title: string; readonly units: string; readonly alt: string };
    readonly band: (base: string) => string;
    readonly official: string;
    /** The provinces chart's bars, in its legend. */
    readonly provincial: string;
    readonly floor: string;
    readonly median: string;
    readonly interval: string;
    readonly source: (publishers: string) => string;
    readonly dataDate: (date: string) => string;
    readonly year: string;
  };
  readonly footnote: { readonly archived: string; readonly noTitle: string };
  /** The latest capture of a source (src/capture), beside it in footnotes and the sources sheet. */
  readonly capture: {
    readonly captured: (date: string, sha256: string) => string;
    readonly capturedOn: string;
    readonly sha256: string;
  };
  /** Documented cases against official figures (src/cases coverage, suppressed). */
  readonly cases: {
    readonly heading: string;
    readonly table: string;
    readonly sentence: (threshold: string) => string;
    readonly jurisdiction: string;
    readonly year: string;
    readonly documented: string;
    readonly official: string;
    readonly officialPeriod: string;
    readonly share: string;
    readonly suppressed: string;
    readonly unknownYear: string;
    readonly total: string;
  };
  readonly method: {
    readonly generated: string;
    readonly software: string;
    readonly draws: string;
    readonly seed: string;
    readonly dataDate: string;
    readonly floorStart: string;
  };
}

const en: Strings = {
  title: "Liuzhi: estimated use since March 2018",
  subtitle: "Data annex built by Liuzhi Monitor from official figures",
  generated: (date, version, draws, seed, dataDate) =>
    `Generated ${date} by Liuzhi Monitor ${version}; data up to ${dataDate}; Monte Carlo with ${draws} draws, seed ${seed}.`,
  intro:
    "Every figure in this annex is computed by Liuzhi Monitor from the official figures in its ledger; each official figure is footnoted to the document it was read from.",
  headings: {
    estimates: "Estimated use of liuzhi, by year",
    floor: "Official floor",
    rates: "Rates",
    uncertainty: "Uncertainty",
    extrapolations: "Provincial extrapolations",
    appendix: "Appendix I: official (partial) data on liuzhi use",
    legal: "Liuzhi under international law",
    method: "Method and assumptions",
    sources: "Sources",
    footnotes: "Notes",
  },
  tables: {
    estimates: "Estimated placements in liuzhi (Prof. Ye's ratios applied to the people punished)",
    floor: "Official placement figures counted in the floor",
    rates: "Placements per day, per case filed, and people held on an average day",
    uncertainty: "Monte Carlo: medians and 90% intervals",
    sensitivity: "Sensitivity: the adjusted total with one input at each end of its range",
    extrapolations: "Provincial figures scaled to the nation by population",
    appendix: "Official (partial) data on liuzhi use",
    legal: "Characteristics of liuzhi and the international provisions they violate",
    assumptions: "Assumptions",
  },
  columns: {
    period: "Period",
    punishedCat34: "People punished, cat. 3 and 4",
    estimate: (base, ratio) => `Liuzhi (${base === "cat4" ? "cat. 4" : "cat. 3 and 4"}) ${ratio}`,
    coverage: "Data coverage",
    periodPrinted: "Period (as printed)",
    count: "Liuzhi #",
    inAsPublished: "Floor as published",
    inStrict: "Strict floor",
    year: "Year",
    placements: "Placements",
    perDay: "Per day",
    perCaseFiled: "Per case filed",
    heldAt: (days) => `Held on an average day (${days} days)`,
    measure: "Estimate",
    median: "Median",
    p05: "5th percentile",
    p95: "95th percentile",
    input: "Input",
    low: "Low end",
    high: "High end",
    totalAtLow: "Adjusted total at low end",
    totalAtHigh: "Adjusted total at high end",
    swing: "Swing",
    province: "Province",
    populationM: "Pop. M",
    populationShare: "Pop. %",
    nationalEquivalent: "National equivalent",
    around: "Around",
    perYear: "National equivalent per year",
    source: "Source",
    characteristic: "Characteristic of liuzhi",
    instrument: "Instrument",
    article: "Provision",
    seedParagraph: "Submission paragraph",
    id: "Id",
    description: "Description",
    unit: "Unit",
    number: "Note",
    publisher: "Publisher",
    titleCol: "Title (as published)",
    titleLang: "Language",
    published: "Published",
    url: "URL",
    archivedUrl: "Archived copy",
  },
  rows: {
    total: "Total",
    adjustedTotal: "Adjusted total",
    extrapolation: (year) => `${year} (full-year extrapolation)`,
    cumulative: "Total over the reported periods",
    adjustedCumulative: "Adjusted total (partial years extended)",
    heldOnAverageDay: (period) => `Held on an average day, ${period}`,
    yes: "yes",
    no: "no",
    nationwide: "Nationwide",
    campaign: (what) => `Campaign – ${what}`,
    sensitivityInput: (input) => input,
  },
  sentences: {
    ratio: ({ low, high, factor }) =>
      `Prof. Ye Zhusheng's estimate that ${low} to ${high} of the cases investigated involved shuanggui, liuzhi's predecessor, is applied each year to the people punished in categories 3 and 4, and in category 4 alone; figures are rounded to the hundred. For the adjusted total, a partial year is extended to a full year (${factor}).`,
    floor: ({ asPublished, start, used, all, strict }) =>
      `Official placement figures add up to at least ${asPublished} from ${start} on, added up as the submission adds them: ${used} of ${all} figures, leaving out pilot figures from before liuzhi became law, national campaign figures and figures whose period lies inside a longer one of the same province. A strict floor, which never counts one person twice (the largest total of figures whose territories and periods do not overlap), is ${strict}.`,
    perDay: ({ placements, year, perDay, days }) =>
      `The CCDI reports ${placements} placements in ${year}: ${perDay} a day (${placements} ÷ ${days} days).`,
    perCase: ({ perCase, cases }) => `That is ${perCase} placements per case filed (${cases} cases filed).`,
    stock: ({ days, held }) =>
      `With an average placement of ${days} days, ${held} people were held on an average day (placements per year × duration ÷ 365).`,
    monteCarlo: ({ draws, seed, ratio, base, spread, duration }) =>
      `${draws} draws from a generator seeded with ${seed}: the ratio drawn uniformly in ${ratio} once per draw for all years; ${base}; unreported months of a partial year at the reported months' rate × ${spread}; the average duration drawn in ${duration} days. Medians and 90% intervals (5th to 95th percentile), rounded to the hundred.`,
    bases: {
      both: "the base is categories 3 and 4 or category 4 alone, with equal chance",
      cat3_4: "the base is categories 3 and 4",
      cat4: "the base is category 4 alone",
    },
    monteCarloResult: ({ total, median, adjusted }) =>
      `Placements over the reported periods: median ${median} (90% interval ${total}); with partial years extended: ${adjusted}.`,
    sensitivity: ({ input }) =>
      `Moving one input at a time to the ends of its range, from a baseline at the middle of each range, the input that moves the adjusted total most is: ${input}.`,
    extrapolation: ({ name, count, period, population, national, around }) =>
      `A provincial count is scaled to the nation by population (count × national population ÷ provincial population). ${name}'s ${count} placements (${period}), in a province of ${population} million people, give ${national}, around ${around} nationwide.`,
    appendix:
      "The count is what the CCDI or a local commission for discipline inspection officially reported. Most figures cover neither a full calendar year nor the whole territory; some concern national campaigns running over several months.",
    legal:
      "How the submission maps each characteristic of liuzhi to the international provisions it violates (paragraphs 30 to 62).",
    method: "The options this report was built with, and the assumptions its methods read from the ledger.",
  },
  charts: {
    yearly: {
      title: "Estimated liuzhi placements per year",
      units: "people placed per year (partial years extended to a full year)",
      alt: "Band chart of the estimated placements in liuzhi per year, for each category base, with the official nationwide figures as points.",
    },
    cumulative: {
      title: "Cumulative liuzhi placements since 2018",
      units: "people placed, cumulative",
      alt: "Band chart of the cumulative estimated placements since 2018, with the Monte Carlo median and 90% interval of the total and the official floor.",
    },
    provinces: {
      title: "Provincial figures scaled to the nation",
      units: "national equivalent, people placed per year",
      alt: "Bar chart of each provincial placement figure scaled to the nation by population, per year of its period, with the official nationwide figure for comparison.",
    },
    band: (base) => `Ratio range, ${base}`,
    official: "Official nationwide figure",
    provincial: "Provincial figure scaled to the nation",
    floor: "Official floor (as published)",
    median: "Monte Carlo median",
    interval: "90% interval",
    source: (publishers) => `Source: Liuzhi Monitor, from official figures published by ${publishers}.`,
    dataDate: (date) => `Data up to ${date}.`,
    year: "Year",
  },
  footnote: { archived: "archived copy", noTitle: "" },
  capture: {
    captured: (date, sha256) => `captured on ${date} (SHA-256 ${sha256})`,
    capturedOn: "Captured on",
    sha256: "Capture SHA-256",
  },
  cases: {
    heading: "Documented cases against official figures",
    table: "Cases documented in the register next to the official placement count",
    sentence: (threshold) =>
      `Cases the register documents, by province and by the year the person was taken, next to the official placement count for the same province and calendar year. Aggregates only: no cell under ${threshold} cases is published, and further cells are withheld wherever a withheld one could be worked out from the totals; no name is ever published.`,
    jurisdiction: "Jurisdiction",
    year: "Year taken",
    documented: "Documented cases",
    official: "Official placements",
    officialPeriod: "Period (as printed)",
    share: "Documented share",
    suppressed: "suppressed",
    unknownYear: "unknown",
    total: "Total",
  },
  method: {
    generated: "Generated",
    software: "Software",
    draws: "Monte Carlo draws",
    seed: "Monte Carlo seed",
    dataDate: "Data up to",
    floorStart: "Floor counted from",
  },
};

const zh: Strings = {
  title: "留置：2018年3月以来的使用规模估算",
  subtitle: "留置监测（Liuzhi Monitor）根据官方数据编制的数据附件",
  generated: (date, version, draws, seed, dataDate) =>
    `由留置监测 ${version} 于${date}生成；数据截至${dataDate}；蒙特卡洛模拟 ${draws} 次，随机种子 ${seed}。`,
  intro: "本附件中的每个数字均由留置监测根据其数据账本中的官方数字计算得出；每个官方数字均以脚注注明其出处。",
  headings: {
    estimates: "留置使用规模的逐年估算",
    floor: "官方数字下限",
    rates: "比率",
    uncertainty: "不确定性",
    extrapolations: "省级数据外推",
    appendix: "附录一：留置使用的官方（部分）数据",
    legal: "国际法下的留置",
    method: "方法与假设",
    sources: "资料来源",
    footnotes: "注释",
  },
  tables: {
    estimates: "留置人数估算（将叶竹盛教授的比例应用于受处分人数）",
    floor: "计入下限的官方留置数字",
    rates: "每日留置人数、每立案留置人数及平均每日在押人数",
    uncertainty: "蒙特卡洛模拟：中位数与90%区间",
    sensitivity: "敏感性：各输入取其范围两端时的调整后合计",
    extrapolations: "按人口比例外推至全国的省级数字",
    appendix: "留置使用的官方（部分）数据",
    legal: "留置的特征及其违反的国际规定",
    assumptions: "假设",
  },
  columns: {
    period: "期间",
    punishedCat34: "第三、四种形态受处分人数",
    estimate: (base, ratio) => `留置人数（${base === "cat4" ? "第四种形态" : "第三、四种形态"}）${ratio}`,
    coverage: "数据范围",
    periodPrinted: "期间（原文）",
    count: "留置人数",
    inAsPublished: "按原文计算的下限",
    inStrict: "严格下限",
    year: "年份",
    placements: "留置人数",
    perDay: "每日",
    perCaseFiled: "每立案",
    heldAt: (days) => `平均每日在押人数（${days}天）`,
    measure: "估算",
    median: "中位数",
    p05: "第5百分位",
    p95: "第95百分位",
    input: "输入",
    low: "低端",
    high: "高端",
    totalAtLow: "低端调整后合计",
    totalAtHigh: "高端调整后合计",
    swing: "变动幅度",
    province: "省份",
    populationM: "人口（百万）",
    populationShare: "人口占比",
    nationalEquivalent: "全国等值",
    around: "约数",
    perYear: "全国等值（每年）",
    source: "来源",
    characteristic: "留置的特征",
    instrument: "国际文书",
    article: "条款",
    seedParagraph: "提交材料段落",
    id: "编号",
    description: "说明",
    unit: "单位",
    number: "注",
    publisher: "发布者",
    titleCol: "标题（原文）",
    titleLang: "语言",
    published: "发布日期",
    url: "网址",
    archivedUrl: "存档副本",
  },
  rows: {
    total: "合计",
    adjustedTotal: "调整后合计",
    extrapolation: (year) => `${year}年（全年外推）`,
    cumulative: "报告期间合计",
    adjustedCumulative: "调整后合计（不完整年份外推至全年）",
    heldOnAverageDay: (period) => `平均每日在押人数，${period}`,
    yes: "是",
    no: "否",
    nationwide: "全国",
    campaign: (what) => `专项行动——${what}`,
    sensitivityInput: (input) =>
      ({
        ratio: "比例",
        "category base": "处分形态基数",
        "annualization of partial years": "不完整年份的年化",
        "partial years extended": "不完整年份是否外推",
        "average duration (days)": "平均留置时长（天）",
      })[input] ?? input,
  },
  sentences: {
    ratio: ({ low, high, factor }) =>
      `叶竹盛教授估计，纪委调查的案件中有${low}至${high}使用了留置的前身“双规”；本表逐年将这一比例应用于第三、四种形态的受处分人数，以及仅第四种形态的人数，结果取整到百位。计算调整后合计时，不完整年份外推至全年（${factor}）。`,
    floor: ({ asPublished, start, used, all, strict }) =>
      `自${start}起，官方留置数字按提交材料的方法相加，至少为${asPublished}：计入${all}个数字中的${used}个，剔除留置入法前的试点数字、全国专项行动数字，以及期间落在同一省份更长期间之内的数字。严格下限从不重复计算同一人（选取辖区与期间互不重叠、合计最大的数字组合），为${strict}。`,
    perDay: ({ placements, year, perDay, days }) =>
      `中央纪委报告${year}年留置${placements}人：平均每日${perDay}人（${placements} ÷ ${days}天）。`,
    perCase: ({ perCase, cases }) => `即每立案一件留置${perCase}人（立案${cases}件）。`,
    stock: ({ days, held }) => `按平均留置${days}天计算，平均每日在押${held}人（每年留置人数 × 时长 ÷ 365）。`,
    monteCarlo: ({ draws, seed, ratio, base, spread, duration }) =>
      `以随机种子${seed}生成${draws}次抽样：比例在${ratio}之间均匀抽取，每次抽样对所有年份相同；${base}；不完整年份中未报告月份按已报告月份的速度 × ${spread}计算；平均时长在${duration}天之间抽取。结果为中位数及90%区间（第5至第95百分位），取整到百位。`,
    bases: {
      both: "基数以相同概率取第三、四种形态或仅第四种形态",
      cat3_4: "基数为第三、四种形态",
      cat4: "基数为仅第四种形态",
    },
    monteCarloResult: ({ total, median, adjusted }) =>
      `报告期间的留置人数：中位数${median}（90%区间${total}）；不完整年份外推至全年后：${adjusted}。`,
    sensitivity: ({ input }) =>
      `以各输入范围的中点为基准，每次只将一个输入移至其范围两端，对调整后合计影响最大的输入是：${input}。`,
    extrapolation: ({ name, count, period, population, national, around }) =>
      `省级数字按人口比例外推至全国（人数 × 全国人口 ÷ 该省人口）。${name}的${count}人（${period}），该省人口${population}百万，外推至全国为${national}人，约${around}人。`,
    appendix:
      "留置人数为中央纪委或地方纪委官方公布的数字。多数数字既不覆盖完整的日历年，也不覆盖全国；部分数字涉及持续数月的全国专项行动。",
    legal: "提交材料如何将留置的各项特征对应于其所违反的国际规定（第30至62段）。",
    method: "本报告的生成选项，以及各方法从数据账本中读取的假设。",
  },
  charts: {
    yearly: {
      title: "每年留置人数估算",
      units: "每年留置人数（不完整年份外推至全年）",
      alt: "带状图：按各处分形态基数估算的每年留置人数，官方全国数字以点表示。",
    },
    cumulative: {
      title: "2018年以来累计留置人数",
      units: "累计留置人数",
      alt: "带状图：2018年以来累计估算留置人数，附合计的蒙特卡洛中位数与90%区间及官方下限。",
    },
    provinces: {
      title: "外推至全国的省级数字",
      units: "全国等值，每年留置人数",
      alt: "条形图：各省留置数字按人口比例外推至全国后的每年人数，并附官方全国数字作比较。",
    },
    band: (base) => `比例范围，${base}`,
    official: "官方全国数字",
    provincial: "省级数字外推至全国",
    floor: "官方下限（按原文）",
    median: "蒙特卡洛中位数",
    interval: "90%区间",
    source: (publishers) => `来源：留置监测，根据以下机构公布的官方数字计算：${publishers}。`,
    dataDate: (date) => `数据截至${date}。`,
    year: "年份",
  },
  footnote: { archived: "存档副本", noTitle: "" },
  capture: {
    captured: (date, sha256) => `采集于${date}（SHA-256 ${sha256}）`,
    capturedOn: "采集日期",
    sha256: "采集文件SHA-256",
  },
  cases: {
    heading: "已记录个案与官方数字对照",
    table: "个案登记册中记录的个案与官方留置人数",
    sentence: (threshold) =>
      `个案登记册记录的个案，按省份及当事人被带走的年份统计，并列出同一省份、同一日历年的官方留置人数。仅公布汇总数字：少于${threshold}例的单元格一律不公布；凡可由合计推算出被隐藏数值的单元格，也一并隐藏；从不公布任何姓名。`,
    jurisdiction: "辖区",
    year: "被带走年份",
    documented: "已记录个案",
    official: "官方留置人数",
    officialPeriod: "期间（按原文）",
    share: "已记录比例",
    suppressed: "不公布",
    unknownYear: "不详",
    total: "合计",
  },
  method: {
    generated: "生成日期",
    software: "软件",
    draws: "蒙特卡洛抽样次数",
    seed: "蒙特卡洛随机种子",
    dataDate: "数据截至",
    floorStart: "下限起算日期",
  },
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { en, zh };

export function isLang(value: string): value is Lang {
  return (LANGS as ReadonlyArray<string>).includes(value);
}
