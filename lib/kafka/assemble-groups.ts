import { compareByTopicPartition, parseCommittedOffset, withLag } from "@/lib/lag/compute-lag";
import type { ConsumerGroupSnapshot, GroupMember } from "@/lib/lag/types";

export interface RawGroupDescription {
  groupId: string;
  state: string;
  protocol: string;
  groupProtocol: "classic" | "consumer";
  members: GroupMember[];
}

/**
 * Pure: a group that ListGroups calls a consumer group but the classic DescribeGroups
 * answers as Dead with no protocol type is a KIP-848 ("consumer" protocol) group — kafkajs
 * has no ConsumerGroupDescribe. Its state and members are unknown, not "Dead"/"Empty".
 */
export function classifyDescribedGroup(listedProtocolType: string | undefined, described: { groupId: string; state: string; protocol: string; protocolType: string }, members: GroupMember[]): RawGroupDescription {
  const kip848 = listedProtocolType === "consumer" && described.state === "Dead" && described.protocolType === "" && members.length === 0;
  return kip848
    ? { groupId: described.groupId, state: "Unknown", protocol: "", groupProtocol: "consumer", members: [] }
    : { groupId: described.groupId, state: described.state, protocol: described.protocol, groupProtocol: "classic", members };
}

export interface RawCommittedOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

/** topic → partition → end (high-watermark) offset */
export type EndOffsets = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * Pure: joins group descriptions, committed offsets and end offsets into per-partition lag.
 * A partition is reported when the group committed an offset for it or a member is
 * assigned to it (as kafka-consumer-groups does). Assigned-but-uncommitted → lag null.
 * A partition whose end offset is unknown (topic deleted) is left out.
 */
export function assembleGroupSnapshot(description: RawGroupDescription, committed: readonly RawCommittedOffsets[], endOffsets: EndOffsets): ConsumerGroupSnapshot {
  const offsets = new Map<string, number | null>();
  for (const topic of committed) {
    for (const { partition, offset } of topic.partitions) {
      const value = parseCommittedOffset(offset);
      if (value !== null) offsets.set(`${topic.topic}\u0000${partition}`, value);
    }
  }
  for (const member of description.members) {
    for (const { topic, partitions } of member.assignment) {
      for (const partition of partitions) {
        const key = `${topic}\u0000${partition}`;
        if (!offsets.has(key)) offsets.set(key, null);
      }
    }
  }
  const partitions = [...offsets.entries()].flatMap(([key, committedOffset]) => {
    const [topic = "", partitionText = ""] = key.split("\u0000");
    const partition = Number(partitionText);
    const endOffset = endOffsets.get(topic)?.get(partition);
    if (endOffset === undefined) return [];
    return [withLag({ topic, partition, committedOffset, endOffset })];
  });
  partitions.sort(compareByTopicPartition);
  return { ...description, partitions };
}

/** Topics a group touches: committed on or assigned to. */
export function topicsOfGroup(description: RawGroupDescription, committed: readonly RawCommittedOffsets[]): string[] {
  const topics = new Set<string>();
  for (const topic of committed) {
    if (topic.partitions.some((p) => parseCommittedOffset(p.offset) !== null)) topics.add(topic.topic);
  }
  for (const member of description.members) for (const { topic } of member.assignment) topics.add(topic);
  return [...topics].sort();
}
