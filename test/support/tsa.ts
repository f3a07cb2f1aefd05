/**
 * A local RFC 3161 time-stamping authority for tests: its own CA and signing certificate made with
 * `openssl`, and `openssl ts -reply` behind an HTTP server on 127.0.0.1 (a free port). No network.
 * `npm test` installs openssl first (scripts/setup.js); without it this fails naming that step.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SETUP_COMMAND } from "./setup.ts";

export interface Tsa {
  /** The URL to POST time-stamp queries to. */
  readonly url: string;
  /** The CA certificate that signed the authority's certificate (PEM file). */
  readonly caFile: string;
  /** Queries answered so far. */
  readonly requests: () => number;
  stop(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`openssl is not installed. Install the suite's system tools with:\n  ${SETUP_COMMAND}`);
    }
    throw new Error(`openssl ${args.join(" ")} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
}

/** A CA (key and self-signed certificate) in `dir`, named `name`. */
export function makeCa(dir: string, name: string): string {
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
      "-days",
      "30",
      "-subj",
      `/CN=${name}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  return join(dir, `${name}.pem`);
}

/** Starts an authority whose signing certificate is issued by a fresh CA. */
export async function startTsa(): Promise<Tsa> {
  const dir = mkdtempSync(join(tmpdir(), "liuzhi-tsa-"));
  const caFile = makeCa(dir, "test-tsa-root");
  writeFileSync(
    join(dir, "ext.cnf"),
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n",
  );
  openssl(
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "tsa.key"].concat([
      "-out",
      "tsa.csr",
      "-subj",
      "/CN=Test TSA",
    ]),
    dir,
  );
  openssl(
    ["x509", "-req", "-in", "tsa.csr", "-CA", "test-tsa-root.pem", "-CAkey", "test-tsa-root.key"].concat([
      "-CAcreateserial",
      "-out",
      "tsa.pem",
      "-days",
      "30",
      "-extfile",
      "ext.cnf",
    ]),
    dir,
  );
  writeFileSync(join(dir, "serial"), "01\n");
  writeFileSync(
    join(dir, "tsa.cnf"),
    `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
serial = ${join(dir, "serial")}
crypto_device = builtin
signer_cert = ${join(dir, "tsa.pem")}
certs = ${caFile}
signer_key = ${join(dir, "tsa.key")}
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      count += 1;
      const query = join(dir, `q${count}.tsq`);
      const reply = join(dir, `r${count}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      try {
        openssl(["ts", "-reply", "-config", join(dir, "tsa.cnf"), "-queryfile", query, "-out", reply], dir);
        res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(readFileSync(reply));
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the TSA has no address");
  return {
    url: `http://127.0.0.1:${address.port}/tsr`,
    caFile,
    requests: () => count,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
