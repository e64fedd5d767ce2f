-- Staleness of a cluster's figures: when the latest successful poll ended, and since when the
-- current streak of failed polls runs (null while the latest poll succeeded).
ALTER TABLE "clusters" ADD COLUMN "last_success_at" TIMESTAMPTZ(3);
ALTER TABLE "clusters" ADD COLUMN "down_since" TIMESTAMPTZ(3);

-- Best guesses from what the table already holds; the next poll corrects them.
UPDATE "clusters" SET "last_success_at" = "last_polled_at" WHERE "status" = 'up';
UPDATE "clusters" SET "down_since" = "last_polled_at" WHERE "status" = 'down';
UPDATE "clusters" c SET "last_success_at" = p.ended_at
FROM (SELECT cluster_id, max(started_at + duration_ms * interval '1 millisecond') AS ended_at
      FROM poll_runs WHERE ok GROUP BY cluster_id) p
WHERE c.id = p.cluster_id AND c."status" = 'down';
