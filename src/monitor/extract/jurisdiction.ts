/**
 * Which territory a sentence speaks for: 全国纪检监察机关 → the nation; a province named with its
 * commission (云南省纪检监察机关, 广东省纪委监委) → that province; 全省/全区/全市 → the publisher's own
 * province; a city or county's organs → below the provinces, which the ledger does not record.
 */

export interface JurisdictionName {
  readonly code: string;
  /** Simplified Chinese name without 省/市/自治区 (jurisdictions.name_zh). */
  readonly name_zh: string;
}

export type JurisdictionReading =
  | { readonly kind: "found"; readonly code: string; readonly at: number; readonly words: string }
  | { readonly kind: "local"; readonly at: number; readonly words: string };

const ORGANS = "(?:各级)?(?:纪检监察机关|纪委监委|纪委|监委|纪检监察系统)";
const SUFFIX = "(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)?";

/** Every mention of a territory in `text` (normalised), left to right. */
export function findJurisdictions(
  text: string,
  names: ReadonlyArray<JurisdictionName>,
  home: string,
): JurisdictionReading[] {
  const found: JurisdictionReading[] = [];
  for (const m of text.matchAll(/全国(?:各级)?(?:纪检监察机关|纪检监察系统)?|中央纪委国家监委|中央纪委|国家监委/g)) {
    found.push({ kind: "found", code: "CN", at: m.index, words: m[0] });
  }
  for (const m of text.matchAll(new RegExp(`全(?:省|区|市)${ORGANS}|(?<![\\u4e00-\\u9fa5])(?:省|区)${ORGANS}`, "g"))) {
    found.push({ kind: "found", code: home, at: m.index, words: m[0] });
  }
  const provinces = names.filter((n) => n.code !== "CN" && n.name_zh !== "");
  for (const n of provinces) {
    for (const m of text.matchAll(new RegExp(`${n.name_zh}${SUFFIX}${ORGANS}`, "g"))) {
      found.push({ kind: "found", code: n.code, at: m.index, words: m[0] });
    }
  }
  // A city, prefecture or county's organs: a name ending in 市/州/县/区/盟 that is not a province.
  for (const m of text.matchAll(new RegExp(`([\\u4e00-\\u9fa5]{1,6}?)(市|州|县|区|盟)${ORGANS}`, "g"))) {
    const name = m[1]!;
    if (name.startsWith("全") || provinces.some((n) => name.endsWith(n.name_zh) || name === n.name_zh)) continue;
    found.push({ kind: "local", at: m.index, words: m[0] });
  }
  return found.sort((a, b) => a.at - b.at);
}
