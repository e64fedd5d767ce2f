// A local SMTP server for contact-point tests (smtp-server on 127.0.0.1, port chosen by the OS): plain SMTP
// (STARTTLS disabled: the package's built-in certificate has expired), optional username/password auth,
// every message kept raw and parsed by mailparser.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** the authenticated user, if any */
  user: string | undefined;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  host: "127.0.0.1";
  port: number;
  messages: ReceivedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpReceiver(auth?: { username: string; password: string }): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    disableReverseLookup: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.username && credentials.password === auth.password) callback(null, { user: credentials.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { mailFrom, rcptTo } = session.envelope;
        simpleParser(raw).then(
          (parsed) => {
            messages.push({ envelope: { from: mailFrom ? mailFrom.address : "", to: rcptTo.map((rcpt) => rcpt.address) }, user: typeof session.user === "string" ? session.user : undefined, raw, parsed });
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    messages,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`smtp receiver: ${messages.length} of ${count} message(s) after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return [...messages];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
