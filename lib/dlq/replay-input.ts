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
