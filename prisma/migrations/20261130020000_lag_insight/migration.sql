-- Lag insight per group and partition: status over recent polls, lag in seconds,
-- time to catch up and the rates behind it.
ALTER TABLE "consumer_groups"
    ADD COLUMN "status" TEXT NOT NULL DEFAULT 'UNKNOWN',
    ADD COLUMN "lag_seconds" DOUBLE PRECISION,
    ADD COLUMN "lag_seconds_exact" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "catch_up_seconds" DOUBLE PRECISION,
    ADD COLUMN "consume_rate" DOUBLE PRECISION,
    ADD COLUMN "produce_rate" DOUBLE PRECISION;

ALTER TABLE "partition_offsets"
    ADD COLUMN "lag_seconds" DOUBLE PRECISION,
    ADD COLUMN "lag_seconds_exact" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "status" TEXT NOT NULL DEFAULT 'UNKNOWN';
