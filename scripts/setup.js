#!/usr/bin/env node
// The one place the suite's system tools are installed: `npm test` runs this before anything else.
// Tests never install anything; a test whose tool is missing fails naming this command.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

/** Each tool the suite uses: how to tell it is there, and the Debian package that brings it. */
const TOOLS = [
  { what: "Chromium (browser tests)", package: "chromium", present: () => existsSync("/usr/bin/chromium") },
  { what: "PostgreSQL (database suite)", package: "postgresql", present: () => postgresBin() },
  { what: "LibreOffice (docx to PDF)", package: "libreoffice-writer-nogui", present: () => onPath("soffice") },
  {
    what: "LibreOffice Calc (CSV downloads opened as a spreadsheet)",
    package: "libreoffice-calc-nogui",
    present: () => existsSync("/usr/lib/libreoffice/program/libsclo.so"),
  },
  { what: "poppler (PDF text and pages)", package: "poppler-utils", present: () => onPath("pdftotext") },
  { what: "Java (Nu HTML checker)", package: "default-jre-headless", present: () => onPath("java") },
  { what: "biber (biblatex data model)", package: "biber", present: () => onPath("biber") },
  { what: "pandoc (citeproc)", package: "pandoc", present: () => onPath("pandoc") },
  { what: "OpenSSL (RFC 3161 time-stamping)", package: "openssl", present: () => onPath("openssl") },
  { what: "Caddy (HTTPS reverse proxy of the deployment test)", package: "caddy", present: () => onPath("caddy") },
  {
    what: "systemd-analyze (the deployment's unit checked)",
    package: "systemd",
    present: () => onPath("systemd-analyze"),
  },
  {
    what: "WenQuanYi Micro Hei (Chinese chart PNGs)",
    package: "fonts-wqy-microhei",
    present: () => existsSync("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
  },
  {
    what: "Noto CJK fonts (Chinese PDF)",
    package: "fonts-noto-cjk",
    present: () => existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
  },
  {
    what: "Liberation fonts (the docx's Times New Roman, metric for metric, in LibreOffice)",
    package: "fonts-liberation2",
    present: () => existsSync("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
  },
  {
    what: "DejaVu fonts (PNG text)",
    package: "fonts-dejavu-core",
    present: () => existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
  },
];

function onPath(bin) {
  return spawnSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" }).status === 0;
}

function postgresBin() {
  const root = "/usr/lib/postgresql";
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`));
}

export const SETUP_COMMAND = "node scripts/setup.js";

const missing = TOOLS.filter((tool) => !tool.present());
if (missing.length === 0) {
  process.stdout.write("setup: every system tool the suite needs is installed\n");
  process.exit(0);
}
const packages = missing.map((tool) => tool.package);
const install = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(" ")}`;
process.stdout.write(`setup: missing ${missing.map((tool) => tool.what).join(", ")}\n`);
if (process.getuid?.() !== 0) {
  process.stderr.write(`setup: run as root:\n  ${install}\n`);
  process.exit(1);
}
const result = spawnSync("sh", ["-c", install], { stdio: "inherit" });
const still = TOOLS.filter((tool) => !tool.present());
if (result.status !== 0 || still.length > 0) {
  process.stderr.write(
    `setup: still missing ${still.map((t) => t.what).join(", ") || "nothing"}; try:\n  ${install}\n`,
  );
  process.exit(1);
}
process.stdout.write("setup: installed\n");
