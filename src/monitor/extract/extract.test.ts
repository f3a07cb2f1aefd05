import { describe, expect, it } from "vitest";
import { untranslatedWords } from "../../../test/support/english-words.ts";
import { asTuple, corpus, readFixture, scoreCorpus, shippedNames } from "../../../test/support/monitor-corpus.ts";
import { publishedDate } from "../page.ts";
import { extractFigures } from "./extract.ts";
import { normalize } from "./normalize.ts";
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
    ["一季度", "2024-01-01", "2024-03-31"],
    ["年初以来", "2024-01-01", "2024-10-18"],
    ["前9个月", "2024-01-01", "2024-09-30"],
    ["2014年至2020年6月", "2014-01-01", "2020-06-30"],
    ["2015年以来", "2015-01-01", "2024-10-18"],
    ["天网2018", "2018-01-01", "2018-12-31"],
    ["“天网行动”开展以来", "2015-04-01", "2024-10-18"],
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

// Each misreading found on the real corpus (test/fixtures/monitor-real/texts/, tune split), with its sentence.
describe("real releases: whose figure", () => {
  // With no --jurisdiction: the page's own territory is read from the page.
  const page = (text: string, published: string | null = null) =>
    extractFigures(text, { published, jurisdiction: null, jurisdictions: names });
  const cells = (figures: ReturnType<typeof page>) =>
    figures.map((f) => [
      f.measure,
      f.jurisdiction,
      f.period_start,
      f.period_end,
      f.value,
      f.qualifier,
      f.unit,
      f.scope,
    ]);

  it("city-hangzhou-2017-pilot-liuzhi-yinchuan-reprint.txt: 全市 on a page naming Hangzhou is Hangzhou, not the nation nor Zhejiang", () => {
    const text =
      "杭州:全市已实施监察留置措施31人\n机构人员职能全面融合之后,杭州市严格对照全覆盖的要求。2017年,全市各级纪检监察机关立案审查2358件,同比上升14.1%;处分党员干部2323人、同比上升15.2%,463名党员干部被追究刑事责任,改革效能逐步彰显。";
    expect(cells(page(text, "2018-01-08"))).toEqual([
      ["cases_filed", "CN-ZJ-330100", "2017-01-01", "2017-12-31", 2358, "exact", "cases", "all"],
      ["punished_total", "CN-ZJ-330100", "2017-01-01", "2017-12-31", 2323, "exact", "people", "all"],
    ]);
  });
  it("city-anqing-2023q1-notice.txt: 全市 on a page that never names its city yields nothing (it was filed as national at 0.95)", () => {
    const text =
      "2023年第一季度,全市纪检监察机关共处置问题线索1080件,立案369件,处分334人(其中党纪处分315人、政务处分40人)。\n其中,运用第一种形态批评教育帮助663人次,占总人次的66%。";
    expect(page(text, "2023-04-28")).toEqual([]);
  });
  it("prov-hubei-2020-annual-chinanews-apdnews.txt: a province named with its organs, and the four forms listed with 分别", () => {
    const figures = page(
      "此外,湖北省各级纪检监察机关运用第一、二、三、四种形态分别处理45460人次、23134人次、3070人次、2737人次,其中第一、第二种形态占比达92.2%。",
      "2021-01-20",
    );
    // No period is printed in the sentence and none comes before it: nothing is guessed.
    expect(figures).toEqual([]);
    const withYear = page(
      "2020年,湖北省各级纪检监察机关处置问题线索78049件。\n此外,湖北省各级纪检监察机关运用第一、二、三、四种形态分别处理45460人次、23134人次、3070人次、2737人次,其中第一、第二种形态占比达92.2%。",
    );
    expect(withYear.map((f) => [f.measure, f.jurisdiction, f.value, f.unit])).toEqual([
      ["punished_cat1", "CN-HB", 45460, "person-times"],
      ["punished_cat2", "CN-HB", 23134, "person-times"],
      ["punished_cat3", "CN-HB", 3070, "person-times"],
      ["punished_cat4", "CN-HB", 2737, "person-times"],
    ]);
  });
  it("prov-fujian-2017-work-report-fingermedia-trad.txt: 第一種形態至第四種形態…分別為68%、22%、4%、6%, in traditional script", () => {
    const figures = page(
      "2017年,福建省全省紀檢監察機關深入學習貫徹黨的十九大精神。督促、指導各級紀委把握運用監督執紀“四種形態”,全省共運用“四種形態”處理60336人次,同比上升146.39%,第一種形態至第四種形態所占比例分別為68%、22%、4%、6%,實現由“懲治極少數”向“管住大多數”拓展。",
    );
    expect(figures.map((f) => [f.measure, f.jurisdiction, f.period_end, f.value])).toEqual([
      ["four_forms_total", "CN-FJ", "2017-12-31", 60336],
      ["four_forms_share_cat1", "CN-FJ", "2017-12-31", 68],
      ["four_forms_share_cat2", "CN-FJ", "2017-12-31", 22],
      ["four_forms_share_cat3", "CN-FJ", "2017-12-31", 4],
      ["four_forms_share_cat4", "CN-FJ", "2017-12-31", 6],
    ]);
  });
  it("prov-hebei-2021-congress-fugitives-garbled-trad.txt: 我省 on a Hebei page is Hebei, from 2015 to the publication date", () => {
    const text =
      "河北日?qǐng)?bào)訊(記者趙建)5月27日,省十三屆人大常委會(huì)第二十三次會(huì)議聽取了省監(jiān)察委員會(huì)關(guān)于開展反腐敗國際追逃追贓工作情況的報(bào)告。\n省監(jiān)委專項(xiàng)工作報(bào)告顯示,按照中央紀(jì)委國家監(jiān)委部署和省委要求,省委反腐敗協(xié)調(diào)小組追逃追贓工作協(xié)調(diào)機(jī)制充分發(fā)揮作用,省監(jiān)委依法履行職責(zé),推動(dòng)追逃追贓和防逃工作取得重要成果。2015年以來,我省共追回外逃人員256人。";
    // 中央紀委國家監委 named in passing just before does not make it a national figure.
    expect(cells(page(text, "2021-05-28"))).toEqual([
      ["forced_returns", "CN-HE", "2015-01-01", "2021-05-28", 256, "exact", "people", "all"],
    ]);
    expect(page(text, null)).toEqual([]); // no publication date: the span's end is not known
    // The converter's pinyin glosses (監(jiān)察) are read through; the quote and its offsets stay the page's.
    const [f] = page(text, "2021-05-28");
    expect(text.slice(f!.sentence.start, f!.sentence.end)).toBe("2015年以來,我省共追回外逃人員256人。");
    const glossed = page(
      "2021年,全省紀(jì)檢(jiǎn)監(jiān)察機(jī)關(guān)共立案1.2萬件。河北日?qǐng)?bào)訊",
      "2022-01-10",
    );
    expect(glossed.map((g) => [g.jurisdiction, g.value, g.quote])).toEqual([
      ["CN-HE", 12000, "2021年,全省紀(jì)檢(jiǎn)監(jiān)察機(jī)關(guān)共立案1.2萬件。"],
    ]);
  });
  it("ccdi-staff-2022-chinanews-glxcb-none.txt: figures about the commissions' own staff yield nothing", () => {
    expect(
      page(
        "中新社北京2月7日电 中央纪委国家监委7日通报2022年对纪检监察干部监督检查审查调查情况。数据显示,全国纪检监察机关对纪检监察干部立案2200余件,处分2300余人,移送司法机关110人。\n此外,全国纪检监察机关运用“四种形态”批评教育帮助和处理纪检监察干部1.79万人次。",
      ),
    ).toEqual([]);
  });
  it("prov-anhui-2017-political-discipline-none-trad.txt: cases of one kind (違反政治紀律) are not all cases", () => {
    expect(page("記者從省紀委了解到。 2017年,全省共立案審查違反政治紀律案件229件,處分348人。", "2018-01-31")).toEqual(
      [],
    );
  });
  it("ccdi-2025q3-epochtimes-reprint.txt: 41名高官被处分 counts senior officials only", () => {
    expect(
      page(
        "中共官场贪腐成风。最新数据显示,今年前三季度,90名省部级高官被立案,创二十大以来新高,其中41名高官被处分。去年同期,58名省部级高官被审查立案,去年全年有73名高官被查、被处分。",
        "2025-10-29",
      ),
    ).toEqual([]);
  });
});

describe("real releases: which period, which measure", () => {
  const page = (text: string, published: string | null = null) =>
    extractFigures(text, { published, jurisdiction: null, jurisdictions: names });

  it("ccdi-2024q3-commentary-gzhu.txt: 较之2023年同期 is January–September 2023, and 2024年 before the year ended is the part reported", () => {
    const figures = page(
      "在举报数量基本与去年同期持平的情况下,2024年1-9月,全国纪检监察机关共立案64.2万件,较之2023年同期立案47万件,增幅高达36.6%。\n从“四种形态”运用处理情况来看,2024年共计处理147.9万人,较2023年的119.6万人,增加将近30万人,增幅23.7%。",
      "2024-10-28",
    );
    expect(figures.map((f) => [f.measure, f.period_start, f.period_end, f.value, f.unit])).toEqual([
      ["cases_filed", "2024-01-01", "2024-09-30", 642000, "cases"],
      ["cases_filed", "2023-01-01", "2023-09-30", 470000, "cases"],
      ["four_forms_total", "2024-01-01", "2024-09-30", 1479000, "person-times"],
      ["four_forms_total", "2023-01-01", "2023-09-30", 1196000, "person-times"],
    ]);
    // What the reading had to assume is said, and costs confidence.
    expect(figures[2]!.confidence).toBeLessThan(0.9);
    expect(figures[2]!.reason).toMatch(/2024 had not ended when the page was published: read as '2024年1-9月'/);
    expect(figures[3]!.reason).toMatch(
      /unsure: the naming words '“四种形态”' come from the figure it is compared with/,
    );
  });
  it("党纪政务处分 (Party or government sanctions) is the count of people punished; inside a subset (扶贫领域) it is not", () => {
    expect(
      page("2019年，广东省纪检监察机关立案3.1万件，给予党纪政务处分2.7万人。").map((f) => [
        f.measure,
        f.jurisdiction,
        f.value,
      ]),
    ).toEqual([
      ["cases_filed", "CN-GD", 31000],
      ["punished_total", "CN-GD", 27000],
    ]);
    // prov-hubei-2020-annual-chinanews-apdnews.txt
    expect(
      page(
        "2020年,湖北省纪检监察机关持续深化扶贫领域腐败和作风问题专项治理。全省查处扶贫领域腐败和作风问题4512个,处理5722人,党纪政务处分1748人,移送司法机关28人。",
      ),
    ).toEqual([]);
  });
  it("an increase over the same months is not the same months' count", () => {
    const figures = page(
      "2022年上半年，全国纪检监察机关立案30.6万件，较去年同期增加3.5万件；立案数较去年同期增加3.5万件。",
      "2022-07-20",
    );
    expect(figures.map((f) => [f.measure, f.period_end, f.value])).toEqual([["cases_filed", "2022-06-30", 306000]]);
  });
  it("a breakdown introduced by a clause of its own, and bribe-givers transferred, are read as what they are", () => {
    const figures = page(
      "2022年上半年，全国纪检监察机关处分25.6万人。处分人员中，省部级干部21人，厅局级干部1,400人。2022年上半年，查处行贿人员8,733人，移送检察机关1,200人。",
      "2022-07-20",
    );
    expect(figures.map((f) => [f.measure, f.value, f.scope])).toEqual([
      ["punished_total", 256000, "all"],
      ["transfers_sent", 1200, "bribery-only"],
    ]);
  });
  it("skynet-2020-chinanews-zgzx.txt: “天网2020”行动 is the year 2020", () => {
    const [f] = page(
      "中新社北京2月22日电中央纪委国家监委网站22日发布的数据显示,“天网2020”行动共追回外逃人员1421人,其中“红通人员”28人,监察对象314人,追回赃款29.5亿元人民币。",
    );
    expect([f?.measure, f?.jurisdiction, f?.period_start, f?.period_end, f?.value]).toEqual([
      "forced_returns",
      "CN",
      "2020-01-01",
      "2020-12-31",
      1421,
    ]);
  });
  it("prov-guangdong-2017-fugitives-qingyuan.txt: 自2015年4月成立省追逃办以来 runs from April 2015 to the publication date", () => {
    const figures = page(
      "广东省坚持不懈推进追逃追赃工作见成效\n近日,记者从广东省委反腐败协调小组国际追逃追赃工作办公室获悉,自2015年4月成立省追逃办以来,全省共追回外逃人员368人,其中国家工作人员70人,位居全国前列。",
      "2017-08-29",
    );
    expect(figures.map((f) => [f.jurisdiction, f.period_start, f.period_end, f.value])).toEqual([
      ["CN-GD", "2015-04-01", "2017-08-29", 368],
    ]);
  });
  it("pilot-2017-liuzhi-orientaldaily-trad.txt: 一月至八月 in Chinese numerals; 截至八月 with no start is no period", () => {
    const [months] = findPeriods(normalize("今年一月至八月間"));
    expect(resolvePeriod(months!, null, "2017-11-06")).toEqual({ start: "2017-01-01", end: "2017-08-31" });
    expect(
      page(
        "全面從嚴治黨亦進一步強化,北京、山西、浙江截至八月召開近百次會議研究反腐,留置一百八十三人,限制出境六百三十三人,並對八十五人提出公訴。",
        "2017-11-06",
      ),
    ).toEqual([]);
  });
  it("city-hangzhou-2017-pilot-liuzhi-yinchuan-reprint.txt: a cut-off (截至2017年12月底) and 目前 print no start: nothing is borrowed", () => {
    expect(
      page(
        "2016年11月,党中央作出深化国家监察体制改革的重大决策部署。\n截至2017年12月底,全市已实施监察留置措施31人。\n目前,平均留置时间约43天,比原来纪委、检察院两家合计平均办案时间缩短了2/3。",
        "2018-01-08",
      ),
    ).toEqual([]);
  });
  it("ccdi-2025q3-cna-yahoo-trad.txt: 政務處分 is its own measure, and a bracketed gloss does not part a form from its count", () => {
    const figures = page(
      "在審查立案後，今年1至9月被處分者有67.7萬人，其中黨紀處分50.2萬人、政務處分22萬人；被處分省部級幹部41人。\n此外，今年1至9月，中國全國紀檢監察機關運用「四種形態」批評教育和處理137.6萬人次。其中，運用第一種形態（經常性批評教育、約談函詢）處理68.8萬人次，占50%。",
      "2025-10-29",
    );
    expect(figures.map((f) => [f.measure, f.period_end, f.value, f.printed])).toEqual([
      ["punished_total", "2025-09-30", 677000, "67.7萬人"],
      ["punished_party", "2025-09-30", 502000, "50.2萬人"],
      ["punished_government", "2025-09-30", 220000, "22萬人"],
      ["four_forms_total", "2025-09-30", 1376000, "137.6萬人次"],
      ["punished_cat1", "2025-09-30", 688000, "68.8萬人次"],
      ["four_forms_share_cat1", "2025-09-30", 50, "50%"],
    ]);
  });
  it("spp-2019-transfers-xinhua-govcn.txt: people the procuratorates received from the commissions, and prosecuted", () => {
    const figures = page(
      "新华社北京1月19日电(记者 陈菲)2019年,全国检察机关共受理各级监委移送审查起诉职务犯罪2万余人,同比上升约50%;已起诉1.8万余人,同比上升超过80%。",
    );
    expect(
      figures.map((f) => [f.measure, f.jurisdiction, f.period_end, f.value, f.qualifier, f.printed_precision]),
    ).toEqual([
      ["transfers_received", "CN", "2019-12-31", 20000, "at-least", 10000],
      ["transfers_prosecuted", "CN", "2019-12-31", 18000, "at-least", 1000],
    ]);
  });
  it("prov-beijing-2017-pilot-review-cyol-reprint.txt: 移送司法机关 and 追回在逃人员; 去年 needs the publication date", () => {
    const text =
      "与此同时,反腐败工作效率也明显提高。2017年,北京市纪委监委共移送司法机关89人。特别是国际追逃追赃工作取得历史性突破,去年共追回在逃人员32名,是2016年的2倍多,阻止11名有外逃嫌疑的党员干部出境。";
    expect(page(text).map((f) => [f.measure, f.jurisdiction, f.period_end, f.value])).toEqual([
      ["transfers_sent", "CN-BJ", "2017-12-31", 89],
    ]);
    // Never 2016 (a comparison in a later clause), never the 11 stopped at the border.
    expect(page(text, "2018-02-28").map((f) => [f.measure, f.jurisdiction, f.period_end, f.value])).toEqual([
      ["transfers_sent", "CN-BJ", "2017-12-31", 89],
      ["forced_returns", "CN-BJ", "2017-12-31", 32],
    ]);
  });
  it("full-width and digit-by-digit numerals (一〇一．二萬) read as printed", () => {
    expect(normalize("一〇一．二萬件")).toBe("101.2万件");
    expect(normalize("二〇二四年").length).toBe(5);
    expect(normalize("２．６万")).toBe("2.6万");
  });
});

describe("real releases: English reports", () => {
  const page = (text: string, published: string | null = null) =>
    extractFigures(text, { published, jurisdiction: null, jurisdictions: names });

  it("ccdi-2018h1-app-aajtv-en.txt: punished N officials during the first half of 2018; '28 of the punished' is a part", () => {
    const figures = page(
      " date 2018-07-19 BEIJING: China has punished 240,000 officials for discipline violations during the first half of 2018, the anti-graft authorities said Thursday.\n\nAccording to the announcement, 28 of the punished officials were at provincial level or above.",
      "2018-07-19",
    );
    expect(
      figures.map((f) => [f.measure, f.jurisdiction, f.period_start, f.period_end, f.value, f.printed_precision]),
    ).toEqual([["punished_total", "CN", "2018-01-01", "2018-06-30", 240000, 1]]);
    expect(figures[0]!.confidence).toBeGreaterThanOrEqual(0.8);
  });
  it("ccdi-2023-work-report-globaltimes-en.txt: filed … cases, detained … individuals, punishment on … people, Sky Net 2023", () => {
    const figures = page(
      "Eighty-seven Chinese mid-level officials were placed under inspection in 2023, a latest work report shows.\n\nNationwide, disciplinary and supervisory authorities filed 626,000 cases for investigation, detained 26,000 individuals, and imposed the Party disciplinary or administrative punishment on 610,000 people. In addition, 1,624 fugitives were repatriated through the Sky Net 2023 campaign.",
      "2024-02-26",
    );
    expect(figures.map((f) => [f.measure, f.period_end, f.value])).toEqual([
      ["cases_filed", "2023-12-31", 626000],
      ["liuzhi_placements", "2023-12-31", 26000],
      ["punished_total", "2023-12-31", 610000],
      ["forced_returns", "2023-12-31", 1624],
    ]);
    // The period of the first three comes from an earlier paragraph: said, and below 0.9.
    expect(figures[0]!.confidence).toBeLessThan(0.9);
    expect(figures[0]!.reason).toMatch(/period 'in 2023' taken from earlier in the text/);
  });
  it("ccdi-2025h1-chinadailyhk-en.txt: 'year-on-year' and 'from last year' are comparisons, not the figure's period", () => {
    const figures = page(
      "Authorities filed 521,000 cases for disciplinary and supervisory investigation during the first six months, up 28 percent from last year. Disciplinary actions were taken against 420,000 individuals, up 27 percent year-on-year.",
      "2025-07-22",
    );
    expect(figures.map((f) => [f.measure, f.period_start, f.period_end, f.value])).toEqual([
      ["cases_filed", "2025-01-01", "2025-06-30", 521000],
      ["punished_total", "2025-01-01", "2025-06-30", 420000],
    ]);
  });
  it("ccdi-2018h1-app-aajtv-en.txt: a pair printed 'respectively' for the same period of two earlier years", () => {
    const figures = page(
      "BEIJING: China has punished 240,000 officials for discipline violations during the first half of 2018, the anti-graft authorities said Thursday.\n\nAbout 163,000 and 210,000 officials were punished in the same period of 2016 and 2017, respectively. -APP",
      "2018-07-19",
    );
    expect(figures.map((f) => [f.period_start, f.period_end, f.value, f.qualifier])).toEqual([
      ["2018-01-01", "2018-06-30", 240000, "exact"],
      ["2016-01-01", "2016-06-30", 163000, "about"],
      ["2017-01-01", "2017-06-30", 210000, "about"],
    ]);
  });
  it("a sentence about a province is not read as nationwide", () => {
    expect(page("From 2017 to 2020, Zhejiang province brought back 823 fugitives.", "2021-06-01")).toEqual([]);
  });
  it("skynet-2018-ap-euronews-en.txt: 'more than 1,000' beside 1,335 for the same cell is a rounded restatement", () => {
    const figures = page(
      "BEIJING — More than 1,000 Chinese fugitives who fled abroad were returned to the country last year and more than $519 million in ill-gotten gains was recovered.\n\nThe party's anti-corruption watchdog said among the 1,335 returned were 307 party members or government employees.",
      "2019-01-11",
    );
    expect(figures.map((f) => [f.measure, f.period_end, f.value, f.qualifier])).toEqual([
      ["forced_returns", "2018-12-31", 1335, "exact"],
    ]);
  });
});

describe("real releases: when published", () => {
  it.each([
    [
      "ccdi-2020q1-notice-ecnu.txt",
      "中央纪委国家监委通报\n\n发布时间:2020-04-26\n\n2020年第一季度,全国纪检监察机关…",
      "2020-04-26",
    ],
    [
      "ccdi-2023-work-report-globaltimes-en.txt",
      "CHINA / SOCIETY\nPublished: Feb 26, 2024 04:32 AM\nPhoto: VCG",
      "2024-02-26",
    ],
    ["ccdi-2025h1-chinadailyhk-en.txt", "Published: 11:36, July 22, 2025\nPDF View", "2025-07-22"],
    ["ccdi-2021-annual-szhgh.txt", "中纪委:去年处分省部级干部36人\n2022-01-21\n作者: 记者", "2022-01-21"],
    // A founding date, an event or a cut-off in the prose is not the publication date.
    [
      "prov-beijing-2017-pilot-review-cyol-reprint.txt",
      "本报讯(记者 田国垒)北京市监委自2017年1月20日挂牌成立,距今已一年有余。",
      null,
    ],
    [
      "skynet-since-18th-congress-2017-trad.txt",
      "追逃追贓任務依然繁重。據統(tǒng)計,截至2017年3月31日,尚有外逃出境的國家工作人員365人。",
      null,
    ],
  ])("%s", (_file, text, date) => {
    expect(publishedDate(text, null)).toBe(date);
  });
  it("spp-2024-report-chinanews.txt: a mirror's stamp (发布时间:2024-11-30) gives way to the wire dateline (3月8日电)", () => {
    expect(
      publishedDate(
        "最高检:2023年检察机关已起诉职务犯罪1.8万人\n\n发布时间:2024-11-30 23:24:09 来源: sp20241130\n\n   中新网 3月8日电 最高检工作报告说,2023年,检察机关充分履行反腐败检察职责。",
        null,
      ),
    ).toBe("2024-03-08");
  });
  it("ccdi-2025q3-epochtimes-reprint.txt: a date stamped with its time near the top", () => {
    expect(
      publishedDate(
        "前三季90名中共省部级高官被查 远超去年总数\n2025-10-29 09:25:26 · chineseheadlinenews.com · 来源: 大纪元",
        null,
      ),
    ).toBe("2025-10-29");
  });
  it("the address's date (t20191210) when the page prints none", () => {
    expect(
      publishedDate("央视网消息: 记者从中央追逃办了解到", "http://news.youth.cn/jsxw/201912/t20191210_12139216.htm"),
    ).toBe("2019-12-10");
  });
});
