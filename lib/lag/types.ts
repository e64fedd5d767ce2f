import type { PartitionLag } from "./compute-lag";

// What lag is computed from: a consumer group, its members and its partitions' offsets. Kafka fills
// it today; any log-based kind with committed and end positions (a JetStream consumer, a Redis
// Streams group) can fill the same shape.

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface ConsumerGroupSnapshot {
  groupId: string;
  /** broker-reported state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, … */
  state: string;
  /** assignment protocol ("range", "cooperative-sticky", …) or "" for an empty group */
  protocol: string;
  /** "consumer" = KIP-848 group: the classic DescribeGroups API cannot see its state or members */
  groupProtocol: "classic" | "consumer";
  members: GroupMember[];
  partitions: PartitionLag[];
}

/** A log's partitions and their end offsets (null when not read), as the lag tracker needs them. */
export interface LogEndOffsets {
  name: string;
  partitions: readonly { partition: number; endOffset: number | null }[];
}
