/**
 * PNG from SVG without a browser: resvg (a Rust rasteriser shipped as a binary in its npm package)
 * with fonts Debian installs — DejaVu Sans for Latin text, WenQuanYi Micro Hei for Chinese. Micro
 * Hei draws mainland (Simplified Chinese) glyph forms, and resvg lays a chart out with it in about
 * a tenth of the time Noto Sans CJK takes (whose collection tables resvg reads for every line of
 * text: about a second per Chinese chart).
 */
import { existsSync } from "node:fs";
import { Resvg, type ResvgRenderOptions, renderAsync } from "@resvg/resvg-js";
import { CJK } from "./docx-layout.ts";
import type { Lang } from "./i18n.ts";

/** The font files a chart's PNG is drawn with, and the Debian package that installs each. */
export const PNG_FONTS = [
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", package: "fonts-dejavu-core", cjk: false },
  { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", package: "fonts-dejavu-core", cjk: false },
  { file: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", package: "fonts-wqy-microhei", cjk: true },
] as const;

const FAMILY: Readonly<Record<Lang, string>> = { en: "DejaVu Sans", zh: "WenQuanYi Micro Hei" };

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
 * What resvg is given for one SVG: the Latin fonts always, the Chinese font only when the SVG has
 * CJK text to draw. Throws naming the Debian
 * packages when a font is missing: a PNG drawn without its fonts would silently lose its text.
 */
function renderOptions(svg: string, lang: Lang, scale: number): ResvgRenderOptions {
  const needed = PNG_FONTS.filter((f) => !f.cjk || CJK.test(svg));
  const missing = needed.filter((f) => !existsSync(f.file)).map((f) => f.file);
  if (missing.length > 0) throw new Error(pngFontsMissingMessage(missing));
  return {
    font: {
      loadSystemFonts: false,
      fontFiles: needed.map((f) => f.file),
      defaultFontFamily: FAMILY[lang],
      sansSerifFamily: FAMILY[lang],
    },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    logLevel: "off",
  };
}

/** Renders a chart's SVG to PNG at `scale` times its own size (2 by default, sharp when printed). */
export function rasteriseSvg(svg: string, lang: Lang, scale = 2): Buffer {
  return new Resvg(svg, renderOptions(svg, lang, scale)).render().asPng();
}

/** rasteriseSvg off the main thread (resvg's own worker), so a report draws its charts side by side. */
export async function rasteriseSvgAsync(svg: string, lang: Lang, scale = 2): Promise<Buffer> {
  return (await renderAsync(svg, renderOptions(svg, lang, scale))).asPng();
}
