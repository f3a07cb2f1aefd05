/**
 * One spelling for matching: traditional characters to simplified, full-width digits and signs to
 * ASCII. Every replacement is one UTF-16 unit for one, so an offset in the normalised text is the
 * same offset in the original, and quotes are always cut from the original (traditional kept).
 */

const TRADITIONAL =
  "紀檢監機關處國運種態佔總員網動萬億餘約來廣東雲遼寧龍蘇陝肅貴內區慶審調報發時間兩對幹會線問題談話詢採數計違賄隊頓貪敗責歸緝贓較長黨務為與條屆並層級鄉縣鎮門條屬們團結統據聯從這個將於過實現開還進產業構醫療環衛輔導險規範權關係傳達專項組織領導師範範圍漢澤齊鮮興設點擊瀏覽覽繫體閱讀頁標瀋臺灣類蒙區區區級廳訪舉幫農";
const SIMPLIFIED =
  "纪检监机关处国运种态占总员网动万亿余约来广东云辽宁龙苏陕肃贵内区庆审调报发时间两对干会线问题谈话询采数计违贿队顿贪败责归缉赃较长党务为与条届并层级乡县镇门条属们团结统据联从这个将于过实现开还进产业构医疗环卫辅导险规范权关系传达专项组织领导师范范围汉泽齐鲜兴设点击浏览览系体阅读页标沈台湾类蒙区区区级厅访举帮农";

const MAP = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) MAP.set(TRADITIONAL[i]!, SIMPLIFIED[i]!);

/** Same length as `text`: traditional → simplified for the words the extractor reads; ０-９ → 0-9; full-width ％，．. */
export function normalize(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else if (ch === "％") out += "%";
    else if (ch === "．") out += ".";
    else if (ch === "　") out += " ";
    else out += MAP.get(ch) ?? ch;
  }
  return out;
}

/** True when the text holds traditional characters the extractor knows (for the reason it gives). */
export function looksTraditional(text: string): boolean {
  for (const ch of text) if (MAP.has(ch) && MAP.get(ch) !== ch) return true;
  return false;
}
