/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it receives, its text
 * decoded (quoted-printable, UTF-8) so a test reads what a person's mail program would show.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  readonly to: ReadonlyArray<string>;
  readonly subject: string;
  readonly text: string;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, "%25"));
}

export async function startSmtp(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => {
        data += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const [head = "", ...rest] = data.split(/\r?\n\r?\n/);
        const body = rest.join("\n\n");
        const qp = /Content-Transfer-Encoding: quoted-printable/i.test(head);
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? "",
          text: qp ? decodeQuotedPrintable(body) : Buffer.from(body, "latin1").toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
