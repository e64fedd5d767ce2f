-- Replays and discards of dead letters, as jobs: the web process records one; a collector claims it
-- (FOR UPDATE SKIP LOCKED, with a heartbeat so a dead collector's job is taken over), reports progress in
-- the row and reads pause/resume/cancel requests from it.
-- source_key, here and in dead_letters: "topic:<name>" or "queue:<URL-encoded vhost>/<name>" (lib/dlq/source-key.ts;
-- Postgres text cannot hold the NUL separator the comment in 20261208090000_dead_letters names; no row used it).
CREATE TABLE "replay_jobs" (
    "id" UUID NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    -- replay | discard
    "action" TEXT NOT NULL,
    -- lib/dlq/dead-letter-filter.ts, plus "ids" (selected held messages)
    "selection" JSONB NOT NULL,
    -- null: each message's original destination
    "target" JSONB,
    "dry_run" BOOLEAN NOT NULL,
    "rate_per_second" INTEGER,
    -- pending | running | paused | done | failed | cancelled
    "status" TEXT NOT NULL,
    -- pause | cancel, set by the web process; the runner acts on it between batches
    "requested" TEXT,
    "total" INTEGER,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "parked" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "by_target" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_by" TEXT,
    "heartbeat_at" TIMESTAMPTZ(3),
    CONSTRAINT "replay_jobs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "replay_jobs_cluster_id_created_at_idx" ON "replay_jobs"("cluster_id", "created_at");
CREATE INDEX "replay_jobs_status_idx" ON "replay_jobs"("status");

-- Every message a job handled, keyed by the message's identity in its source: read before sending, so a
-- retry or a restarted job never sends a message the ledger has as sent.
CREATE TABLE "replay_ledger" (
    "cluster_id" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "job_id" UUID NOT NULL,
    -- sent | parked | skipped | failed | discarded
    "outcome" TEXT NOT NULL,
    "target" TEXT,
    "error" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "replay_ledger_pkey" PRIMARY KEY ("cluster_id", "source_key", "identity", "job_id")
);
CREATE INDEX "replay_ledger_job_id_idx" ON "replay_ledger"("job_id");
