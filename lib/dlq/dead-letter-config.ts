// The `deadLetters:` section of the config and the per-cluster dead-letter settings, validated so that a bad
// pattern or regex is named at start-up, not at the first browse. Client-safe (zod only).
import { z } from "zod";
import { capturePatternProblem } from "./dead-letter-capture";
import { deadLetterPatternProblem } from "./dead-letter-topics";

const regexSource = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` });
  }
});

export const maskRuleSchema = z.union([
  z.strictObject({ path: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a dotted field path such as "customer.email" (* for any key)') }),
  z.strictObject({ regex: regexSource, flags: z.string().regex(/^[imsu]*$/, "may only use the flags i, m, s and u").optional() }),
]);

/** Kafka: dead-letter topic name patterns ({topic} = the source topic's name, * = anything). */
export const deadLetterTopicPatternsSchema = z.array(z.string().superRefine((pattern, ctx) => {
  const problem = deadLetterPatternProblem(pattern);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
}));

/** RabbitMQ: queues in capture mode ("name" in vhost "/", "vhost/name", * = anything; lib/dlq/dead-letter-capture.ts). */
export const deadLetterCaptureSchema = z.array(z.string().superRefine((pattern, ctx) => {
  const problem = capturePatternProblem(pattern);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
}));

export const deadLettersConfigSchema = z.strictObject({
  /** payload and header masking, applied before anything reaches a browser whose role is at or below `maskedFor` */
  masking: z.array(maskRuleSchema).default([]),
  /** "viewer": viewers see masked payloads (operators and admins, who edit and replay, see them as they are); "admin": everyone */
  maskedFor: z.enum(["viewer", "operator", "admin"]).default("viewer"),
  /** loop guard: a message Queuewatch already replayed this many times is parked instead of replayed again */
  maxReplays: z.number().int().min(1).max(100).default(3),
  /** bytes of a payload shown on a page (the rest is a download) */
  previewBytes: z.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
});

export const DEAD_LETTERS_DEFAULTS = { masking: [], maskedFor: "viewer", maxReplays: 3, previewBytes: 64 * 1024 } as const;

export type DeadLettersConfig = z.infer<typeof deadLettersConfigSchema>;
