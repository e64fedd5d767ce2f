-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "last_polled_at" TIMESTAMPTZ(3),
    "last_poll_duration_ms" INTEGER,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_runs" (
    "id" BIGSERIAL NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,

    CONSTRAINT "poll_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consumer_groups" (
    "cluster_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "members" INTEGER NOT NULL,
    "total_lag" BIGINT,
    "max_lag" BIGINT,
    "topics" TEXT[],
    "polled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consumer_groups_pkey" PRIMARY KEY ("cluster_id","group_id")
);

-- CreateTable
CREATE TABLE "partition_offsets" (
    "cluster_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "committed_offset" BIGINT,
    "end_offset" BIGINT NOT NULL,
    "lag" BIGINT,
    "polled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partition_offsets_pkey" PRIMARY KEY ("cluster_id","group_id","topic","partition")
);

-- CreateTable
CREATE TABLE "group_lag_samples" (
    "cluster_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "total_lag" BIGINT,

    CONSTRAINT "group_lag_samples_pkey" PRIMARY KEY ("cluster_id","group_id","ts")
);

-- CreateIndex
CREATE INDEX "poll_runs_cluster_id_started_at_idx" ON "poll_runs"("cluster_id", "started_at");

-- AddForeignKey
ALTER TABLE "poll_runs" ADD CONSTRAINT "poll_runs_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consumer_groups" ADD CONSTRAINT "consumer_groups_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partition_offsets" ADD CONSTRAINT "partition_offsets_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_lag_samples" ADD CONSTRAINT "group_lag_samples_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

