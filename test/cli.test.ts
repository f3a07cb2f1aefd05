/** The `liuzhi` command line run as a process: help, usage errors, the observations listing, choosing the database. */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../src/core/index.ts";
import {
  cliEnv,
  E2E_TIMEOUT,
  liuzhi,
  makeTempDir,
  type ObservationJson,
  readShippedCsv,
  removeDir,
} from "./helpers.ts";

const COMMANDS = [
  "observations",
  "import",
  "export",
  "init",
  "serve",
  "estimate",
  "floor",
  "user",
  "audit",
  "report",
  "case",
];
const shippedObservations = readShippedCsv("observations.csv").rows;
const shippedSources = new Map(readShippedCsv("sources.csv").rows.map((s) => [s.id!, s]));

let dir: string;
/** One ledger filled from the shipped data, shared by the read-only tests. */
let db: string;
beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "shared.sqlite");
  const init = await liuzhi(["init", "--db", db], { cwd: dir });
  expect(init.status, init.stderr).toBe(0);
});
afterAll(() => removeDir(dir));

describe("help and usage", { timeout: E2E_TIMEOUT }, () => {
  it("liuzhi --help lists every command and exits 0", async () => {
    const result = await liuzhi(["--help"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: liuzhi <command>/);
    for (const name of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
  });

  for (const name of COMMANDS) {
    it(`liuzhi ${name} --help prints its usage and options and exits 0`, async () => {
      const result = await liuzhi([name, "--help"], { cwd: dir });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: liuzhi ${name}\\b`));
      expect(result.stdout).toContain("--db FILE");
      expect(result.stdout).toContain("--help");
      expect(result.stderr).toBe("");
      // Help opens no database: nothing appears in the working directory.
      expect(existsSync(join(dir, "var"))).toBe(false);
    });
  }

  it("an unknown flag exits 2 with a message naming it", async () => {
    const result = await liuzhi(["observations", "--colour", "--db", db], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--colour");
    expect(result.stderr).toContain("Usage: liuzhi observations");
    expect(result.stdout).toBe("");
  });

  it("an unknown command exits 2 and lists the commands", async () => {
    const result = await liuzhi(["obsrvations"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("obsrvations");
    for (const name of COMMANDS) expect(result.stderr).toContain(name);
  });

  it("an unknown --format exits 2 naming the formats", async () => {
    const result = await liuzhi(["observations", "--format", "xml", "--db", db], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/'xml'.*table, csv, json/);
  });
});

describe("observations lists every observation with its source", { timeout: E2E_TIMEOUT }, () => {
  it("--format json: one object per observation, each with its source nested", async () => {
    const result = await liuzhi(["observations", "--format", "json", "--db", db], { cwd: dir });
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as ObservationJson[];
    expect(rows.map((o) => o.id).sort()).toEqual(shippedObservations.map((o) => o.id).sort());
    for (const o of rows) {
      const shipped = shippedSources.get(o.source_id);
      expect(o.source, o.id).toMatchObject({ id: o.source_id, url: shipped?.url || null });
      expect(typeof o.value).toBe("number");
    }
  });

  it("--format csv: the observation columns plus the source's, source_url among them", async () => {
    const result = await liuzhi(["observations", "--format", "csv", "--db", db], { cwd: dir });
    expect(result.status).toBe(0);
    const table = parseCsv(result.stdout);
    expect(table.header).toEqual(expect.arrayContaining([...readShippedCsv("observations.csv").header, "source_url"]));
    expect(table.rows.length).toBe(shippedObservations.length);
    for (const row of table.rows) {
      const source = shippedSources.get(row.source_id!);
      expect(source, row.id).toBeDefined();
      expect(row.source_url).toBe(source?.url);
      expect(row.source_publisher).toBe(source?.publisher);
      expect(row.source_title).toBe(source?.title);
    }
    // The rows are the shipped ones, value for value.
    const byId = new Map(table.rows.map((r) => [r.id, r]));
    for (const o of shippedObservations) expect(byId.get(o.id)?.value, o.id).toBe(o.value);
  });

  it("--format table (the default): a line per observation with its publisher", async () => {
    const result = await liuzhi(["observations", "--db", db], { cwd: dir });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id +measure +jurisdiction +period +value +scope +source$/);
    expect(lines.length).toBe(shippedObservations.length + 2);
    for (const o of shippedObservations) {
      const line = lines.find((l) => l.startsWith(`${o.id} `));
      expect(line, o.id).toBeDefined();
      expect(line).toContain(shippedSources.get(o.source_id!)?.publisher);
    }
  });

  it("--measure and --jurisdiction narrow the list", async () => {
    const result = await liuzhi(
      ["observations", "--format", "json", "--measure", "liuzhi_placements", "--jurisdiction", "CN-YN", "--db", db],
      { cwd: dir },
    );
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as ObservationJson[];
    const expected = shippedObservations.filter((o) => o.measure === "liuzhi_placements" && o.jurisdiction === "CN-YN");
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
  });
});

describe("choosing the database", { timeout: E2E_TIMEOUT }, () => {
  it("honours LIUZHI_DB, creating and filling the file it names", async () => {
    const cwd = join(dir, "env-cwd");
    const file = join(dir, "from-env.sqlite");
    mkdirSync(cwd);
    const result = await liuzhi(["observations", "--format", "json"], { cwd, env: cliEnv({ LIUZHI_DB: file }) });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`Created ${file}`);
    expect(existsSync(file)).toBe(true);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(shippedObservations.length);
    // Not the default file under var/ in the working directory.
    expect(existsSync(join(cwd, "var"))).toBe(false);
  });

  it("a missing --db file (in a missing folder) is created and filled from the shipped data", async () => {
    const file = join(dir, "new", "folder", "ledger.sqlite");
    const result = await liuzhi(["observations", "--format", "json", "--db", file], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`Created ${file} from the shipped data package`);
    expect(existsSync(file)).toBe(true);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(shippedObservations.length);
  });

  it("without --db or LIUZHI_DB, uses var/liuzhi.sqlite in the working directory", async () => {
    const cwd = join(dir, "default-cwd");
    mkdirSync(cwd);
    const result = await liuzhi(["observations", "--format", "json"], { cwd });
    expect(result.status).toBe(0);
    expect(existsSync(join(cwd, "var", "liuzhi.sqlite"))).toBe(true);
  });

  it("init refuses to overwrite an existing ledger (exit 2)", async () => {
    const result = await liuzhi(["init", "--db", db], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("already exists");
  });
});
