-- A queue the broker keeps no figures for right now (RabbitMQ's metrics tables can lack an idle
-- queue) stays listed with its depth and consumers unknown instead of vanishing from the snapshot.
ALTER TABLE "rabbitmq_queues" ALTER COLUMN "messages" DROP NOT NULL;
ALTER TABLE "rabbitmq_queues" ALTER COLUMN "messages_ready" DROP NOT NULL;
ALTER TABLE "rabbitmq_queues" ALTER COLUMN "messages_unacknowledged" DROP NOT NULL;
ALTER TABLE "rabbitmq_queues" ALTER COLUMN "consumers" DROP NOT NULL;
