import { serve } from "@hono/node-server";
import { readLedger } from "../../ledger/index.ts";
import { createApp } from "../../server/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "Serve the API (and dashboard) over HTTP",
  options: {
    ...dbOption,
    port: { type: "string", valueName: "N", help: "TCP port (default 8080; 0 picks a free one)" },
    host: { type: "string", valueName: "HOST", help: "address to listen on (default 127.0.0.1)" },
  },
  examples: ["liuzhi serve --port 8080", "liuzhi serve --host 0.0.0.0 --port 80"],
  async run(args, io) {
    const port = Number(args.values.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`invalid --port '${String(args.values.port)}': expected a whole number from 0 to 65535`);
    }
    const hostname = (args.values.host as string | undefined) ?? "127.0.0.1";
    const ledger = await withLedger(args, io, readLedger);
    const app = createApp({ ledger, version: VERSION });
    return new Promise<number>((resolvePromise) => {
      const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        io.out(`Liuzhi Monitor is serving on http://${hostname}:${info.port}/\n`);
      });
      const stop = () => server.close(() => resolvePromise(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  },
};
