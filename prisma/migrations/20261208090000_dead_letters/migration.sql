-- Dead letters Queuewatch holds. "index": a copy of a message the broker keeps (Kafka dead-letter topics,
-- RabbitMQ stream queues), read by offset without changing anything. "capture": a message moved out of a
-- RabbitMQ queue in capture mode (acked only after this row committed): Queuewatch holds the only copy.
CREATE TABLE "dead_letters" (
    "id" BIGSERIAL NOT NULL,
    "cluster_id" TEXT NOT NULL,
    -- the dead-letter topic or queue: "topic:<name>" or "queue:<vhost>\u0000<name>" (lib/dlq/source-key.ts)
    "source_key" TEXT NOT NULL,
    -- the message's identity in its source: "<partition>:<offset>", "<offset>" (stream) or "sha256:<hex>#<n>" (captured)
    "identity" TEXT NOT NULL,
    "holding" TEXT NOT NULL,
    "partition" INTEGER,
    "offset" BIGINT,
    -- the message's own time (record timestamp, latest death) or, without one, when it was stored
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "stored_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" TEXT NOT NULL,
    "message_key" BYTEA,
    "headers" JSONB NOT NULL,
    -- each header as display text (lib/dlq/header-value.ts displayValue), for search by header value
    "header_text" JSONB NOT NULL,
    "properties" JSONB,
    "payload" BYTEA NOT NULL,
    "payload_size" INTEGER NOT NULL,
    "payload_truncated" BOOLEAN NOT NULL,
    "cause" TEXT,
    "context" JSONB NOT NULL,
    "original_topic" TEXT,
    "original_queue" TEXT,
    -- dead | replayed | discarded | parked
    "state" TEXT NOT NULL DEFAULT 'dead',
    "state_at" TIMESTAMPTZ(3),
    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "dead_letters_cluster_id_source_key_identity_key" ON "dead_letters"("cluster_id", "source_key", "identity");
CREATE INDEX "dead_letters_cluster_id_source_key_ts_idx" ON "dead_letters"("cluster_id", "source_key", "ts");
CREATE INDEX "dead_letters_cluster_id_source_key_cause_idx" ON "dead_letters"("cluster_id", "source_key", "cause");
CREATE INDEX "dead_letters_cluster_id_source_key_content_hash_idx" ON "dead_letters"("cluster_id", "source_key", "content_hash");

-- How far the collector has read each indexed source (next offset per partition; streams use partition 0).
CREATE TABLE "dead_letter_cursors" (
    "cluster_id" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "next_offset" BIGINT NOT NULL,
    -- the partition's log start when last read: with the polled end offset, how many messages Kafka holds
    "log_start" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "dead_letter_cursors_pkey" PRIMARY KEY ("cluster_id", "source_key", "partition")
);
