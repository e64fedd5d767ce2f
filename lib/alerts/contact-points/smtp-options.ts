// nodemailer transport options for a contact point's SMTP settings. Pure.
import { isIPv4 } from "node:net";
import type { SMTPTransportOptions } from "nodemailer";
import type { EmailContactPoint } from "@/lib/alerts/contact-point-schema";

/** localhost, 127.0.0.0/8 and ::1: a relay on the same machine, where TLS protects nothing. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  return name === "localhost" || name === "::1" || name === "0:0:0:0:0:0:0:1" || (isIPv4(name) && name.startsWith("127."));
}

export function smtpTransportOptions(smtp: EmailContactPoint["smtp"], timeoutMs: number): SMTPTransportOptions {
  const loopback = isLoopbackHost(smtp.host);
  const requireTLS = smtp.requireTls ?? !loopback;
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS,
    // A local relay often offers STARTTLS with a self-signed certificate, which would fail the send: talk plain SMTP to it.
    ignoreTLS: loopback && !requireTLS,
    ...(smtp.username === undefined ? {} : { auth: { user: smtp.username, pass: smtp.password ?? "" } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}
