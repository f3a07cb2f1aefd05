/**
 * The Chinese docx prints Simplified Chinese glyph forms in LibreOffice, not the Japanese ones.
 *
 * Debian's Noto CJK is a font collection: its Simplified (SC), Traditional (TC, HK), Japanese (JP)
 * and Korean (KR) faces share one outline table, and the PDF names every face "NotoSerifCJKjp"
 * whichever was used, so the embedded font's name proves nothing. What differs is the glyph chosen
 * for characters written differently in each region (直 骨 角 述 …). So a line of them is set in
 * our docx's own styles, and again with the styles switched to each other face and language; the
 * pages are rasterised with poppler and ours must differ from every other region's rendering —
 * which leaves Simplified Chinese.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { hasCommand, SETUP_COMMAND } from "./support/setup.ts";

/** Characters whose Simplified, Traditional, Japanese and Korean forms differ in Noto CJK. */
const REGION_VARIANTS = "直骨角述";
/** The other faces of the collection, with the language each is chosen for. */
const OTHER_FACES = [
  { face: "JP", lang: "ja-JP" },
  { face: "TC", lang: "zh-TW" },
  { face: "HK", lang: "zh-HK" },
  { face: "KR", lang: "ko-KR" },
] as const;

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeDir(dir));

/**
 * The docx with its body replaced by one large line of region-variant characters; its styles as
 * made, or with the East Asian face and language switched to another region's.
 */
async function variant(docx: Buffer, other?: (typeof OTHER_FACES)[number]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const document = await zip.file("word/document.xml")!.async("string");
  const bodyStart = document.indexOf("<w:body>") + "<w:body>".length;
  const sectPr = document.lastIndexOf("<w:sectPr");
  zip.file(
    "word/document.xml",
    `${document.slice(0, bodyStart)}<w:p><w:r><w:rPr><w:sz w:val="144"/></w:rPr><w:t>${REGION_VARIANTS}</w:t></w:r></w:p>${document.slice(sectPr)}`,
  );
  if (other) {
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toContain("Noto Serif CJK SC");
    expect(styles).toContain('w:eastAsia="zh-CN"');
    zip.file(
      "word/styles.xml",
      styles
        .replaceAll("Noto Serif CJK SC", `Noto Serif CJK ${other.face}`)
        .replaceAll('w:eastAsia="zh-CN"', `w:eastAsia="${other.lang}"`),
    );
  }
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("the Chinese docx in LibreOffice", () => {
  it("sets Chinese in Simplified Chinese glyph forms, not the Japanese, Traditional or Korean ones", {
    timeout: 900_000,
  }, async () => {
    if (!(hasCommand("soffice") && hasCommand("pdftoppm"))) {
      expect.fail(`LibreOffice and poppler are needed for this test; install them with: ${SETUP_COMMAND}`);
    }
    const report = join(dir, "zh.docx");
    const init = await liuzhi(["init", "--db", join(dir, "ledger.sqlite")], { cwd: dir });
    expect(init.status, init.stderr).toBe(0);
    const made = await liuzhi(
      [
        "report",
        "--format",
        "docx",
        "--lang",
        "zh",
        "--date",
        "2025-01-01",
        "--out",
        report,
        "--db",
        join(dir, "ledger.sqlite"),
      ],
      { cwd: dir },
    );
    expect(made.status, made.stderr).toBe(0);

    const docx = readFileSync(report);
    const names = ["ours", ...OTHER_FACES.map((f) => f.face)];
    const files = names.map((name) => join(dir, `glyphs-${name}.docx`));
    writeFileSync(files[0]!, await variant(docx));
    for (const [i, face] of OTHER_FACES.entries()) writeFileSync(files[i + 1]!, await variant(docx, face));
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...files,
      ],
      { stdio: "ignore", timeout: 600_000 },
    );
    const pixels = (name: string) => {
      const prefix = join(dir, `glyphs-${name}`);
      execFileSync("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-singlefile", `${prefix}.pdf`, prefix]);
      return readFileSync(`${prefix}.ppm`);
    };
    const ours = pixels("ours");
    expect(ours.length).toBeGreaterThan(1000);
    for (const { face } of OTHER_FACES) {
      const other = pixels(face);
      expect(other.length, `the ${face} page has the same size`).toBe(ours.length);
      expect(ours.equals(other), `our Chinese is drawn differently from Noto Serif CJK ${face}`).toBe(false);
    }
  });
});
