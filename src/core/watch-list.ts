import { field } from "./fields.ts";
import { issue } from "./issues.ts";
import { defineTable, type RowOf } from "./table.ts";

/** What a watch-list entry is: one release page, or a listing page whose release links are followed. */
export const WATCH_KINDS = ["page", "listing"] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/**
 * The monitor's watch list (data/watch-list.csv): the official pages `liuzhi watch` visits, who
 * publishes them, the territory they speak for, and how often to look. Reviewed like the ledger.
 */
export const watchList = defineTable({
  name: "watch-list",
  title: "Watch list",
  description:
    "The official pages the monitor visits for new releases (liuzhi watch): the page or listing, its publisher, the territory it speaks for, and how often to look.",
  primaryKey: "id",
  foreignKeys: [{ fields: "jurisdiction", reference: { resource: "jurisdictions", fields: "code" } }],
  fields: {
    id: field.text({ description: "Stable identifier of the entry.", pattern: "^[a-z0-9][a-z0-9-]*$" }),
    url: field.url({ description: "Address of the release page or of the listing page." }),
    kind: field.oneOf(WATCH_KINDS, {
      description: "page: the address is a release; listing: follow its links to release pages on the same site.",
    }),
    publisher: field.text({ description: "Who publishes it, in English (becomes the source's publisher)." }),
    publisher_zh: field.optionalText({ description: "The publisher's name as printed, in Chinese." }),
    jurisdiction: field.text({
      description:
        "Territory the publisher speaks for (jurisdictions.code): CN for the CCDI/NSC, CN-XX for a province's commission.",
    }),
    every_days: field.number({ description: "Look again after this many days (a whole number, at least 1)." }),
    link_pattern: field.optionalText({
      description:
        "Listing pages: only links whose address contains this text are release pages (empty: every link on the same site).",
    }),
    note: field.optionalText({ description: "Remarks." }),
  },
  check: (row) =>
    Number.isInteger(row.every_days) && row.every_days >= 1
      ? []
      : [{ column: "every_days", ...issue("wholeDaysAtLeastOne", { got: row.every_days }) }],
});

export type WatchEntry = RowOf<typeof watchList>;
