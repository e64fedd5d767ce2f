-- Alerts (issue 12): rules, contact points, instance state, history, notification groups, delivery log, silences.
CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alert_rules_name_key" ON "alert_rules"("name");

CREATE TABLE "contact_points" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "contact_points_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "contact_points_name_key" ON "contact_points"("name");

CREATE TABLE "alert_instances" (
    "rule_id" TEXT NOT NULL,
    "instance_key" TEXT NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "rule_name" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "active_since" TIMESTAMPTZ(3),
    "notifying_since" TIMESTAMPTZ(3),
    "last_breach_at" TIMESTAMPTZ(3),
    "value" DOUBLE PRECISION,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "alert_instances_pkey" PRIMARY KEY ("rule_id", "instance_key")
);
CREATE INDEX "alert_instances_cluster_id_idx" ON "alert_instances"("cluster_id");

CREATE TABLE "alert_transitions" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "rule_id" TEXT NOT NULL,
    "rule_name" TEXT NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "from_state" TEXT NOT NULL,
    "to_state" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    CONSTRAINT "alert_transitions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_transitions_at_idx" ON "alert_transitions"("at");
CREATE INDEX "alert_transitions_fingerprint_at_idx" ON "alert_transitions"("fingerprint", "at");
CREATE INDEX "alert_transitions_cluster_id_at_idx" ON "alert_transitions"("cluster_id", "at");

CREATE TABLE "alert_notification_groups" (
    "contact_point" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "group_labels" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_flush_at" TIMESTAMPTZ(3),
    "last_notified_at" TIMESTAMPTZ(3),
    "notified_firing" TEXT[] NOT NULL DEFAULT '{}',
    CONSTRAINT "alert_notification_groups_pkey" PRIMARY KEY ("contact_point", "group_key")
);

CREATE TABLE "alert_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "contact_point" TEXT NOT NULL,
    "group_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "alert_count" INTEGER NOT NULL,
    "fingerprints" TEXT[] NOT NULL DEFAULT '{}',
    "ok" BOOLEAN NOT NULL,
    "attempts" INTEGER NOT NULL,
    "response_status" INTEGER,
    "response" TEXT NOT NULL,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_deliveries_contact_point_at_idx" ON "alert_deliveries"("contact_point", "at");
CREATE INDEX "alert_deliveries_at_idx" ON "alert_deliveries"("at");

CREATE TABLE "silences" (
    "id" UUID NOT NULL,
    "matchers" JSONB NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "comment" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "silences_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "silences_ends_at_idx" ON "silences"("ends_at");

CREATE TABLE "app_flags" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "app_flags_pkey" PRIMARY KEY ("name")
);
