-- Latest completed poll's view of a RabbitMQ cluster's queues and nodes (replaced per poll).
CREATE TABLE "rabbitmq_queues" (
    "cluster_id" TEXT NOT NULL,
    "vhost" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "messages" BIGINT NOT NULL,
    "messages_ready" BIGINT NOT NULL,
    "messages_unacknowledged" BIGINT NOT NULL,
    "consumers" INTEGER NOT NULL,
    "consumer_capacity" DOUBLE PRECISION,
    -- messages/s since the previous poll, computed by Queuewatch from counters (null: unknown)
    "publish_rate" DOUBLE PRECISION,
    "deliver_rate" DOUBLE PRECISION,
    "ack_rate" DOUBLE PRECISION,
    "redeliver_rate" DOUBLE PRECISION,
    -- for queues that receive dead letters: arrivals that were not direct publishes
    "dead_letter_inflow_rate" DOUBLE PRECISION,
    -- the queue's effective dead-letter settings, and where its dead letters go
    "dead_letter_exchange" TEXT,
    "dead_letter_routing_key" TEXT,
    "dead_letter_from" TEXT,
    "dead_letter_routing" TEXT,
    "dead_letter_targets" JSONB NOT NULL DEFAULT '[]',
    "is_dead_letter_target" BOOLEAN NOT NULL DEFAULT false,
    -- derived signals: start of the current ready>0-without-consumers stretch; depth growth (messages/s) when growing
    "no_consumers_since" TIMESTAMPTZ(3),
    "growth_rate" DOUBLE PRECISION,
    "polled_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rabbitmq_queues_pkey" PRIMARY KEY ("cluster_id", "vhost", "name"),
    CONSTRAINT "rabbitmq_queues_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "rabbitmq_nodes" (
    "cluster_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "running" BOOLEAN NOT NULL,
    "mem_used" BIGINT,
    "mem_limit" BIGINT,
    "mem_alarm" BOOLEAN NOT NULL,
    "disk_free" BIGINT,
    "disk_free_limit" BIGINT,
    "disk_free_alarm" BOOLEAN NOT NULL,
    "fd_used" INTEGER,
    "fd_total" INTEGER,
    "sockets_used" INTEGER,
    "sockets_total" INTEGER,
    "proc_used" INTEGER,
    "proc_total" INTEGER,
    "uptime_ms" BIGINT,
    "partitions" TEXT[] NOT NULL DEFAULT '{}',
    "polled_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rabbitmq_nodes_pkey" PRIMARY KEY ("cluster_id", "name"),
    CONSTRAINT "rabbitmq_nodes_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
