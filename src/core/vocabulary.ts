/**
 * Fixed vocabularies of the ledger. Each is an `as const` array; its type is derived from it,
 * and the one validator (`oneOf` in schema.ts) names the field and the allowed values.
 */

/** What an observation counts. */
export const MEASURES = [
  "liuzhi_placements",
  "punished_cat3_4",
  "punished_cat4",
  "punished_total",
  "punished_party",
  "four_forms_total",
  "punished_cat1",
  "punished_cat2",
  "punished_cat3",
  "four_forms_share_cat1",
  "four_forms_share_cat2",
  "four_forms_share_cat3",
  "four_forms_share_cat4",
  "cases_filed",
  "forced_returns",
  "liuzhi_duration_avg_days",
  "punished_government",
  "transfers_sent",
  "transfers_received",
  "transfers_prosecuted",
] as const;
export type Measure = (typeof MEASURES)[number];

/** Per measure: whether its value must be a whole number, and what it means. */
export const MEASURE_INFO: Readonly<Record<Measure, { readonly integer: boolean; readonly description: string }>> = {
  liuzhi_placements: {
    integer: true,
    description: "Placements into liuzhi (retention in custody) reported for the period.",
  },
  punished_cat3_4: {
    integer: true,
    description:
      "Handled under the 3rd and 4th of the 'four forms' (major sanctions and position adjustments; cases opened for serious violations and suspected crimes).",
  },
  punished_cat4: {
    integer: true,
    description: "Handled under the 4th form only (cases opened for serious violations and suspected crimes).",
  },
  punished_total: {
    integer: true,
    description: "People given Party or state (government) sanctions by discipline inspection and supervision organs.",
  },
  punished_party: {
    integer: true,
    description: "People given Party disciplinary sanctions (党纪处分), printed as part of punished_total.",
  },
  four_forms_total: {
    integer: true,
    description:
      "Handled under all four of the 'four forms' together (运用“四种形态”批评教育帮助和处理), in person-times.",
  },
  punished_cat1: {
    integer: true,
    description:
      "Handled under the 1st of the 'four forms' only (criticism and education, 批评教育帮助), in person-times.",
  },
  punished_cat2: {
    integer: true,
    description: "Handled under the 2nd of the 'four forms' only (light sanctions and organisational adjustments).",
  },
  punished_cat3: {
    integer: true,
    description: "Handled under the 3rd of the 'four forms' only (heavy sanctions and major position adjustments).",
  },
  four_forms_share_cat1: {
    integer: false,
    description: "Share of the 1st form in all four forms' person-times, in percent, as printed (占…%).",
  },
  four_forms_share_cat2: {
    integer: false,
    description: "Share of the 2nd form in all four forms' person-times, in percent, as printed.",
  },
  four_forms_share_cat3: {
    integer: false,
    description: "Share of the 3rd form in all four forms' person-times, in percent, as printed.",
  },
  four_forms_share_cat4: {
    integer: false,
    description: "Share of the 4th form in all four forms' person-times, in percent, as printed.",
  },
  cases_filed: { integer: true, description: "Cases filed (立案) by discipline inspection and supervision organs." },
  forced_returns: {
    integer: true,
    description: "People returned to China under Sky Net / Fox Hunt operations.",
  },
  liuzhi_duration_avg_days: { integer: false, description: "Average length of a liuzhi placement, in days." },
  punished_government: {
    integer: true,
    description:
      "People given government sanctions (政务处分) by supervision organs, printed as part of punished_total.",
  },
  transfers_sent: {
    integer: true,
    description:
      "People transferred by discipline inspection and supervision organs to the procuratorates for prosecution (移送检察机关), as the commission counts them.",
  },
  transfers_received: {
    integer: true,
    description:
      "People whose duty-crime cases the procuratorates received from the supervision commissions (受理各级监委移送职务犯罪), as the Supreme People's Procuratorate counts them.",
  },
  transfers_prosecuted: {
    integer: true,
    description:
      "People the procuratorates prosecuted (起诉) in duty-crime cases transferred by the supervision commissions, as the Supreme People's Procuratorate counts them.",
  },
};

/** What population or activity a count covers. */
export const SCOPES = [
  "all",
  "pilot",
  "campaign:law-enforcement",
  "campaign:bribery",
  "bribery-only",
  "sector",
  "closed-cases",
  "possibly-partial",
] as const;
export type Scope = (typeof SCOPES)[number];

/** The kind of count: the CCDI counts some measures in people, others in person-times (人次); shares in percent. */
export const UNITS = ["people", "person-times", "cases", "days", "percent"] as const;
export type Unit = (typeof UNITS)[number];

/** How the figure was stated: exactly, as a lower bound ("at least"), or approximately. */
export const QUALIFIERS = ["exact", "at-least", "about"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Whether the figure was published as such, or derived by arithmetic from a published table. */
export const DERIVATIONS = ["published", "derived"] as const;
export type Derivation = (typeof DERIVATIONS)[number];

/** The nation, provinces, and the prefecture-level cities and counties a page may speak for (never rolled into their province). */
export const JURISDICTION_LEVELS = ["country", "province", "prefecture", "county"] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** Languages of titles and quotations (BCP 47). */
export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
