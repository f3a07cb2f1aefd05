import { readFileSync } from "node:fs";

/** The package's version, as printed in --version and recorded in run manifests. */
export const VERSION: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
