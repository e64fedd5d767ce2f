import "server-only";
import { AssignerProtocol, Kafka, type Admin, type GroupDescription } from "kafkajs";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import type { GroupMember } from "@/lib/lag/types";
import { chunks } from "@/lib/util/chunks";
import { mapWithConcurrency } from "@/lib/util/map-with-concurrency";
import { assembleGroupSnapshot, classifyDescribedGroup, topicsOfGroup, type RawCommittedOffsets, type RawGroupDescription } from "./assemble-groups";
import { kafkaClientOptions } from "./client-options";
import { brokerNodes, isInternalTopic, summarizeTopic } from "./cluster-health";
import type { KafkaCollectResult } from "./types";

const DESCRIBE_BATCH = 100;
const END_OFFSET_CONCURRENCY = 8;
const DEFAULT_OFFSET_FETCH_CONCURRENCY = 16;

function decodeMembers(group: GroupDescription): GroupMember[] {
  return group.members.map((member) => {
    // An empty or undecodable assignment (mid-rebalance, or a non-consumer protocol) is no assignment.
    const decoded = member.memberAssignment.length > 0 ? AssignerProtocol.MemberAssignment.decode(member.memberAssignment) : null;
    const assignment = Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
    return { memberId: member.memberId, clientId: member.clientId, host: member.clientHost, assignment };
  });
}

function isUnknownTopic(error: unknown): boolean {
  return error instanceof Error && /does not host this topic-partition|UNKNOWN_TOPIC/i.test(`${error.message} ${(error as { type?: string }).type ?? ""}`);
}

/** Polls consumer-group lag through Kafka's admin APIs (kafkajs). */
export class KafkaAdapter {
  private admin: Admin;
  private connected = false;
  /** Kafka protocol requests answered on this adapter's connections, counted by kafkajs instrumentation. */
  private requestsSent = 0;

  constructor(private readonly cluster: KafkaClusterConfig) {
    this.admin = this.createAdmin();
  }

  private createAdmin(): Admin {
    const admin = new Kafka(kafkaClientOptions(this.cluster)).admin();
    admin.on(admin.events.REQUEST, () => {
      this.requestsSent += 1;
    });
    return admin;
  }

  async collect(): Promise<KafkaCollectResult> {
    const requestsBefore = this.requestsSent;
    try {
      return await this.collectOnce(requestsBefore);
    } catch (error) {
      // Drop the connection so the next poll starts clean (broker restarts, leader moves), and
      // the client too: kafkajs's admin remembers every topic it read offsets of and refreshes
      // their metadata before each request, so once one of them is deleted every later request
      // fails with UNKNOWN_TOPIC_OR_PARTITION. A fresh client forgets them; retry once with it.
      await this.close();
      if (!isUnknownTopic(error)) throw error;
      this.admin = this.createAdmin();
    }
    try {
      return await this.collectOnce(requestsBefore);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async collectOnce(requestsBefore: number): Promise<KafkaCollectResult> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    const { groups: listed } = await this.admin.listGroups();
    // Consumer groups, plus groups that only hold committed offsets (protocolType "").
    const groupIds = listed.filter((g) => g.protocolType === "consumer" || g.protocolType === "").map((g) => g.groupId).sort();

    const described = (await mapWithConcurrency(chunks(groupIds, DESCRIBE_BATCH), 4, (batch) => this.admin.describeGroups(batch))).flatMap((r) => r.groups);
    const listedType = new Map(listed.map((g) => [g.groupId, g.protocolType]));
    const descriptions: RawGroupDescription[] = described.map((g) => classifyDescribedGroup(listedType.get(g.groupId), g, decodeMembers(g)));

    // kafkajs has no multi-group OffsetFetch: one request per group, bounded concurrency.
    const concurrency = this.cluster.offsetFetchConcurrency ?? DEFAULT_OFFSET_FETCH_CONCURRENCY;
    const committed: RawCommittedOffsets[][] = await mapWithConcurrency(descriptions, concurrency, (d) => this.admin.fetchOffsets({ groupId: d.groupId }));

    const [cluster, metadata] = await Promise.all([this.admin.describeCluster(), this.admin.fetchTopicMetadata()]);
    // End offsets of every user topic (throughput, topic pages) and of any consumed topic.
    const consumedTopics = descriptions.flatMap((d, i) => topicsOfGroup(d, committed[i] ?? []));
    const userTopics = metadata.topics.map((t) => t.name).filter((name) => !isInternalTopic(name));
    const topics = [...new Set([...consumedTopics, ...userTopics])].sort();
    const endOffsets = new Map<string, Map<number, number>>();
    await mapWithConcurrency(topics, END_OFFSET_CONCURRENCY, async (topic) => {
      try {
        const offsets = await this.admin.fetchTopicOffsets(topic);
        endOffsets.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
      } catch (error) {
        // A topic deleted since the group committed on it has no end offset; its
        // partitions are left out rather than failing the whole poll.
        if (!isUnknownTopic(error)) throw error;
      }
    });

    const consumerGroups = descriptions.map((d, i) => assembleGroupSnapshot(d, committed[i] ?? [], endOffsets));
    return {
      consumerGroups,
      brokers: brokerNodes(cluster.brokers, cluster.controller),
      topics: metadata.topics.map((t) => summarizeTopic(t.name, t.partitions, endOffsets.get(t.name))).sort((a, b) => (a.name < b.name ? -1 : 1)),
      brokerRequests: this.requestsSent - requestsBefore,
    };
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.admin.disconnect().catch(() => {
      // Disconnecting from a broker that is already gone cannot fail in a way that matters.
    });
  }
}
