/** The downloads view: the report files and the dashboard data. */
import { DOWNLOADS } from "../types.ts";
import type { Ctx } from "./context.ts";

export function DownloadsView({ ctx }: { ctx: Ctx }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">{t.downloads}</h2>
      <p>{t.downloadsHelp}</p>
      <ul>
        {DOWNLOADS.map((d) => (
          <li key={d.file}>
            <a href={`downloads/${d.file}`} download>
              {d.file}
            </a>
          </li>
        ))}
        <li>
          <a href="data/dashboard.json">{t.dataFile}</a>
        </li>
      </ul>
      <p class="small">{t.api}</p>
    </section>
  );
}
