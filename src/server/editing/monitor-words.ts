/**
 * The monitor evidence panel's words (monitor-evidence.ts), English and Simplified Chinese, one
 * object each with the same shape. Data (the page's address, the archived text, ids, hashes) is
 * shown as it is.
 */
import type { EditLang } from "./words.ts";

export interface MonitorWords {
  /** The panel's accessible name. */
  readonly evidence: string;
  readonly heading: string;
  readonly page: string;
  readonly archivedCopy: string;
  readonly captured: (at: string) => string;
  readonly confidence: string;
  readonly sentenceHeading: string;
  readonly wholeCopy: string;
  readonly cannotShow: (problem: string) => string;
  readonly problems: {
    readonly noStore: string;
    readonly noText: string;
    readonly notInStore: (file: string) => string;
    readonly hashChanged: (file: string) => string;
    readonly notAtPlace: string;
  };
  readonly conflict: string;
  readonly ledgerObservation: string;
  readonly draft: string;
  /** "… has 12; this release says 13 (13人)." around the links above. */
  readonly conflictValues: (theirs: number, ours: string, printed: string | null) => string;
  readonly proposeCorrected: string;
  readonly thenReject: string;
}

const en: MonitorWords = {
  evidence: "Evidence",
  heading: "Read by the monitor",
  page: "Page",
  archivedCopy: "Archived copy",
  captured: (at) => `captured ${at}, WARC SHA-256`,
  confidence: "Confidence",
  sentenceHeading: "The sentence in the archived copy",
  wholeCopy: "The whole archived copy",
  cannotShow: (problem) => `The archived copy cannot be shown: ${problem}. The sentence as recorded:`,
  problems: {
    noStore: "this server was started without a capture store",
    noText: "the capture has no text extraction",
    notInStore: (file) => `the archived copy ${file} is not in this server's capture store`,
    hashChanged: (file) => `the archived copy ${file} no longer has the SHA-256 recorded with the draft`,
    notAtPlace: "the sentence is not at its recorded place in it",
  },
  conflict: "Conflict:",
  ledgerObservation: "the ledger's observation",
  draft: "draft",
  conflictValues: (theirs, ours, printed) =>
    ` has ${theirs}; this release says ${ours}${printed ? ` (${printed})` : ""}.`,
  proposeCorrected: "Propose a corrected version",
  thenReject: " (then reject this draft with the reason).",
};

const zh: MonitorWords = {
  evidence: "证据",
  heading: "监测程序读取的内容",
  page: "网页",
  archivedCopy: "存档副本",
  captured: (at) => `存档于 ${at}，WARC 文件的 SHA-256 值为`,
  confidence: "可信度",
  sentenceHeading: "存档副本中的原句",
  wholeCopy: "存档副本全文",
  cannotShow: (problem) => `无法显示存档副本：${problem}。记录的原句如下：`,
  problems: {
    noStore: "本服务器启动时未指定存档库",
    noText: "该存档没有提取的文字",
    notInStore: (file) => `本服务器的存档库中没有存档副本 ${file}`,
    hashChanged: (file) => `存档副本 ${file} 的 SHA-256 值已与草稿记录的不同`,
    notAtPlace: "原句不在记录的位置",
  },
  conflict: "冲突：",
  ledgerObservation: "账本中的观测值",
  draft: "草稿",
  conflictValues: (theirs, ours, printed) =>
    `的数字是 ${theirs}；本次发布的数字是 ${ours}${printed ? `（${printed}）` : ""}。`,
  proposeCorrected: "提议更正后的版本",
  thenReject: "（然后驳回此草稿并写明理由）。",
};

export const MONITOR_WORDS: Readonly<Record<EditLang, MonitorWords>> = { en, zh };
