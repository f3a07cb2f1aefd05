import { describe, expect, it } from "vitest";
import { untranslatedWords } from "../../../test/support/english-words.ts";
import { asTuple, corpus, readFixture, scoreCorpus, shippedNames } from "../../../test/support/monitor-corpus.ts";
import { extractFigures } from "./extract.ts";
import { parseNumber } from "./numbers.ts";
import { findPeriods, resolvePeriod } from "./periods.ts";

const names = shippedNames();
const read = (text: string, published: string | null = "2024-10-18", jurisdiction = "CN") =>
  extractFigures(text, { published, jurisdiction, jurisdictions: names });
const one = (text: string, published?: string | null, jurisdiction?: string) => {
  const figures = read(text, published, jurisdiction);
  expect(figures, text).toHaveLength(1);
  return figures[0]!;
};

describe("numbers as printed", () => {
  it.each([
    ["3.8万", 38_000],
    ["87.7万", 877_000],
    ["一万二千", 12_000],
    ["1,335", 1_335],
    ["1，335", 1_335],
    ["26000", 26_000],
    ["0.4万", 4_000],
    ["4.76万", 47_600],
    ["1万2千", 12_000],
    ["两千三百", 2_300],
    ["一百零五", 105],
    ["十二", 12],
    ["1.2亿", 120_000_000],
  ])("%s is %d, with no floating-point drift", (token, value) => {
    expect(parseNumber(token)?.value).toBe(value);
  });
});

describe("qualifiers", () => {
  it.each([
    ["2023年，全国纪检监察机关共留置2.6万人。", 26_000, "exact"],
    ["2023年，全国纪检监察机关留置一万二千余人。", 12_000, "at-least"],
    ["2023年，全国纪检监察机关留置3000多人。", 3_000, "at-least"],
    ["2023年，全国纪检监察机关留置3000人以上。", 3_000, "at-least"],
    ["2023年，全国纪检监察机关留置近3000人。", 3_000, "about"],
    ["2023年，全国纪检监察机关留置约3000人。", 3_000, "about"],
    ["2023年，全国纪检监察机关留置3000人左右。", 3_000, "about"],
  ])("%s", (text, value, qualifier) => {
    const f = one(text);
    expect([f.measure, f.value, f.qualifier]).toEqual(["liuzhi_placements", value, qualifier]);
  });
});

describe("periods", () => {
  const period = (label: string, published = "2024-10-18") => {
    const [mention] = findPeriods(label);
    expect(mention, label).toBeDefined();
    return resolvePeriod(mention!, 2024, published);
  };
  it.each([
    ["2024年", "2024-01-01", "2024-12-31"],
    ["全年", "2024-01-01", "2024-12-31"],
    ["上半年", "2024-01-01", "2024-06-30"],
    ["第一季度", "2024-01-01", "2024-03-31"],
    ["第二季度", "2024-04-01", "2024-06-30"],
    ["第三季度", "2024-07-01", "2024-09-30"],
    ["第四季度", "2024-10-01", "2024-12-31"],
    ["前三季度", "2024-01-01", "2024-09-30"],
    ["1至9月", "2024-01-01", "2024-09-30"],
    ["1—9月", "2024-01-01", "2024-09-30"],
    ["1-9月", "2024-01-01", "2024-09-30"],
    ["2023年1至6月", "2023-01-01", "2023-06-30"],
    ["党的十八大以来", "2012-11-15", "2024-10-18"],
    ["今年以来", "2024-01-01", "2024-10-18"],
  ])("%s → %s..%s", (label, start, end) => {
    expect(period(label)).toEqual({ start, end });
  });

  it("a date is not a period, and a year without its period takes the sentence's year", () => {
    expect(findPeriods("发布时间：2024年10月18日")).toEqual([]);
    const f = one("2023年，全省纪检监察机关坚持严的基调，全年共立案4.76万件。", "2024-01-20", "CN-GD");
    expect([f.period_start, f.period_end, f.jurisdiction, f.value]).toEqual([
      "2023-01-01",
      "2023-12-31",
      "CN-GD",
      47_600,
    ]);
  });
});

describe("measures, units and territories", () => {
  it("reads the quarterly notice's sentence: cases, people punished and Party sanctions, not the breakdown by rank", () => {
    const figures = read(
      "2024年1至9月，全国纪检监察机关立案64.3万件，其中立案省部级干部58人；处分58.9万人（其中党纪处分50.1万人）。处分省部级干部49人，厅局级干部2,634人。",
    );
    expect(figures.map((f) => [f.measure, f.value, f.unit])).toEqual([
      ["cases_filed", 643_000, "cases"],
      ["punished_total", 589_000, "people"],
      ["punished_party", 501_000, "people"],
    ]);
  });

  it("reads the four forms by form, in person-times as printed, with their shares", () => {
    const figures = read(
      "2024年1至9月，运用第三种形态处理5.1万人次，占2.9%；运用第四种形态处理5.4万人次，占3.1%。同比增长12.5%。",
    );
    expect(figures.map((f) => [f.measure, f.value, f.unit])).toEqual([
      ["punished_cat3", 51_000, "person-times"],
      ["four_forms_share_cat3", 2.9, "percent"],
      ["punished_cat4", 54_000, "person-times"],
      ["four_forms_share_cat4", 3.1, "percent"],
    ]);
  });

  it("reads fugitives returned in either word order, and the span since the 18th Party Congress", () => {
    expect(asTuple(one("2018年全国共追回1335名外逃人员。"))).toEqual([
      "forced_returns",
      "CN",
      "2018-01-01",
      "2018-12-31",
      1335,
      "exact",
      "people",
      "all",
    ]);
    const since = one("党的十八大以来，全国共追回外逃人员一万二千余人。", "2024-02-25");
    expect([since.period_start, since.period_end, since.qualifier]).toEqual(["2012-11-15", "2024-02-25", "at-least"]);
    expect(read("2023年，全国新增外逃人员30人。")).toEqual([]);
  });

  it("takes the territory from the sentence or the publisher; a city's figures are the city's, an unknown city's none", () => {
    expect(one("2024年上半年，云南省纪检监察机关留置473人。").jurisdiction).toBe("CN-YN");
    expect(one("2024年上半年，全省纪检监察机关留置473人。", null, "CN-YN").jurisdiction).toBe("CN-YN");
    // Kunming is in the jurisdictions table: its figure is Kunming's, never rolled into Yunnan's.
    expect(one("2024年上半年，昆明市纪检监察机关留置96人。", null, "CN-YN").jurisdiction).toBe("CN-YN-530100");
    expect(read("2024年上半年，曲靖市纪检监察机关留置51人。", null, "CN-YN")).toEqual([]);
  });

  it("reads traditional script and keeps the quote as printed", () => {
    const f = one("2020年第一季度，全國紀檢監察機關立案10.4萬件。");
    expect([f.measure, f.value, f.quote, f.printed]).toEqual([
      "cases_filed",
      104_000,
      "2020年第一季度，全國紀檢監察機關立案10.4萬件。",
      "10.4萬件",
    ]);
  });

  it("names campaign scopes where the sentence does", () => {
    expect(one("2021年，全国纪检监察机关查处行贿人员，留置行贿人员5006人。").scope).toBe("campaign:bribery");
    expect(one("2021年，政法队伍教育整顿中留置2875人。").scope).toBe("campaign:law-enforcement");
  });

  it("gives a confidence and its reason; lower where the period comes from elsewhere in the text", () => {
    const [direct, inherited] = read("2024年1至9月，全国纪检监察机关留置1.5万人。其中，运用第四种形态处理5.4万人次。");
    expect(direct!.confidence).toBeGreaterThan(inherited!.confidence);
    expect(direct!.reason).toMatch(/period '2024年1至9月' stated in the sentence/);
    expect(inherited!.reason).toMatch(/taken from earlier in the text/);
    // The same reasons in Chinese, for the Chinese review page: no English word left in them.
    expect(direct!.reason_zh).toMatch(/期间“2024年1至9月”写在句中/);
    expect(inherited!.reason_zh).toMatch(/取自前文/);
    const none = { sources: [], jurisdictions: [], observations: [], assumptions: [] };
    for (const f of [direct!, inherited!]) expect(untranslatedWords(f.reason_zh, none)).toEqual([]);
  });
});

describe("the test corpus", () => {
  for (const entry of corpus()) {
    it(`${entry.file} (${entry.encoding}): the expected drafts`, () => {
      const { figures, published } = readFixture(entry);
      expect(published).toBe(entry.published);
      const got = figures.map(asTuple);
      // Every figure read is one a careful reader takes; the known miss is listed in the bench.
      for (const g of got) expect(entry.figures, JSON.stringify(g)).toContainEqual(g);
      // Every sentence quoted is in the text, at its offsets.
      for (const f of figures) expect(f.quote.length).toBe(f.sentence.end - f.sentence.start);
    });
  }

  it("no wrong value is ever proposed as exact; recall and precision stay high", () => {
    const score = scoreCorpus();
    expect(score.wrongExact).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe("hostile input", () => {
  // Unbounded numeral runs once made the number pattern backtrack for minutes; bounded, this takes about a second.
  it("a page of endless numerals, digits and separators ends, proposing nothing", { timeout: 60_000 }, () => {
    const text = `${"一二三四五六七八九十百千万亿".repeat(20_000)}人。${"1,".repeat(100_000)}件。${"9".repeat(200_000)}人次`;
    expect(read(`2024年，全国纪检监察机关留置${text}`)).toEqual([]);
  });
});
