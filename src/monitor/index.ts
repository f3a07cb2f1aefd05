/** The monitor: the watch list, visiting it, and turning new official releases into review drafts. */

export { runBackfill, savedSourceId } from "./backfill.ts";
export { type ExtractContext, extractFigures, type Figure, type JurisdictionName } from "./extract/index.ts";
export { pageTitle, publishedDate, releaseLinks, sourceIdFor } from "./page.ts";
export { type DraftMeta, observationId, type PlanItem, planDrafts } from "./plan.ts";
export { type ReleaseReading, readRelease } from "./read-release.ts";
export { proposeCapturedTitles, TITLE_AUTHOR, type TitleProposal } from "./titles.ts";
export { MONITOR_AUTHOR, runWatch, type WatchOptions, type WatchReport } from "./watch.ts";
export { readWatchList } from "./watch-list.ts";
