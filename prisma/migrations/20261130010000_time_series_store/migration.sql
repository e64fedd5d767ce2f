-- Time-series store: series identity, raw samples partitioned by day, 1-minute and
-- 1-hour rollups (min, max, sum, count, last), rollup watermarks. Raw SQL only: Prisma
-- cannot model partitioned tables, so `samples` and the rollup tables are reached
-- through $executeRaw/$queryRaw in lib/store/.

CREATE TABLE "series" (
    "id" BIGSERIAL NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    -- canonical (key-sorted) JSON text of labels: the identity together with cluster and metric
    "labels_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "series_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "series_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "series_cluster_id_metric_labels_key_key" ON "series"("cluster_id", "metric", "labels_key");
CREATE INDEX "series_labels_idx" ON "series" USING GIN ("labels" jsonb_path_ops);

-- Narrow raw rows; one partition per UTC day so retention drops whole partitions.
CREATE TABLE "samples" (
    "series_id" BIGINT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "samples_pkey" PRIMARY KEY ("series_id", "ts")
) PARTITION BY RANGE ("ts");

-- Rollup rows: avg = sum / count; last is the value at last_ts.
CREATE TABLE "rollup_1m" (
    "series_id" BIGINT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_ts" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_1m_pkey" PRIMARY KEY ("series_id", "bucket")
) PARTITION BY RANGE ("bucket");

CREATE TABLE "rollup_1h" (
    "series_id" BIGINT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_ts" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_1h_pkey" PRIMARY KEY ("series_id", "bucket")
) PARTITION BY RANGE ("bucket");

-- How far each tier is final: buckets before "done_until" are not recomputed.
CREATE TABLE "rollup_state" (
    "tier" TEXT NOT NULL,
    "done_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rollup_state_pkey" PRIMARY KEY ("tier")
);

-- Creates the partition of `parent` holding [range_start, range_end) if it is missing.
-- Partition names end in _pYYYYMMDD of range_start (UTC); the store relies on that.
CREATE FUNCTION qw_ensure_partition(parent TEXT, range_start TIMESTAMPTZ, range_end TIMESTAMPTZ) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
  part TEXT := parent || '_p' || to_char(range_start AT TIME ZONE 'UTC', 'YYYYMMDD');
BEGIN
  IF to_regclass(quote_ident(part)) IS NULL THEN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, range_start, range_end);
  END IF;
  RETURN part;
END $$;

-- Move the foundation's group-lag history into the store (metric kafka_group_lag,
-- labels {"group": …}); null totals were "unknown" and become gaps.
INSERT INTO "series" ("cluster_id", "metric", "labels", "labels_key")
SELECT DISTINCT "cluster_id", 'kafka_group_lag', jsonb_build_object('group', "group_id"), jsonb_build_object('group', "group_id")::text
FROM "group_lag_samples";

DO $$
DECLARE d DATE;
BEGIN
  FOR d IN SELECT DISTINCT ("ts" AT TIME ZONE 'UTC')::date FROM "group_lag_samples" LOOP
    PERFORM qw_ensure_partition('samples', d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
  END LOOP;
END $$;

INSERT INTO "samples" ("series_id", "ts", "value")
SELECT s."id", g."ts", g."total_lag"::float8
FROM "group_lag_samples" g
JOIN "series" s ON s."cluster_id" = g."cluster_id" AND s."metric" = 'kafka_group_lag' AND s."labels_key" = jsonb_build_object('group', g."group_id")::text
WHERE g."total_lag" IS NOT NULL
ON CONFLICT DO NOTHING;

DROP TABLE "group_lag_samples";
