-- Dead-letter signals of a source queue: the rate it dead-letters, and whether its dead letters are
-- dropped (no queue reached) or loop back to it.
ALTER TABLE "rabbitmq_queues" ADD COLUMN "dead_letter_out_rate" DOUBLE PRECISION,
ADD COLUMN "dead_letter_dropped" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "dead_letter_loop" BOOLEAN NOT NULL DEFAULT false;
