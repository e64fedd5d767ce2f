-- The rollup pass reads a time window across all series; the primary keys lead with
-- series_id, so without these it scanned the whole day partition every minute.
-- BRIN fits rows that arrive in time order and costs a few pages per partition.
CREATE INDEX "samples_ts_brin" ON "samples" USING BRIN ("ts") WITH (pages_per_range = 32);
CREATE INDEX "rollup_1m_bucket_brin" ON "rollup_1m" USING BRIN ("bucket") WITH (pages_per_range = 32);
