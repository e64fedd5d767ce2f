// E-mail through the contact point's SMTP server. SMTP 4xx replies and connection failures are worth
// retrying; 5xx replies (bad credentials, rejected recipients) and TLS or configuration errors are not.
import "server-only";
import { createTransport, type NodemailerError } from "nodemailer";
import type { EmailContactPoint } from "@/lib/alerts/contact-point-schema";
import { describeError } from "@/lib/util/describe-error";
import { emailMessage } from "./email-message";
import type { AttemptOutcome, Sender } from "./sender";
import { smtpTransportOptions } from "./smtp-options";

const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"]);
const replyCode = (response: string) => Number(/^(\d{3})/.exec(response)?.[1] ?? "") || null;

function failure(error: unknown): AttemptOutcome {
  const { responseCode, code, response } = (error ?? {}) as NodemailerError;
  return {
    ok: false,
    status: responseCode ?? null,
    response: response ?? "",
    error: describeError(error),
    retryable: responseCode === undefined ? TRANSIENT_CODES.has(code ?? "") : responseCode >= 400 && responseCode < 500,
  };
}

export const sendEmail: Sender<EmailContactPoint> = async (settings, notification, context) => {
  const transport = createTransport(smtpTransportOptions(settings.smtp, context.timeoutMs));
  try {
    const info = await transport.sendMail({ from: settings.from, to: [...settings.to], ...emailMessage(notification) });
    return { ok: true, status: replyCode(info.response), response: info.response, error: null, retryable: false };
  } catch (error) {
    return failure(error);
  } finally {
    transport.close();
  }
};
