/**
 * Which territory a sentence speaks for: 全国纪检监察机关 → the nation; a province, city or county
 * named with its commission (云南省纪检监察机关, 杭州市纪委, 湖北省各级纪检监察机关) or as the
 * subject of a count (北京市共…) → its code; 全省/我省/省纪委, 全市/我市, 全县 → the page's own
 * territory of that level, found from the names the page prints (`homeOf`); a city or county the
 * jurisdictions table does not know → below what can be recorded (its figures are dropped, never
 * rolled into the province).
 */
export interface JurisdictionName {
  readonly code: string;
  /** Simplified Chinese name without 省/市/自治区/县 (jurisdictions.name_zh). */
  readonly name_zh: string;
  /** country, province, prefecture or county (jurisdictions.level); guessed from the code when absent. */
  readonly level?: string;
}

export type Level = "country" | "province" | "prefecture" | "county";

export type JurisdictionReading =
  | {
      readonly kind: "found";
      readonly code: string;
      readonly at: number;
      readonly words: string;
      readonly subject: boolean;
    }
  /** 全省, 我市, 县纪委…: the page's own territory of that level (省 → province, 市 → a city or a municipality). */
  | {
      readonly kind: "relative";
      readonly level: "省" | "市" | "县" | "区";
      readonly at: number;
      readonly words: string;
    }
  | { readonly kind: "local"; readonly at: number; readonly words: string };

const ORGANS = "(?:各级)?(?:纪检监察机关|纪检监察机构|纪委监委|纪委|监委|监察委员会|纪检监察系统|监察机关)";
const SUFFIX = "(?:省|市|县|区|壮族自治区|回族自治区|维吾尔自治区|自治区|白族自治州|自治州|州)?";
/** The four municipalities are provinces: 全市 on their pages is the province. */
const MUNICIPALITIES = new Set(["CN-BJ", "CN-SH", "CN-TJ", "CN-CQ"]);

export const levelOf = (n: JurisdictionName): Level =>
  n.level === "country" || n.level === "province" || n.level === "prefecture" || n.level === "county"
    ? n.level
    : n.code === "CN"
      ? "country"
      : /^CN-[A-Z]{2}$/.test(n.code)
        ? "province"
        : /00$/.test(n.code)
          ? "prefecture"
          : "county";

const named = (names: ReadonlyArray<JurisdictionName>) => names.filter((n) => n.code !== "CN" && n.name_zh !== "");

/** Every mention of a territory in `text` (normalised), left to right. */
export function findJurisdictions(text: string, names: ReadonlyArray<JurisdictionName>): JurisdictionReading[] {
  const found: JurisdictionReading[] = [];
  for (const m of text.matchAll(
    /全国(?:各级)?(?:纪检监察机关|纪检监察系统|检察机关|监察机关)?|中央纪委国家监委|中央纪委|国家监委/g,
  )) {
    found.push({ kind: "found", code: "CN", at: m.index, words: m[0], subject: m[0].startsWith("全国") });
  }
  for (const m of text.matchAll(
    new RegExp(`(?:全|我|本)(省|市|县|区)(?!委|长|级|属|管|直)|(?<![\\u4e00-\\u9fa5])(省|市|县)${ORGANS}`, "g"),
  )) {
    found.push({ kind: "relative", level: (m[1] ?? m[2]) as "省" | "市" | "县", at: m.index, words: m[0] });
  }
  const known = named(names);
  for (const n of known) {
    for (const m of text.matchAll(new RegExp(`${n.name_zh}${SUFFIX}(?:${ORGANS}|共|各级|全省|全市)`, "g"))) {
      found.push({ kind: "found", code: n.code, at: m.index, words: m[0], subject: true });
    }
  }
  // A city, prefecture, district or county's organs the table does not know: below what can be recorded.
  for (const m of text.matchAll(new RegExp(`([\\u4e00-\\u9fa5]{1,6}?)(市|州|县|区|盟)${ORGANS}`, "g"))) {
    const name = m[1]!;
    if (/^[全我本]$/.test(name) || /^(?:省|市|县)/.test(name)) continue;
    if (known.some((n) => name === n.name_zh || name.endsWith(n.name_zh) || name.endsWith(`${n.name_zh}省`))) continue;
    found.push({ kind: "local", at: m.index, words: m[0] });
  }
  // One reading per place: a named territory wins over a relative or local reading starting inside it.
  found.sort((a, b) => a.at - b.at || (a.kind === "found" ? -1 : 1));
  return found.filter((r, i) => i === 0 || r.at >= found[i - 1]!.at + found[i - 1]!.words.length || r.kind === "found");
}

/**
 * The page's own territory at the level 全省/全市/全县 speak of: the one of that level the page names
 * most often (a 全市 on a Beijing page is Beijing). Null when the page names none: the figure's
 * territory is then unknown, and it is not proposed.
 */
export function homeOf(
  text: string,
  names: ReadonlyArray<JurisdictionName>,
  level: "省" | "市" | "县" | "区",
): { code: string; name: string } | null {
  const fits = (n: JurisdictionName) => {
    const l = levelOf(n);
    if (level === "省") return l === "province" && !MUNICIPALITIES.has(n.code);
    if (level === "市") return l === "prefecture" || MUNICIPALITIES.has(n.code);
    if (level === "县") return l === "county";
    return l === "county" || (l === "province" && /^CN-(GX|XZ|NX|XJ|NM)$/.test(n.code));
  };
  let best: { code: string; name: string; count: number; first: number } | null = null;
  for (const n of named(names)) {
    if (!fits(n)) continue;
    let count = 0;
    let first = -1;
    for (let at = text.indexOf(n.name_zh); at >= 0; at = text.indexOf(n.name_zh, at + n.name_zh.length)) {
      if (first < 0) first = at;
      count++;
    }
    if (count > 0 && (!best || count > best.count || (count === best.count && first < best.first)))
      best = { code: n.code, name: n.name_zh, count, first };
  }
  return best ? { code: best.code, name: best.name } : null;
}
