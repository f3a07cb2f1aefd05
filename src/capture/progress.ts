/** Progress of a long run, one line per source done, for stderr. */
export type Progress = (line: string) => void;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "[3/42] ccdi-20190108-186564 200 OK 12 KB" */
export function progressLine(done: number, total: number, id: string, outcome: string, bytes?: number): string {
  return `[${done}/${total}] ${id} ${outcome}${bytes === undefined ? "" : ` ${formatBytes(bytes)}`}`;
}
