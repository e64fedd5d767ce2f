// A topic deleted between two polls (found on the shared broker while other tests deleted
// theirs): kafkajs's admin keeps refreshing the metadata of every topic it once read offsets
// of, so without a fresh client every later poll failed with "This server does not host this
// topic-partition". The next poll must succeed and simply no longer list the topic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, withAdmin } from "../support/kafka-fixtures";
import { uniqueSuffix } from "../support/test-config";

const suffix = uniqueSuffix();
const doomed = `qw-it-doomed-${suffix}`;
const kept = `qw-it-kept-${suffix}`;
let adapter: KafkaAdapter;

beforeAll(async () => {
  adapter = new KafkaAdapter({ id: "deleted-topic-it", kind: "kafka", brokers: [KAFKA_BROKER] });
  await createTopicWithMessages(doomed, [3]);
  await createTopicWithMessages(kept, [2]);
});

afterAll(async () => {
  await adapter.close();
  await deleteGroupsAndTopics([], [doomed, kept]);
});

describe("a topic deleted between polls", () => {
  it("does not fail the next polls", async () => {
    const before = await adapter.collect();
    expect(before.topics?.find((t) => t.name === doomed)?.partitions[0]?.endOffset).toBe(3);
    await withAdmin((admin) => admin.deleteTopics({ topics: [doomed] }));
    for (let i = 0; i < 3; i += 1) {
      const after = await adapter.collect();
      expect(after.topics?.some((t) => t.name === doomed)).toBe(false);
      expect(after.topics?.find((t) => t.name === kept)?.partitions[0]?.endOffset).toBe(2);
    }
  });
});
