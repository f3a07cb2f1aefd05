/** A valid observation row in the data package's columns (all text, as a CSV holds it): tests override what they test. */
export function observationRow(id: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id,
    measure: "liuzhi_placements",
    jurisdiction: "CN-YN",
    period_start: "2019-01-01",
    period_end: "2019-12-31",
    period_label: "2019",
    value: "100",
    qualifier: "exact",
    unit: "people",
    scope: "all",
    derivation: "published",
    source_id: "sd-2024-12-12",
    locator: "",
    quote: "",
    quote_lang: "",
    quote_en: "",
    note: "",
    ...overrides,
  };
}
