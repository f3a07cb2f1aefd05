/**
 * PNG from SVG without new dependencies: through headless Chromium when /usr/bin/chromium exists.
 * Also a plain white PNG of a given size, the fallback a docx SVG image needs when no rasteriser is
 * available (Word and LibreOffice show the SVG itself).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { svgSize } from "./charts.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_MISSING = `PNG needs headless Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium (or use --format svg)`;

export function canRasterise(): boolean {
  return existsSync(CHROMIUM);
}

/** Renders the SVG to PNG at its own size with headless Chromium; throws naming the install command when it is missing. */
export function rasteriseSvg(svg: string): Buffer {
  if (!canRasterise()) throw new Error(CHROMIUM_MISSING);
  const { width, height } = svgSize(svg);
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-png-"));
  try {
    const page = join(dir, "chart.html");
    const out = join(dir, "chart.png");
    writeFileSync(page, `<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
    execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        `--window-size=${width},${height}`,
        `--screenshot=${out}`,
        `file://${page}`,
      ],
      { stdio: "ignore", timeout: 60_000 },
    );
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A white, opaque PNG of the given size (8-bit greyscale). */
export function blankPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
