import "server-only";
// Replay jobs from the web process: record one (after checking its source is a dead-letter source of the
// cluster), or ask a running one to pause, resume or cancel. The collector does the work (replay-runner.ts).
// Every change goes through lib/api/mutation.ts: permission, input, transaction, audit row.
import { randomUUID } from "node:crypto";
import { ActionError, type ActionContext, type ActionOutcome, type PrecheckContext } from "@/lib/api/mutation";
import { principalLabel } from "@/lib/auth/roles";
import { listDeadLetters } from "@/lib/brokers/registry";
import { isUuid } from "@/lib/util/uuid";
import { applyVerb, REPLAY_VERBS, type ReplayInput, type ReplayStatus, type ReplayVerb } from "../replay-input";
import { sourceKeyOf } from "../source-key";
import { toReplayDto } from "./query-replays";

export async function checkReplaySource({ db, input, config }: PrecheckContext<ReplayInput, unknown>): Promise<void> {
  const cluster = config.clusters.find((c) => c.id === input.cluster);
  if (!cluster) throw new ActionError(404, "not_found", `unknown cluster "${input.cluster.slice(0, 64)}"`);
  const key = sourceKeyOf(input.source);
  const source = (await listDeadLetters(db, cluster)).find((s) => s.key === key);
  if (!source) throw new ActionError(404, "not_found", `${"topic" in input.source ? `topic "${input.source.topic}"` : `queue "${input.source.queue}"`} is not a dead-letter source of cluster "${cluster.id}"`);
  if (source.browse === "needs-capture") throw new ActionError(409, "not_replayable", `a ${source.type} queue's dead letters are replayed from capture mode (reading it live would spend its messages' delivery budget): add it to the cluster's deadLetterCapture`);
  if (input.edit && source.browse === "peek") throw new ActionError(409, "not_editable", `a message read live from a classic queue has no id to edit by: put the queue in capture mode (deadLetterCapture) to edit its dead letters before replaying them`);
  if (input.target && ("topic" in input.target) !== ("topic" in input.source)) throw new ActionError(400, "bad_request", `a ${cluster.kind} cluster's dead letters go to a ${"topic" in input.source ? "topic" : "queue or exchange"}`);
}

/** What an edit changed, for the audit row: the new payload's size and the header names, not their values. */
function editSummary(edit: ReplayInput["edit"]): { payloadBytes: number | null; headers: string[] } | null {
  if (edit === undefined) return null;
  const payloadBytes = edit.payload !== undefined ? new TextEncoder().encode(edit.payload).length : edit.payloadBase64 !== undefined ? Math.floor((edit.payloadBase64.length * 3) / 4) - (edit.payloadBase64.match(/=+$/)?.[0].length ?? 0) : null;
  return { payloadBytes, headers: Object.keys(edit.headers ?? {}) };
}

export async function createReplay({ tx, input, principal, now }: ActionContext<ReplayInput, unknown>): Promise<ActionOutcome> {
  const row = await tx.replayJob.create({
    data: {
      id: randomUUID(),
      clusterId: input.cluster,
      sourceKey: sourceKeyOf(input.source),
      action: input.action,
      selection: { filter: JSON.parse(JSON.stringify(input.filter)) as object, ...(input.ids ? { ids: input.ids } : {}), again: input.again, ...(input.edit ? { edit: input.edit } : {}) },
      target: input.target ?? undefined,
      dryRun: input.dryRun,
      ratePerSecond: input.ratePerSecond ?? null,
      status: "pending",
      createdBy: principalLabel(principal),
      createdAt: now,
      updatedAt: now,
    },
  });
  const replay = toReplayDto(row);
  return { target: `replay:${row.id}`, after: { cluster: input.cluster, source: input.source, action: input.action, filter: input.filter, ids: input.ids?.length ?? null, target: input.target ?? "original", dryRun: input.dryRun, ratePerSecond: input.ratePerSecond ?? null, edited: editSummary(input.edit) }, body: { id: row.id, replay }, status: 201 };
}

export async function replayVerb({ tx, params, now }: ActionContext<unknown, { replayId: string; verb: string }>): Promise<ActionOutcome> {
  const target = `replay:${params.replayId.slice(0, 64)}`;
  if (!(REPLAY_VERBS as readonly string[]).includes(params.verb)) throw new ActionError(404, "not_found", `no such action "${params.verb.slice(0, 32)}": pause, resume or cancel`, { target });
  const row = isUuid(params.replayId) ? await tx.replayJob.findUnique({ where: { id: params.replayId } }) : null;
  if (!row) throw new ActionError(404, "not_found", `no replay with id "${params.replayId.slice(0, 64)}"`, { target });
  const next = applyVerb(row.status as ReplayStatus, params.verb as ReplayVerb);
  if (typeof next === "string") throw new ActionError(409, "conflict", `cannot ${params.verb}: ${next}`, { target });
  const updated = await tx.replayJob.update({ where: { id: row.id }, data: { status: next.status, requested: next.requested, updatedAt: now, ...(next.status === "cancelled" ? { finishedAt: now } : {}) } });
  return { target, before: { status: row.status }, after: { status: updated.status, requested: updated.requested }, body: { replay: toReplayDto(updated) } };
}
