import type { Measure } from "../../core/index.ts";
import { FORM_MEASURE, SHARE_MEASURE } from "./measures.ts";
import { parseNumber } from "./numbers.ts";
import type { Reading } from "./reading.ts";

/**
 * The four forms printed as one list: 运用第一、二、三、四种形态分别处理45460人次、23134人次、3070人次、
 * 2737人次; 第一种形态至第四种形态所占比例分别为68%、22%、4%、6%. Each value goes to its form, in
 * order, only when there are as many values as forms.
 */
const LIST =
  /(第[一二三四1-4](?:种形态)?(?:(?:、|和)第?[一二三四1-4](?:种形态)?){1,3}(?:种形态)?|第[一二三四1-4]种形态(?:至|到)第[一二三四1-4]种形态)([^。；;，,]{0,16}?)分别(?:处理|为|是|占)?((?:\d{1,7}(?:\.\d{1,3})?万?(?:人次|人|%)(?:、|和)?){2,4})/g;
const ITEM = /(\d{1,7}(?:\.\d{1,3})?万?)(人次|人|%)/g;
const ORDER = "一二三四";

function formsOf(words: string): string[] {
  const digits = [...words.matchAll(/[一二三四1-4]/g)].map((m) => (/\d/.test(m[0]) ? ORDER[Number(m[0]) - 1]! : m[0]));
  if (/至|到/.test(words) && digits.length === 2) {
    const from = ORDER.indexOf(digits[0]!);
    const to = ORDER.indexOf(digits[1]!);
    return from < to ? [...ORDER.slice(from, to + 1)] : [];
  }
  return digits;
}

/** Where the listed values stand in the sentence: the clause reader leaves them to `readLists`. */
export function listedRanges(s: string): Array<readonly [number, number]> {
  return [...s.matchAll(LIST)].map((m) => {
    const start = m.index + m[0].length - m[3]!.length;
    return [start, start + m[3]!.length] as const;
  });
}

export function readLists(s: string): Reading[] {
  const out: Reading[] = [];
  for (const m of s.matchAll(LIST)) {
    const forms = formsOf(m[1]!);
    const valuesAt = m.index + m[0].length - m[3]!.length;
    const items = [...m[3]!.matchAll(ITEM)];
    if (forms.length < 2 || items.length !== forms.length) continue;
    forms.forEach((form, i) => {
      const item = items[i]!;
      const parsed = parseNumber(item[1]!);
      const unit = item[2]!;
      if (!parsed) return;
      const count = FORM_MEASURE[form]!;
      const measure: Measure | undefined = unit === "%" ? SHARE_MEASURE[count] : count;
      if (!measure || (unit === "%" && parsed.value > 100)) return;
      const at = valuesAt + item.index;
      out.push({
        measure,
        unit: unit === "%" ? "percent" : "person-times",
        at,
        printedStart: at,
        printedEnd: at + item[0].length,
        value: parsed.value,
        precision: parsed.precision,
        rounded: parsed.rounded,
        token: item[1]!,
        printedUnit: unit,
        qualifier: "exact",
        qualifierWords: null,
        clause: m[0],
        clauseAt: m.index,
        confidence: 0.9,
        reasons: [
          [
            `'${m[1]}…分别' lists the forms in order: this is the ${i + 1}${["st", "nd", "rd", "th"][i]} value for the ${form === "一" ? "1st" : form === "二" ? "2nd" : form === "三" ? "3rd" : "4th"} form`,
            `“${m[1]}……分别”按顺序列出各形态：此为第${i + 1}个数，属第${form}种形态`,
          ],
        ],
      });
    });
  }
  return out;
}
