-- Whether a queue receives dead letters is derived from the other queues' dead_letter_targets
-- when the API reads them; the stored flag was never read.
ALTER TABLE "rabbitmq_queues" DROP COLUMN "is_dead_letter_target";
