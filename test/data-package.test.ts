/**
 * The data package round trip, through the CLI: a fresh ledger exports exactly the shipped data/
 * folder, and export → init --empty → import → export gives the same bytes again.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeUtf8, parseCsv } from "../src/core/index.ts";
import { DATA_DIR, liuzhi, makeTempDir, observationsIn, removeDir } from "./helpers.ts";

interface FieldJson {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}
interface ResourceJson {
  name: string;
  path: string;
  profile?: string;
  format?: string;
  encoding?: string;
  schema: {
    fields: FieldJson[];
    primaryKey: string | string[];
    foreignKeys?: Array<{ fields: string | string[]; reference: { resource: string; fields: string | string[] } }>;
  };
}
interface PackageJson {
  profile: string;
  name: string;
  resources: ResourceJson[];
}

const TABLE_SCHEMA_TYPES = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any",
];
const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const readPackage = (dir: string) => JSON.parse(readFileSync(join(dir, "datapackage.json"), "utf8")) as PackageJson;
const readTable = (dir: string, path: string) => parseCsv(decodeUtf8(readFileSync(join(dir, path))));

let dir: string;
let first: string;
let second: string;
let imported: string;
beforeAll(async () => {
  dir = makeTempDir();
  first = join(dir, "first-export");
  second = join(dir, "second-export");
  const fresh = join(dir, "fresh.sqlite");
  imported = join(dir, "imported.sqlite");

  // A missing --db file is created from the shipped data; export it.
  const exported = await liuzhi(["export", "--format", "datapackage", "--out", first, "--db", fresh], { cwd: dir });
  expect(exported.status, exported.stderr).toBe(0);
  const init = await liuzhi(["init", "--empty", "--db", imported], { cwd: dir });
  expect(init.status, init.stderr).toBe(0);
  expect(await observationsIn(imported, dir)).toEqual([]);
  const imports = await liuzhi(["import", first, "--db", imported], { cwd: dir });
  expect(imports.status, imports.stderr).toBe(0);
  const again = await liuzhi(["export", "--out", second, "--db", imported], { cwd: dir });
  expect(again.status, again.stderr).toBe(0);
});
afterAll(() => removeDir(dir));

describe("data package round trip", () => {
  it("the export of a fresh ledger is byte-identical to the shipped data/ folder", () => {
    const files = readdirSync(first).sort();
    expect(files).toEqual(["datapackage.json", ...readPackage(DATA_DIR).resources.map((r) => r.path)].sort());
    for (const file of files) {
      expect(readFileSync(join(first, file)).equals(readFileSync(join(DATA_DIR, file))), file).toBe(true);
    }
  });

  it("export → init --empty → import → export gives byte-identical files", () => {
    const files = readdirSync(first).sort();
    expect(readdirSync(second).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
  });

  it("the import filled the empty ledger with every row of every table", async () => {
    for (const resource of readPackage(first).resources) {
      expect(readTable(second, resource.path).rows.length, resource.name).toBe(
        readTable(first, resource.path).rows.length,
      );
    }
    const observations = await observationsIn(imported, dir);
    expect(observations.length).toBe(readTable(DATA_DIR, "observations.csv").rows.length);
  });
});

describe("datapackage.json is a Tabular Data Package", () => {
  for (const [label, folder] of [
    ["shipped", () => DATA_DIR],
    ["exported", () => first],
  ] as const) {
    it(`${label}: resources with Table Schemas, keys that name fields, CSV headers equal to the fields`, () => {
      const pkg = readPackage(folder());
      expect(pkg.profile).toBe("tabular-data-package");
      expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
      expect(pkg.resources.map((r) => r.name).sort()).toEqual([
        "assumptions",
        "jurisdictions",
        "legal-regimes",
        "observations",
        "sources",
        "watch-list",
      ]);
      const fieldsOf = new Map(pkg.resources.map((r) => [r.name, r.schema.fields.map((f) => f.name)]));
      for (const resource of pkg.resources) {
        expect(resource.profile).toBe("tabular-data-resource");
        expect(resource.path).toBe(`${resource.name}.csv`);
        expect(resource.encoding).toBe("utf-8");
        const names = fieldsOf.get(resource.name)!;
        expect(names.length).toBeGreaterThan(0);
        expect(new Set(names).size).toBe(names.length);
        for (const field of resource.schema.fields) expect(TABLE_SCHEMA_TYPES).toContain(field.type);
        for (const key of asList(resource.schema.primaryKey)) expect(names).toContain(key);
        for (const fk of resource.schema.foreignKeys ?? []) {
          for (const f of asList(fk.fields)) expect(names, `${resource.name} foreign key`).toContain(f);
          const target = fieldsOf.get(fk.reference.resource);
          expect(target, `${resource.name} → ${fk.reference.resource}`).toBeDefined();
          for (const f of asList(fk.reference.fields)) expect(target).toContain(f);
        }
        expect(readTable(folder(), resource.path).header).toEqual(names);
      }
      // The observations reference both their jurisdiction and their source.
      const observations = pkg.resources.find((r) => r.name === "observations")!;
      expect(observations.schema.foreignKeys?.map((fk) => fk.reference.resource).sort()).toEqual([
        "jurisdictions",
        "sources",
      ]);
    });
  }

  it("shipped: every row keeps its table's schema (primary keys unique, foreign keys resolve, enums, required)", () => {
    const pkg = readPackage(DATA_DIR);
    const tables = new Map(pkg.resources.map((r) => [r.name, readTable(DATA_DIR, r.path)]));
    for (const resource of pkg.resources) {
      const rows = tables.get(resource.name)!.rows;
      const key = asList(resource.schema.primaryKey)[0]!;
      const keys = rows.map((r) => r[key]);
      expect(new Set(keys).size, `${resource.name}: unique ${key}`).toBe(keys.length);
      expect(keys, `${resource.name}: rows sorted by key`).toEqual([...keys].sort());
      for (const field of resource.schema.fields) {
        for (const [i, row] of rows.entries()) {
          const value = row[field.name] ?? "";
          const where = `${resource.name} row ${i + 1} ${field.name}`;
          if (field.constraints?.required) expect(value, where).not.toBe("");
          if (value === "") continue;
          if (field.constraints?.enum) expect(field.constraints.enum, where).toContain(value);
          if (field.constraints?.pattern) expect(value, where).toMatch(new RegExp(field.constraints.pattern));
          if (field.type === "date") expect(value, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (field.type === "number") expect(value, where).toMatch(/^\d+(\.\d+)?$/);
        }
      }
      for (const fk of resource.schema.foreignKeys ?? []) {
        const [from] = asList(fk.fields);
        const [to] = asList(fk.reference.fields);
        const targets = new Set(tables.get(fk.reference.resource)!.rows.map((r) => r[to!]));
        for (const row of rows) {
          const ref = row[from!];
          if (ref)
            expect(targets.has(ref), `${resource.name} ${row[key]} → ${fk.reference.resource} '${ref}'`).toBe(true);
        }
      }
    }
  });
});
