/**
 * One spelling for matching: traditional characters to simplified, full-width digits and signs to
 * ASCII. Every replacement is one UTF-16 unit for one, so an offset in the normalised text is the
 * same offset in the original, and quotes are always cut from the original (traditional kept).
 */

const TRADITIONAL =
  "紀檢監機關處國運種態佔總員網動萬億餘約來廣東雲遼寧龍蘇陝肅貴內區慶審調報發時間兩對幹會線問題談話詢採數計違賄隊頓貪敗責歸緝贓較長黨務為與條屆並層級鄉縣鎮門條屬們團結統據聯從這個將於過實現開還進產業構醫療環衛輔導險規範權關係傳達專項組織領導師範範圍漢澤齊鮮興設點擊瀏覽覽繫體閱讀頁標瀋臺灣類蒙區區區級廳訪舉幫農別華陽勝許馬書記論證讓認識說請議護變獲際優啟啓後裡裏號張劉楊趙陳黃孫吳鄭貫徹習紅懲維穩罰職財經濟預潔綱辦歷應遠邊適遞選遺潛滅溫滿當戰擴擔擬擺損掃揚換樣檔橫殺氣決況凈減準鐵錢銀錄錯階陸隨雜雙雖離難電頂順須頭額願顯風飛館驗鬥單嚴圖執堅場壓獎學寫帶廠復徵憲誤講譯負質費資購車軍載輕轉連週釋鑒陣隱韓響頒養驅劃創勞勢勵匯協卻參歲殘毀無熱爭狀獨獄畢異盜盡眾確碼禍稱積競節簡簽絕給綜緊編續羅義聲藝補裝製複覺觀訂訊討訓訴詞試詳語課諸謹紮剷籠聽衝紐緒鑿瞭嘗漲銷蹤跡縱讚賴辭亂僅倫側偵傷傾價儀兒冊剛勳壯夠奮嬰宮尋嶺巖幣彌彥徑憑戲擾攔敵斷殲滯濫爲犧猶獻畫礦禦稅穫窩糾紋純紗絡綫緣繼聰脅臟艱莊葉蔣蕭薦虧衆術襲視訛詐評該誠誘諮謝豐貞貸貿賀賠賺贈贖趨踐軌輯辯遲郵醜釐鍊鎖閣隸雞韋頗顧飢饑騙驚鬱鹽麥齒";
const SIMPLIFIED =
  "纪检监机关处国运种态占总员网动万亿余约来广东云辽宁龙苏陕肃贵内区庆审调报发时间两对干会线问题谈话询采数计违贿队顿贪败责归缉赃较长党务为与条届并层级乡县镇门条属们团结统据联从这个将于过实现开还进产业构医疗环卫辅导险规范权关系传达专项组织领导师范范围汉泽齐鲜兴设点击浏览览系体阅读页标沈台湾类蒙区区区级厅访举帮农别华阳胜许马书记论证让认识说请议护变获际优启启后里里号张刘杨赵陈黄孙吴郑贯彻习红惩维稳罚职财经济预洁纲办历应远边适递选遗潜灭温满当战扩担拟摆损扫扬换样档横杀气决况净减准铁钱银录错阶陆随杂双虽离难电顶顺须头额愿显风飞馆验斗单严图执坚场压奖学写带厂复征宪误讲译负质费资购车军载轻转连周释鉴阵隐韩响颁养驱划创劳势励汇协却参岁残毁无热争状独狱毕异盗尽众确码祸称积竞节简签绝给综紧编续罗义声艺补装制复觉观订讯讨训诉词试详语课诸谨扎铲笼听冲纽绪凿了尝涨销踪迹纵赞赖辞乱仅伦侧侦伤倾价仪儿册刚勋壮够奋婴宫寻岭岩币弥彦径凭戏扰拦敌断歼滞滥为牺犹献画矿御税获窝纠纹纯纱络线缘继聪胁脏艰庄叶蒋萧荐亏众术袭视讹诈评该诚诱咨谢丰贞贷贸贺赔赚赠赎趋践轨辑辩迟邮丑厘炼锁阁隶鸡韦颇顾饥饥骗惊郁盐麦齿";

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
  // Numerals written digit by digit (一〇一.二万, 二〇二四年) are Arabic digits in Chinese dress: one for one.
  return out.replace(
    /[〇一二三四五六七八九]{0,8}〇[〇一二三四五六七八九]{0,8}(?:\.[〇一二三四五六七八九]{1,4})?|[〇一二三四五六七八九]{1,8}\.[〇一二三四五六七八九]{1,4}(?=[万亿])/g,
    (run) => run.replace(/[〇一二三四五六七八九]/g, (d) => String("〇一二三四五六七八九".indexOf(d))),
  );
}

/** True when the text holds traditional characters the extractor knows (for the reason it gives). */
export function looksTraditional(text: string): boolean {
  for (const ch of text) if (MAP.has(ch) && MAP.get(ch) !== ch) return true;
  return false;
}
