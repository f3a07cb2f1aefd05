import type { Observation } from "../core/index.ts";

/**
 * Does a cited figure still appear in a page? The quote is looked for when recorded (it is the
 * sentence as printed); otherwise the value in the ways Chinese pages write numbers.
 */

export interface FigureCheck {
  readonly observation_id: string;
  readonly looked_for: "quote" | "value";
  /** The strings looked for; any one found is enough. */
  readonly needles: ReadonlyArray<string>;
  readonly found: boolean;
}

/** Full-width digits and punctuation become ASCII, and whitespace goes: pages break lines anywhere. */
export function normaliseForSearch(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 26000 → "26000", "26,000", "2.6万"; 万 and 亿 forms only where they need at most two decimals. */
export function valueForms(value: number): string[] {
  const plain = String(value);
  const [whole = plain, fraction] = plain.split(".");
  const forms = [plain, `${withThousands(whole)}${fraction === undefined ? "" : `.${fraction}`}`];
  if (Number.isInteger(value) && value >= 10_000 && value % 100 === 0) forms.push(`${value / 10_000}万`);
  if (Number.isInteger(value) && value >= 100_000_000 && value % 1_000_000 === 0) forms.push(`${value / 1e8}亿`);
  return [...new Set(forms)];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A number is found only as a whole number: 26000 is not in 126000, nor in 26000.5. */
export function containsNumber(normalisedText: string, form: string): boolean {
  return new RegExp(`(?<![0-9]|[0-9][.,])${escapeRegExp(form)}(?![0-9]|[.,][0-9])`).test(normalisedText);
}

export function checkFigure(normalisedText: string, observation: Observation): FigureCheck {
  if (observation.quote !== null && observation.quote.trim() !== "") {
    const needle = normaliseForSearch(observation.quote);
    return {
      observation_id: observation.id,
      looked_for: "quote",
      needles: [observation.quote],
      found: normalisedText.includes(needle),
    };
  }
  const needles = valueForms(observation.value);
  return {
    observation_id: observation.id,
    looked_for: "value",
    needles,
    found: needles.some((form) => containsNumber(normalisedText, form)),
  };
}
