/**
 * PNG from SVG without a browser: resvg (a Rust rasteriser shipped as a binary in its npm package)
 * with the fonts Debian installs — DejaVu Sans for Latin text, Noto Sans CJK for Chinese. The
 * Chinese face is chosen by name ("Noto Sans CJK SC"), so that Chinese charts get Simplified
 * Chinese glyph forms, not the Japanese ones a font collection's first face would give.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import type { Lang } from "./i18n.ts";

/** The font files a chart's PNG is drawn with, and the Debian package that installs each. */
export const PNG_FONTS = [
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", package: "fonts-dejavu-core" },
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", package: "fonts-dejavu-core" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", package: "fonts-noto-cjk" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", package: "fonts-noto-cjk" },
] as const;

const FAMILY: Readonly<Record<Lang, string>> = { en: "DejaVu Sans", zh: "Noto Sans CJK SC" };

/** The font files that are missing (empty when a PNG can be drawn). */
export function missingPngFonts(): string[] {
  return PNG_FONTS.filter((f) => !existsSync(f.file)).map((f) => f.file);
}

/** What to tell a user whose machine lacks the fonts. */
export function pngFontsMissingMessage(missing: ReadonlyArray<string>): string {
  const packages = [...new Set(PNG_FONTS.filter((f) => missing.includes(f.file)).map((f) => f.package))];
  return `PNG needs the fonts ${missing.join(", ")}; install them with: apt-get install -y ${packages.join(" ")} (or use --format svg)`;
}

/**
 * Renders a chart's SVG to PNG at `scale` times its own size (2 by default, sharp when printed).
 * Throws naming the Debian packages when a font is missing: a PNG drawn without its fonts would
 * silently lose its text.
 */
export function rasteriseSvg(svg: string, lang: Lang, scale = 2): Buffer {
  const missing = missingPngFonts();
  if (missing.length > 0) throw new Error(pngFontsMissingMessage(missing));
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: PNG_FONTS.map((f) => f.file),
      defaultFontFamily: FAMILY[lang],
      sansSerifFamily: FAMILY[lang],
    },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    logLevel: "off",
  });
  return resvg.render().asPng();
}
