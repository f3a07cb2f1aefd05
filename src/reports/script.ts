/**
 * Which Chinese script a title is written in, for its language tag (zh-Hans or zh-Hant): the ledger
 * records only "zh". Told by the characters that differ between the two scripts, common ones in
 * official and news titles; a title with neither kind (every character shared) is Simplified,
 * as mainland sources are.
 */

/** Pairs of a Simplified character and its Traditional form, one pair per two characters. */
const PAIRS =
  "国國会會这這个個时時说說对對开開关關与與为為处處纪紀检檢监監员員们們来來后後发發经經实實现現动動进進过過还還" +
  "样樣问問题題长長门門间間东東车車书書学學点點万萬亿億岁歲级級调調严嚴规規范範办辦结結贪貪试試验驗记記录錄报報" +
  "网網页頁华華产產党黨务務军軍区區县縣体體决決将將应應从從众眾传傳干幹构構机機关關认認识識议議论論权權视視观觀" +
  "组組织織济濟际際审審计計财財贿賄赂賂罚罰职職责責质質资資边邊达達运運远遠选選团團围圍图圖围圍场場坏壞压壓";

const SIMPLIFIED = new Set<string>();
const TRADITIONAL = new Set<string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  SIMPLIFIED.add(PAIRS[i]!);
  TRADITIONAL.add(PAIRS[i + 1]!);
}

/**
 * "Hant" when the text has more Traditional-only than Simplified-only characters, else "Hans".
 * @example chineseScript("中國前3季90名省部級高幹被立案") // "Hant"
 */
export function chineseScript(text: string): "Hans" | "Hant" {
  let simplified = 0;
  let traditional = 0;
  for (const c of text) {
    if (SIMPLIFIED.has(c)) simplified += 1;
    else if (TRADITIONAL.has(c)) traditional += 1;
  }
  return traditional > simplified ? "Hant" : "Hans";
}
