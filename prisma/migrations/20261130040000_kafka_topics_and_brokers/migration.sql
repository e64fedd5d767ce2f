-- Latest completed poll's view of a Kafka cluster's brokers and topics (replaced per poll).
CREATE TABLE "kafka_brokers" (
    "cluster_id" TEXT NOT NULL,
    "node_id" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "is_controller" BOOLEAN NOT NULL,
    "polled_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "kafka_brokers_pkey" PRIMARY KEY ("cluster_id", "node_id"),
    CONSTRAINT "kafka_brokers_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "kafka_topics" (
    "cluster_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL,
    "partitions" INTEGER NOT NULL,
    "replication_factor" INTEGER NOT NULL,
    "under_replicated_partitions" INTEGER NOT NULL,
    "offline_partitions" INTEGER NOT NULL,
    -- messages/s produced since the previous poll (null on the first poll or after a reset)
    "produce_rate" DOUBLE PRECISION,
    -- per partition: {"partition","leader","replicas","isr","endOffset"}
    "partition_details" JSONB NOT NULL,
    "polled_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "kafka_topics_pkey" PRIMARY KEY ("cluster_id", "name"),
    CONSTRAINT "kafka_topics_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
