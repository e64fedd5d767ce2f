// Sends one notification to one contact point: resolves `${ENV}` secrets, makes the type's attempt through
// the registry, retries what is worth retrying, and reports a DeliveryResult with every secret scrubbed
// (fetch and SMTP errors can quote URLs and replies).
import "server-only";
import type { ContactPointSettings, ContactPointType } from "@/lib/alerts/contact-point-schema";
import type { DeliveryResult, GroupNotification } from "@/lib/alerts/notification";
import { redactSecrets } from "@/lib/log/logger";
import { describeError } from "@/lib/util/describe-error";
import { sendToAlertmanager } from "./alertmanager-sender";
import { sendEmail } from "./email-sender";
import { MissingSecretError, resolveSecrets, secretFragments, type Env } from "./resolve-secrets";
import type { AttemptOutcome, Sender, SendContext } from "./sender";
import { sendSlack } from "./slack-sender";
import { sendWebhook } from "./webhook-sender";

export { describeContactPoint, type ContactPointView } from "./describe-contact-point";
export { testNotification } from "./test-notification";

/** One sender per contact-point type; a new type is one module and one line here. */
const SENDERS: { [K in ContactPointType]: Sender<Extract<ContactPointSettings, { type: K }>> } = {
  webhook: sendWebhook,
  alertmanager: sendToAlertmanager,
  slack: sendSlack,
  email: sendEmail,
};

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 4000];
export const DEFAULT_TIMEOUT_MS = 10_000;
const RESPONSE_MAX = 1000;

export interface SendOptions {
  /** where `${ENV}` references are looked up (default: process.env) */
  env?: Env;
  /** the waits between attempts; their count is the number of retries */
  retryDelaysMs?: readonly number[];
  /** per attempt */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

async function attempt(settings: ContactPointSettings, notification: GroupNotification, context: SendContext): Promise<AttemptOutcome> {
  // The entry under settings.type takes exactly these settings; TypeScript cannot correlate the two through the union.
  const send = SENDERS[settings.type] as Sender<ContactPointSettings>;
  try {
    return await send(settings, notification, context);
  } catch (error) {
    // Senders report failed deliveries as outcomes; a throw is a bug in building the message: not worth a retry.
    return { ok: false, status: null, response: "", error: describeError(error), retryable: false };
  }
}

export async function sendNotification(settings: ContactPointSettings, notification: GroupNotification, options: SendOptions = {}): Promise<DeliveryResult> {
  const started = performance.now();
  const report = (outcome: AttemptOutcome, attempts: number, secrets: readonly string[]): DeliveryResult => ({
    ok: outcome.ok,
    attempts,
    status: outcome.status,
    // Scrub before cutting, so a secret cut in two cannot survive in halves.
    response: cut(redactSecrets(outcome.response, secrets), RESPONSE_MAX),
    error: outcome.error === null ? null : cut(redactSecrets(outcome.error, secrets), RESPONSE_MAX),
    retryable: !outcome.ok && outcome.retryable,
    durationMs: Math.round(performance.now() - started),
  });

  let resolved: ContactPointSettings;
  try {
    resolved = resolveSecrets(settings, options.env ?? process.env);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    return report({ ok: false, status: null, response: "", error: error.message, retryable: false }, 0, []);
  }
  const secrets = secretFragments(resolved);
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const context = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  for (let attempts = 1; ; attempts += 1) {
    const outcome = await attempt(resolved, notification, context);
    const delay = delays[attempts - 1];
    if (outcome.ok || !outcome.retryable || delay === undefined) return report(outcome, attempts, secrets);
    await sleep(delay);
  }
}
