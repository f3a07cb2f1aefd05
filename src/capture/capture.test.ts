import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, PDF_BYTES, startFixtureServer } from "../../test/support/fixture-server.ts";
import type { Observation, Source } from "../core/index.ts";
import { captureSources } from "./capture.ts";
import { checkSources } from "./check.ts";
import { defaultPolicy, HostGate } from "./fetch-with-policy.ts";
import { listCaptures, saveCapture } from "./store.ts";
import { verifyStore } from "./verify.ts";
import { checkWarcDigests, header, parseHttpBlock, parseWarc, sha256Hex } from "./warc.ts";

let server: FixtureServer;
let store: string;
beforeAll(async () => {
  server = await startFixtureServer();
  store = await mkdtemp(join(tmpdir(), "liuzhi-capture-"));
});
afterAll(async () => {
  await server.close();
  await rm(store, { recursive: true, force: true });
});

const source = (id: string, path: string | null): Source => ({
  id,
  publisher: "test",
  publisher_zh: null,
  title: null,
  title_zh: null,
  title_lang: null,
  published: null,
  url: path === null ? null : server.url(path),
  archived_url: null,
  cited_in: null,
  note: null,
});
const observation = (id: string, sourceId: string, value: number, quote: string | null = null) =>
  ({ id, source_id: sourceId, value, quote }) as Observation;
const options = (progress: string[] = []) => ({
  store,
  concurrency: 3,
  policy: defaultPolicy({
    timeoutMs: 2_000, // a 3 MB PDF over loopback on a loaded machine; the hang still ends
    retries: 1,
    backoffMs: 10,
    gate: new HostGate(5),
    // The fixture server is on loopback, which capture refuses unless told otherwise.
    allowPrivateAddresses: true,
  }),
  onProgress: (line: string) => progress.push(line),
});

describe("capture, check and verify against the loopback server", () => {
  it("captures each source as a valid WARC, reporting failures without stopping the others", async () => {
    const progress: string[] = [];
    const sources = [
      source("utf8", "/utf8"),
      source("gbk", "/gbk"),
      source("chain", "/r1"),
      source("gone", "/gone"),
      source("hang", "/hang"),
      source("pdf", "/big.pdf"),
      source("chunked", "/chunked"),
      source("no-url", null),
    ];
    const run = await captureSources(sources, options(progress));
    expect(run.captured.map((c) => [c.source_id, c.status])).toEqual([
      ["chain", 200],
      ["chunked", 200],
      ["gbk", 200],
      ["gone", 404],
      ["pdf", 200],
      ["utf8", 200],
    ]);
    expect(run.failed).toEqual([expect.objectContaining({ source_id: "hang", error: "timed out after 2000 ms" })]);
    expect(run.skipped).toEqual(["no-url"]);
    expect(progress).toHaveLength(7);
    expect(progress).toContainEqual(expect.stringMatching(/^\[\d\/7\] pdf 200 OK 3\.0 MB$/));

    for (const capture of run.captured) {
      const bytes = readFileSync(join(store, capture.warc.file));
      expect(sha256Hex(bytes)).toBe(capture.warc.sha256);
      const records = parseWarc(bytes);
      expect(checkWarcDigests(records)).toEqual([]);
      const types = records.map((r) => header(r, "WARC-Type"));
      expect(types[0]).toBe("warcinfo");
      expect(types.at(-1)).toBe("metadata");
      const responses = records.filter((r) => header(r, "WARC-Type") === "response");
      const final = parseHttpBlock(responses.at(-1)!.block);
      expect(header(responses.at(-1)!, "WARC-Payload-Digest")).toBe(`sha256:${capture.payload.sha256}`);
      expect(final.body.length).toBe(capture.payload.bytes);
    }
    const chain = run.captured.find((c) => c.source_id === "chain")!;
    expect(chain.redirects.map((r) => r.status)).toEqual([301, 302]);
    expect(chain.final_url).toBe(server.url("/r3"));
    const chainWarc = parseWarc(readFileSync(join(store, chain.warc.file)));
    expect(chainWarc.filter((r) => header(r, "WARC-Type") === "request")).toHaveLength(3);

    const gbk = run.captured.find((c) => c.source_id === "gbk")!;
    expect(gbk.text?.charset).toBe("gbk");
    expect(readFileSync(join(store, gbk.text!.file), "utf8")).toContain("云南留置");
    expect(run.captured.find((c) => c.source_id === "pdf")).toMatchObject({
      payload: { bytes: PDF_BYTES },
      text: null,
    });
  });

  it("keeps every capture of a changing page as its own version, and check reports the change", async () => {
    const changing = [source("changing", "/changing")];
    await captureSources(changing, options());
    await captureSources(changing, options());
    const versions = listCaptures(store, "changing");
    expect(versions).toHaveLength(2);
    expect(versions[0]!.payload.sha256).not.toBe(versions[1]!.payload.sha256);
    expect(versions[0]!.warc.file).not.toBe(versions[1]!.warc.file);

    const [report] = await checkSources(changing, [observation("c-1", "changing", 500)], options());
    expect(report).toMatchObject({ reachable: true, status: 200, changed: true, figures: [{ found: true }] });
    expect(report!.attention).toEqual([expect.stringMatching(/^changed since capture of /)]);
  });

  it("checks reachability and whether each figure still appears", async () => {
    const sources = [source("utf8", "/utf8"), source("gbk", "/gbk"), source("gone", "/gone"), source("hang", "/hang")];
    const observations = [
      observation("u-1", "utf8", 26000),
      observation("u-2", "utf8", 12345, "2019年全年留置 12345 人。"),
      observation("u-3", "utf8", 999),
      observation("g-1", "gbk", 1234),
    ];
    const progress: string[] = [];
    const reports = await checkSources(sources, observations, options(progress));
    const [utf8, gbk, gone, hang] = reports;
    expect(utf8!.changed).toBe(false);
    expect(utf8!.figures?.map((f) => [f.observation_id, f.found])).toEqual([
      ["u-1", true],
      ["u-2", true],
      ["u-3", false],
    ]);
    expect(utf8!.attention).toEqual(["figure not found: u-3"]);
    expect(gbk!.attention).toEqual([]);
    expect(gone!.attention).toContain("HTTP 404 Not Found");
    expect(hang).toMatchObject({
      reachable: false,
      failure: { kind: "timeout" },
      attention: ["unreachable (timeout)", "never captured"],
    });
    expect(progress).toHaveLength(4);
  });

  it("verify passes an untouched store and names a capture with one byte flipped", () => {
    const clean = verifyStore(store);
    expect(clean.problems).toEqual([]);
    expect(clean.captures).toBeGreaterThanOrEqual(8);
    const target = listCaptures(store, "gbk")[0]!;
    const path = join(store, target.warc.file);
    const bytes = readFileSync(path);
    bytes[bytes.length - 20]! ^= 0x01;
    writeFileSync(path, bytes);
    const report = verifyStore(store);
    expect(report.problems.map((p) => p.file)).toContain(target.warc.file);
    expect(report.problems[0]!.problem).toMatch(/does not match/);

    // Editing the index to record the tampered file's hash does not hide it: the file's name is its hash.
    const indexPath = join(store, target.index_file);
    const index = JSON.parse(readFileSync(indexPath, "utf8"));
    index.warc.sha256 = sha256Hex(bytes);
    writeFileSync(indexPath, JSON.stringify(index));
    const again = verifyStore(store).problems.filter((p) => p.file === target.warc.file);
    expect(again.map((p) => p.problem)).toContainEqual(expect.stringMatching(/does not match its name/));
  });

  it("never overwrites an earlier capture", () => {
    const meta = { ...listCaptures(store, "utf8")[0]! };
    const warc = Buffer.from("the same bytes twice");
    saveCapture(store, { warc, text: null }, meta);
    expect(() => saveCapture(store, { warc, text: null }, meta)).toThrow(/never overwrites an earlier one/);
  });
});
