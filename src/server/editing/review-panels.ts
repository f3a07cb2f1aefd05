/**
 * Extra sections of the review page, shown between a change's values and the review forms. A panel
 * is a function of the change (and the page's view) returning markup, or nothing for changes it
 * has nothing to say about; add one to REVIEW_PANELS to show more beside the review form (for
 * example the source's own sentence next to the figure). Panels only read: they never write.
 */
import type { Change } from "../../review/index.ts";
import type { SafeHtml } from "./html.ts";
import type { View } from "./layout.ts";
import type { Operations } from "./operations.ts";

export type ReviewPanel = (change: Change, view: View, ops: Operations) => SafeHtml | null | Promise<SafeHtml | null>;

/** The panels, in the order they are shown. */
export const REVIEW_PANELS: ReviewPanel[] = [];

/** Every panel's markup for one change (panels with nothing to show are left out). */
export async function reviewPanels(change: Change, view: View, ops: Operations): Promise<SafeHtml[]> {
  const out: SafeHtml[] = [];
  for (const panel of REVIEW_PANELS) {
    const markup = await panel(change, view, ops);
    if (markup) out.push(markup);
  }
  return out;
}
