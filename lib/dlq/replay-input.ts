// `POST /api/v1/replays`: what to replay (or discard), where to, and how fast. Client-safe: the replay dialog
// validates with the same schema.
import { z } from "@/lib/util/zod";
import { deadLetterFilterSchema } from "./dead-letter-filter";

const name = z.string().min(1).max(1000);

export const replayTargetSchema = z.union([
  z.strictObject({ topic: name }),
  z.strictObject({ vhost: name, queue: name }),
  z.strictObject({ vhost: name, exchange: z.string().max(1000), routingKey: z.string().max(1000) }),
]);

/** One held message sent changed: its payload (UTF-8 text, or base64 for bytes) and headers set (a string) or removed (null). */
export const replayEditSchema = z.strictObject({
  payload: z.string().max(10 * 1024 * 1024).optional(),
  payloadBase64: z.string().max(14 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64").optional(),
  headers: z.record(z.string().min(1).max(256), z.string().max(64 * 1024).nullable()).optional(),
}).refine((edit) => edit.payload === undefined || edit.payloadBase64 === undefined, "give payload or payloadBase64, not both");

export type ReplayEdit = z.infer<typeof replayEditSchema>;

export const replayInputSchema = z.strictObject({
  cluster: z.string().min(1),
  source: z.union([z.strictObject({ topic: name }), z.strictObject({ vhost: name, queue: name })]),
  action: z.enum(["replay", "discard"]).default("replay"),
  /** which messages: a filter (default: every waiting one) and/or the ids of held messages */
  filter: deadLetterFilterSchema.default({ state: "dead" }),
  ids: z.array(z.string().regex(/^\d{1,19}$/, "must be a message id as in a page's `id`")).max(10_000).optional(),
  /** null or absent: each message's original destination, from its headers */
  target: replayTargetSchema.nullish(),
  dryRun: z.boolean().default(false),
  /** messages per second; absent: as fast as the broker confirms */
  ratePerSecond: z.number().int().min(1).max(100_000).nullish(),
  /** send messages the ledger has as already replayed once more */
  again: z.boolean().default(false),
  /** edit the one message `ids` names before replaying it */
  edit: replayEditSchema.optional(),
}).superRefine((input, ctx) => {
  if (input.edit === undefined) return;
  if (input.ids?.length !== 1) ctx.addIssue({ code: "custom", path: ["edit"], message: "edits one message: give exactly one id in ids" });
  if (input.action !== "replay") ctx.addIssue({ code: "custom", path: ["edit"], message: "only a replayed message can be edited" });
});

export type ReplayInput = z.infer<typeof replayInputSchema>;

export const REPLAY_STATUSES = ["pending", "running", "paused", "done", "failed", "cancelled"] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];
export const REPLAY_VERBS = ["pause", "resume", "cancel"] as const;
export type ReplayVerb = (typeof REPLAY_VERBS)[number];

/** What a verb does to a job in a given status: the new status and request, or why not. */
export function applyVerb(status: ReplayStatus, verb: ReplayVerb): { status: ReplayStatus; requested: "pause" | "cancel" | null } | string {
  if (status === "done" || status === "failed" || status === "cancelled") return `the job is ${status}`;
  switch (verb) {
    case "pause":
      return status === "paused" ? "the job is paused already" : status === "pending" ? { status: "paused", requested: null } : { status, requested: "pause" };
    case "resume":
      return status === "paused" ? { status: "pending", requested: null } : `the job is ${status}, not paused`;
    case "cancel":
      return status === "running" ? { status, requested: "cancel" } : { status: "cancelled", requested: null };
  }
}

/** `GET /api/v1/replays?cluster=&limit=` */
export const replayListQuerySchema = z.object({ cluster: z.string().min(1).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
