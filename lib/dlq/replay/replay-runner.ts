import "server-only";
// Replay jobs in the collector: claims one job at a time (FOR UPDATE SKIP LOCKED; a job whose collector
// stopped heart-beating for 30 s is taken over), runs it batch by batch — held messages through the kind's
// publisher with the ledger read first and written after each acknowledged batch, live queues through the
// kind's transactional move — and reports progress, pause and cancel through the job's row.
import type { Prisma } from "@prisma/client";
import { listDeadLetters, peekDeadLetters, readSubjects, replayerFor } from "@/lib/brokers/registry";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import { describeError } from "@/lib/util/describe-error";
import type { DeadLetterContext } from "../decode-dead-letter";
import { deadLetterFilterSchema, matchesLiveRow } from "../dead-letter-filter";
import { deadLetterRow, type HeldMessage } from "../held-message";
import type { DeadLetterSourceDto, ReplayDto } from "../dead-letter-dto";
import { headersFromJson } from "../header-json";
import { applyEdit, decideReplay, replayHeaders, targetLabel, type ReplayDecision, type ReplayTarget } from "../replay-target";
import { replayEditSchema, replayTargetSchema, type ReplayStatus } from "../replay-input";
import { sourceRefOf, type DeadLetterSourceRef } from "../source-key";
import { queryHeldMessages } from "../store/query-dead-letters";
import { decodeDeadLetter } from "../decode-dead-letter";
import { toReplayDto } from "./query-replays";
import type { DeadLetterReplayer, OutgoingMessage } from "./replayer";

/** Messages per batch: a live move's transaction, a held send (npm run bench:dlq measured larger batches faster: per-batch costs are Postgres and broker round trips). */
export const REPLAY_BATCH = 500;
const STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const MAX_ERRORS_KEPT = 20;

export interface ReplayRunnerOptions {
  logger: Logger;
  /** this collector's name in claimed_by */
  owner: string;
  pollMs?: number;
  batchSize?: number;
}

type JobRow = Prisma.ReplayJobGetPayload<object>;

/** A job's figures as the runner keeps them between batches (the same fields as its answer). */
type Counters = Pick<ReplayDto, "sent" | "skipped" | "parked" | "failed" | "byTarget" | "errors">;

/** The job's figures so far, read as its API answer reads them. */
function countersOf(job: JobRow): Counters {
  const { sent, skipped, parked, failed, byTarget, errors } = toReplayDto(job);
  return { sent, skipped, parked, failed, byTarget, errors };
}

function tally(counters: Counters, decision: ReplayDecision): void {
  if (decision.kind === "replay") {
    counters.sent += 1;
    const label = targetLabel(decision.target);
    counters.byTarget[label] = (counters.byTarget[label] ?? 0) + 1;
  } else if (decision.kind === "discard") counters.sent += 1;
  else if (decision.kind === "park") counters.parked += 1;
  else if (decision.kind === "fail") {
    counters.failed += 1;
    if (!counters.errors.includes(decision.reason)) counters.errors = [...counters.errors, decision.reason].slice(-MAX_ERRORS_KEPT);
  }
  else counters.skipped += 1;
}

const OUTCOMES = { replay: "sent", discard: "discarded", park: "parked", skip: "skipped", fail: "failed" } as const satisfies Record<ReplayDecision["kind"], string>;
const outcomeOf = (decision: ReplayDecision): string => OUTCOMES[decision.kind];
/** The ledger's mark for a message handed to the broker and not yet confirmed: found later, it is in doubt. */
const PENDING = "pending";
const IN_DOUBT = "in doubt: a replay that stopped before the broker's confirm had sent it; check the target, then replay it with \"again\" if it is missing";
const stateOf = (decision: ReplayDecision): string | null => (decision.kind === "replay" ? "replayed" : decision.kind === "discard" ? "discarded" : decision.kind === "park" ? "parked" : null);

/**
 * A live move is one AMQP transaction per batch, which is safe only into classic queues: measured on RabbitMQ 3.10,
 * transactions into a quorum queue lost messages under connection faults (docs/dlq-research.md §4). Other targets
 * are left in place, with the reason; a queue in capture mode replays through publisher confirms instead.
 */
function transactionalTarget(decision: Extract<ReplayDecision, { kind: "replay" }>, queueTypes: ReadonlyMap<string, string>): ReplayDecision {
  const target = decision.target;
  if ("topic" in target) return { kind: "skip", reason: "a RabbitMQ dead letter goes to a queue, not a topic" };
  if (!("queue" in target)) return { kind: "skip", reason: "a move from a queue read live goes to a classic queue (an exchange may route to quorum queues, where a transaction lost messages in our measurements): choose a classic queue, or put the dead-letter queue in capture mode (deadLetterCapture) to replay through exchanges with publisher confirms" };
  const type = queueTypes.get(`${target.vhost}\u0000${target.queue}`);
  if (type === undefined) return { kind: "skip", reason: `no queue "${target.queue}" in vhost "${target.vhost}" (as of the latest poll)` };
  if (type !== "classic") return { kind: "skip", reason: `"${target.queue}" is a ${type} queue: a move from a queue read live is one transaction, which lost messages into quorum queues in our measurements; put the dead-letter queue in capture mode (deadLetterCapture) to replay into it with publisher confirms` };
  return decision;
}

export class ReplayRunner {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly config: QueuewatchConfig, private readonly options: ReplayRunnerOptions) {}

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      const running = this.tick().then(() => undefined, (error: unknown) => this.options.logger.error(`replays: ${describeError(error)}`));
      this.running = running;
      void running.finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 1000);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and runs the oldest runnable job of a cluster this collector polls; returns whether it ran one. */
  async tick(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private async claim(): Promise<JobRow | null> {
    const clusterIds = this.config.clusters.map((c) => c.id);
    const now = new Date();
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM replay_jobs
        WHERE status IN ('pending', 'running') AND cluster_id = ANY(${clusterIds})
          AND (claimed_by IS NULL OR claimed_by = ${this.options.owner} OR heartbeat_at < ${new Date(now.getTime() - STALE_MS)})
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`;
      const id = rows[0]?.id;
      if (id === undefined) return null;
      const job = await tx.replayJob.findUniqueOrThrow({ where: { id } });
      return tx.replayJob.update({ where: { id }, data: { status: "running", claimedBy: this.options.owner, heartbeatAt: now, startedAt: job.startedAt ?? now, updatedAt: now } });
    });
  }

  private async finish(job: JobRow, status: ReplayStatus, counters: Counters, error?: string): Promise<void> {
    const errors = error === undefined ? counters.errors : [...counters.errors, error].slice(-MAX_ERRORS_KEPT);
    const now = new Date();
    await this.db.replayJob.update({
      where: { id: job.id },
      data: { status, requested: null, claimedBy: null, heartbeatAt: null, updatedAt: now, finishedAt: status === "paused" ? null : now, sent: counters.sent, skipped: counters.skipped, parked: counters.parked, failed: counters.failed, byTarget: counters.byTarget, errors },
    });
    this.options.logger.info(`replays: job ${job.id} ${status}: ${counters.sent} ${job.action === "discard" ? "discarded" : "sent"}, ${counters.skipped} skipped, ${counters.parked} parked, ${counters.failed} failed${error ? ` (${error})` : ""}`);
  }

  /** Progress and heartbeat after a batch; answers what the web process asked for meanwhile. */
  private async report(job: JobRow, counters: Counters): Promise<"go" | "pause" | "cancel"> {
    const updated = await this.db.replayJob.update({
      where: { id: job.id },
      data: { sent: counters.sent, skipped: counters.skipped, parked: counters.parked, failed: counters.failed, byTarget: counters.byTarget, errors: counters.errors, heartbeatAt: new Date(), updatedAt: new Date() },
      select: { requested: true },
    });
    return updated.requested === "pause" ? "pause" : updated.requested === "cancel" ? "cancel" : "go";
  }

  private async run(job: JobRow): Promise<void> {
    const counters = countersOf(job);
    const cluster = this.config.clusters.find((c) => c.id === job.clusterId);
    const ref = sourceRefOf(job.sourceKey);
    if (!cluster || ref === null) return this.finish(job, "failed", counters, `cluster "${job.clusterId}" is not configured any more`);
    const source = (await listDeadLetters(this.db, cluster)).find((s) => s.key === job.sourceKey);
    if (!source) return this.finish(job, "failed", counters, "the source is not a dead-letter topic or queue any more");
    const replayer = replayerFor(cluster);
    // The heartbeat goes on while a batch waits on a broker (retries, reconnects): only a dead collector loses its job.
    const heartbeat = setInterval(() => {
      this.db.replayJob.updateMany({ where: { id: job.id, claimedBy: this.options.owner }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const outcome = source.browse === "peek" ? await this.runLive(job, cluster, source, ref, replayer, counters) : source.browse === "index" || source.browse === "capture" ? await this.runHeld(job, cluster, ref, replayer, counters) : "unsupported";
      if (outcome === "unsupported") return this.finish(job, "failed", counters, `a ${source.type} queue's dead letters are replayed from capture mode: add it to the cluster's deadLetterCapture`);
      await this.finish(job, outcome === "pause" ? "paused" : outcome === "cancel" ? "cancelled" : "done", counters);
    } catch (error) {
      await this.finish(job, "failed", counters, describeError(error));
    } finally {
      clearInterval(heartbeat);
      await replayer.close();
    }
  }

  private jobTarget(job: JobRow): ReplayTarget | null {
    if (job.target === null) return null;
    return replayTargetSchema.parse(job.target);
  }

  private async pace(job: JobRow, count: number, startedAt: number, done: number): Promise<void> {
    if (job.ratePerSecond === null || count === 0) return;
    const due = startedAt + (done / job.ratePerSecond) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Held messages (indexed copies, captured messages): the ledger first, the send, then the ledger and states. */
  private async runHeld(job: JobRow, cluster: ClusterConfig, ref: DeadLetterSourceRef, replayer: DeadLetterReplayer, counters: Counters): Promise<"done" | "pause" | "cancel"> {
    const selection = (job.selection ?? {}) as { filter?: unknown; ids?: string[]; again?: boolean; edit?: unknown };
    const filter = deadLetterFilterSchema.parse(selection.filter ?? {});
    const edit = selection.edit === undefined ? null : replayEditSchema.parse(selection.edit);
    const ids = selection.ids === undefined ? null : new Set(selection.ids);
    const target = this.jobTarget(job);
    const maxReplays = this.config.deadLetters.maxReplays;
    const startedAt = Date.now();
    let handled = 0;
    if (job.total === null) {
      const { total } = await queryHeldMessages(this.db, cluster.id, job.sourceKey, filter, { limit: 1, before: null });
      await this.db.replayJob.update({ where: { id: job.id }, data: { total: ids === null ? total : Math.min(total, ids.size) } });
    }
    let after = 0n;
    for (;;) {
      const { rows } = await queryHeldMessages(this.db, cluster.id, job.sourceKey, filter, { limit: this.options.batchSize ?? REPLAY_BATCH, before: null, after });
      if (rows.length === 0) return "done";
      after = rows.at(-1)?.id ?? after;
      const chosen = ids === null ? rows : rows.filter((row) => ids.has(row.id.toString()));
      const before = selection.again ? new Map<string, string>() : await this.ledgerOutcomes(cluster.id, job.sourceKey, chosen.map((r) => r.identity));
      const decided = chosen.map((row) => {
        const context = (row.context ?? decodeDeadLetter({})) as DeadLetterContext;
        const decision: ReplayDecision = job.action === "discard" ? { kind: "discard" }
          // Handed to the broker by a run that stopped before the confirm: it may have arrived; sending it again could duplicate it.
          : before.get(row.identity) === PENDING ? { kind: "fail", reason: IN_DOUBT }
          // The copy holds only the first 1 MiB of a huge record: never send a cut payload (re-reading it from the broker is not built yet).
          : row.payload_truncated ? { kind: "skip", reason: `the payload (${row.payload_size} bytes) is larger than Queuewatch's copy; replaying it whole is not built yet` }
          : decideReplay({ source: ref, context, target, maxReplays, alreadySent: before.get(row.identity) === "sent" });
        return { row, context, decision };
      });
      if (!job.dryRun) {
        const sending = decided.filter((d) => d.decision.kind === "replay");
        const outgoing = sending.map(({ row, context, decision }): OutgoingMessage => {
          // An edit names one message (ids has exactly its id): sent with the operator's payload and headers.
          const own = { payload: row.payload, headers: headersFromJson(row.headers) };
          const { payload, headers } = edit === null ? own : applyEdit(own, edit);
          return { target: (decision as Extract<ReplayDecision, { kind: "replay" }>).target, key: row.message_key, payload, headers: replayHeaders(headers, context.replayCount), properties: row.properties === null ? null : headersFromJson(row.properties) };
        });
        if (outgoing.length > 0) {
          // The journal first: a crash from here until the batch is recorded leaves these in doubt, never sent twice.
          await this.db.replayLedger.createMany({ skipDuplicates: true, data: sending.map(({ row }) => ({ clusterId: cluster.id, sourceKey: job.sourceKey, identity: row.identity, jobId: job.id, outcome: PENDING, target: null, error: null, at: new Date() })) });
          const { unroutable } = await this.withRetries(() => replayer.publish(outgoing), counters);
          for (const [index, reason] of unroutable) {
            const entry = sending[index];
            if (entry) entry.decision = { kind: "fail", reason };
          }
        }
        await this.record(job, cluster.id, decided.map(({ row, decision }) => ({ id: row.id, identity: row.identity, decision })), outgoing.length > 0);
      }
      for (const { decision } of decided) tally(counters, decision);
      handled += decided.length;
      const asked = await this.report(job, counters);
      if (asked !== "go") return asked;
      await this.pace(job, decided.length, startedAt, handled);
    }
  }

  /**
   * A broker restarting or a leader moving fails a send for a while: the same batch is sent again (the kind's
   * publisher keeps its idempotence across attempts) after 1, 2, 4, 8 and 16 s before the job fails.
   */
  private async withRetries<T>(send: () => Promise<T>, counters: Counters): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= 5 || error instanceof Error && error.name === "UnroutableReplayError") throw error;
        counters.errors = [...counters.errors, `retrying a batch: ${describeError(error)}`].slice(-MAX_ERRORS_KEPT);
        await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
      }
    }
  }

  /** Which of these messages the ledger has as sent, or as handed to the broker without a confirm (pending), by any job. */
  private async ledgerOutcomes(clusterId: string, sourceKey: string, identities: readonly string[]): Promise<Map<string, string>> {
    if (identities.length === 0) return new Map();
    const rows = await this.db.replayLedger.findMany({ where: { clusterId, sourceKey, identity: { in: [...identities] }, outcome: { in: ["sent", PENDING] } }, select: { identity: true, outcome: true } });
    // "sent" wins: a message sent by one job and in doubt from a later one was sent at least once.
    return new Map(rows.sort((a, b) => (a.outcome === "sent" ? 1 : 0) - (b.outcome === "sent" ? 1 : 0)).map((r) => [r.identity, r.outcome]));
  }

  /** The ledger rows and the held messages' new states of one acknowledged batch, in one transaction. */
  private async record(job: JobRow, clusterId: string, batch: readonly { id: bigint | null; identity: string; decision: ReplayDecision }[], journaled: boolean): Promise<void> {
    const now = new Date();
    await this.db.$transaction(async (tx) => {
      // This job's journal marks for the batch give way to the outcomes; one in doubt keeps its mark for later jobs.
      const settled = batch.filter((b) => !(b.decision.kind === "fail" && b.decision.reason === IN_DOUBT)).map((b) => b.identity);
      if (journaled) await tx.replayLedger.deleteMany({ where: { clusterId, sourceKey: job.sourceKey, jobId: job.id, outcome: PENDING, identity: { in: settled } } });
      await tx.replayLedger.createMany({
        skipDuplicates: true,
        data: batch.map(({ identity, decision }) => ({ clusterId, sourceKey: job.sourceKey, identity, jobId: job.id, outcome: outcomeOf(decision), target: decision.kind === "replay" ? targetLabel(decision.target) : null, error: decision.kind === "park" || decision.kind === "skip" ? decision.reason : null, at: now })),
      });
      for (const state of ["replayed", "discarded", "parked"]) {
        const ids = batch.filter((b) => b.id !== null && stateOf(b.decision) === state).map((b) => b.id as bigint);
        if (ids.length > 0) await tx.deadLetter.updateMany({ where: { id: { in: ids } }, data: { state, stateAt: now } });
      }
    });
  }

  /** A live queue: the kind moves messages out in transactions; each committed batch is recorded and counted. */
  private async runLive(job: JobRow, cluster: ClusterConfig, source: DeadLetterSourceDto, ref: DeadLetterSourceRef, replayer: DeadLetterReplayer, counters: Counters): Promise<"done" | "pause" | "cancel"> {
    if (!replayer.moveLive || !("queue" in ref)) throw new Error("this source is read live, but its kind cannot move messages");
    const selection = (job.selection ?? {}) as { filter?: unknown };
    const filter = deadLetterFilterSchema.parse(selection.filter ?? {});
    const target = this.jobTarget(job);
    const maxReplays = this.config.deadLetters.maxReplays;
    // A dry run reads at most this many (a live read that puts them back).
    const dryRunLimit = Math.min(Math.max(0, source.depth ?? 500), 500);
    const queueTypes = new Map((await readSubjects(this.db, cluster)).queues.map((q) => [`${q.vhost}\u0000${q.name}`, q.type]));
    const decide = (message: HeldMessage): ReplayDecision => {
      const row = deadLetterRow(message, "capture", new Date(), Number.MAX_SAFE_INTEGER);
      if (!matchesLiveRow(row, filter)) return { kind: "skip", reason: "not selected by the filter" };
      if (job.action === "discard") return { kind: "discard" };
      const decision = decideReplay({ source: ref, context: row.context, target, maxReplays, alreadySent: false });
      return decision.kind === "replay" ? transactionalTarget(decision, queueTypes) : decision;
    };

    if (job.dryRun) {
      // A dry run must not take messages off the queue: it decides over a live read that puts them back.
      const peeked = await peekDeadLetters(cluster, ref, dryRunLimit);
      await this.db.replayJob.update({ where: { id: job.id }, data: { total: peeked.length } });
      for (const message of peeked) tally(counters, decide(message));
      return "done";
    }
    let asked = "go" as "go" | "pause" | "cancel";
    const startedAt = Date.now();
    let handled = 0;
    await replayer.moveLive(ref, {
      batchSize: this.options.batchSize ?? REPLAY_BATCH,
      decide,
      onStart: async (depth) => {
        if (job.total === null) await this.db.replayJob.update({ where: { id: job.id }, data: { total: depth } });
      },
      onBatch: async ({ decisions }) => {
        // A live move writes no journal marks: its transaction sends and removes together.
        await this.record(job, cluster.id, decisions.map(({ message, decision }) => ({ id: null, identity: message.identity, decision })), false);
        for (const { decision } of decisions) tally(counters, decision);
        handled += decisions.length;
        asked = await this.report(job, counters);
        await this.pace(job, decisions.length, startedAt, handled);
        return asked === "go";
      },
    });
    return asked === "go" ? "done" : asked;
  }
}
