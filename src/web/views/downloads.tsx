/** The downloads view: the report files and the dashboard data, each named in the page's language. */
import type { DownloadKind } from "../i18n.ts";
import { DOWNLOADS } from "../types.ts";
import type { Ctx } from "./context.ts";
import { Inline } from "./inline.tsx";

/** What a file is: a report (its language and format), a data package file (its table), citations or checksums. */
function describe(d: (typeof DOWNLOADS)[number]): { kind: DownloadKind; lang: "en" | "zh" | null } {
  const report = /^report-(en|zh)\.(docx|xlsx|html|md)$/.exec(d.file);
  if (report) return { kind: report[2] as DownloadKind, lang: report[1] as "en" | "zh" };
  if (d.kind === "bibtex" || d.kind === "csl-json" || d.kind === "checksums") return { kind: d.kind, lang: null };
  const name = d.file.replace(/^data-package\//, "").replace(/\.(csv|json)$/, "");
  return { kind: name as DownloadKind, lang: null };
}

export function DownloadsView({ ctx }: { ctx: Ctx }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">{t.downloads}</h2>
      <p>{t.downloadsHelp}</p>
      <ul>
        {DOWNLOADS.map((d) => {
          const what = describe(d);
          return (
            <li key={d.file}>
              <a href={`downloads/${d.file}`} download>
                {t.downloadLabel(what.kind, what.lang)}
              </a>{" "}
              <code class="file">{d.file.replace(/^(data-package|citations)\//, "")}</code>
            </li>
          );
        })}
        <li>
          <a href="data/dashboard.json">{t.dataFile}</a>
        </li>
      </ul>
      <p class="small">
        <Inline text={t.api} />
      </p>
    </section>
  );
}
