// Which problems a cluster has, and in which order on-call should see them. Pure: the store's latest
// snapshot of the cluster in, ordered problems out.
import type { ClusterDto, ConsumerGroupSummaryDto, NodeDto, OverviewProblemDto, OverviewProblemKind, QueueDto, TopicSummaryDto } from "@/lib/api/types";
import type { ClusterSubjects } from "@/lib/brokers/types";

export interface ClusterSnapshot extends ClusterSubjects {
  cluster: ClusterDto;
}

/** Within a severity, problems of an earlier kind come first. */
const KIND_ORDER: readonly OverviewProblemKind[] = [
  "cluster-down", "never-polled", "cluster-stale",
  "node-down", "network-partition", "node-alarm", "offline-partitions",
  "group-lag", "dead-letters-dropped", "dead-letter-loop",
  "under-replicated-partitions", "no-consumers", "growing", "dead-letter-inflow",
];

/** The figure that ranks problems of one kind: bigger first. */
function magnitude(problem: OverviewProblemDto): number {
  switch (problem.kind) {
    case "group-lag": return problem.lagSeconds ?? problem.totalLag ?? 0;
    case "offline-partitions":
    case "under-replicated-partitions": return problem.partitions;
    case "no-consumers": return problem.messagesReady ?? 0;
    case "growing": return problem.growthRate ?? 0;
    case "dead-letter-inflow": return problem.rate;
    default: return 0;
  }
}

function subjectName(problem: OverviewProblemDto): string {
  const s = problem.subject;
  switch (s.type) {
    case "cluster": return "";
    case "group": return s.groupId;
    case "topic": return s.topic;
    case "queue": return `${s.vhost}\u0000${s.name}`;
    case "node": return s.node;
  }
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;

export function compareProblems(a: OverviewProblemDto, b: OverviewProblemDto): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || magnitude(b) - magnitude(a)
    || subjectName(a).localeCompare(subjectName(b));
}

function clusterProblems({ status, lastPolledAt, stale, staleReason, downSince, lastError }: ClusterDto): OverviewProblemDto[] {
  const subject = { type: "cluster" } as const;
  if (lastPolledAt === null) return [{ kind: "never-polled", severity: "critical", subject }];
  if (status === "down") return [{ kind: "cluster-down", severity: "critical", subject, downSince, lastError }];
  if (stale) return [{ kind: "cluster-stale", severity: "critical", subject, staleReason: staleReason ?? "stale" }];
  return [];
}

function groupProblems(groups: readonly ConsumerGroupSummaryDto[]): OverviewProblemDto[] {
  return groups
    .filter((g) => g.status === "ERR" || g.status === "WARN")
    .map((g) => ({
      kind: "group-lag", severity: g.status === "ERR" ? "critical" : "warning", subject: { type: "group", groupId: g.groupId },
      status: g.status, lagSeconds: g.lagSeconds, lagSecondsExact: g.lagSecondsExact, totalLag: g.totalLag,
    }));
}

function topicProblems(topics: readonly TopicSummaryDto[]): OverviewProblemDto[] {
  return topics.flatMap((t): OverviewProblemDto[] => {
    const subject = { type: "topic", topic: t.name } as const;
    const found: OverviewProblemDto[] = [];
    if (t.offlinePartitions > 0) found.push({ kind: "offline-partitions", severity: "critical", subject, partitions: t.offlinePartitions });
    if (t.underReplicatedPartitions > 0) found.push({ kind: "under-replicated-partitions", severity: "warning", subject, partitions: t.underReplicatedPartitions });
    return found;
  });
}

function nodeProblems(nodes: readonly NodeDto[]): OverviewProblemDto[] {
  return nodes.flatMap((n): OverviewProblemDto[] => {
    const subject = { type: "node", node: n.name } as const;
    if (!n.running) return [{ kind: "node-down", severity: "critical", subject }];
    const found: OverviewProblemDto[] = [];
    if (n.partitions.length > 0) found.push({ kind: "network-partition", severity: "critical", subject, unreachable: [...n.partitions] });
    const alarms = [...(n.memAlarm ? (["memory"] as const) : []), ...(n.diskFreeAlarm ? (["disk"] as const) : [])];
    if (alarms.length > 0) found.push({ kind: "node-alarm", severity: "critical", subject, alarms });
    return found;
  });
}

function queueProblems(queues: readonly QueueDto[]): OverviewProblemDto[] {
  return queues.flatMap((q): OverviewProblemDto[] => {
    const subject = { type: "queue", vhost: q.vhost, name: q.name } as const;
    const found: OverviewProblemDto[] = [];
    if (q.deadLetterDropped) found.push({ kind: "dead-letters-dropped", severity: "critical", subject });
    if (q.deadLetterLoop) found.push({ kind: "dead-letter-loop", severity: "critical", subject });
    if (q.noConsumersAlarm) found.push({ kind: "no-consumers", severity: "warning", subject, messagesReady: q.messagesReady, since: q.noConsumersSince });
    if (q.growing) found.push({ kind: "growing", severity: "warning", subject, growthRate: q.growthRate, messages: q.messages });
    if (q.deadLetterInflowRate !== null && q.deadLetterInflowRate > 0) found.push({ kind: "dead-letter-inflow", severity: "warning", subject, rate: q.deadLetterInflowRate });
    return found;
  });
}

/** Every problem of one cluster, most urgent first; an empty list means all clear. */
export function triageCluster(snapshot: ClusterSnapshot): OverviewProblemDto[] {
  return [
    ...clusterProblems(snapshot.cluster),
    ...groupProblems(snapshot.groups),
    ...topicProblems(snapshot.topics),
    ...nodeProblems(snapshot.nodes),
    ...queueProblems(snapshot.queues),
  ].sort(compareProblems);
}

/** Clusters with critical problems first, then warnings, then all clear; config order otherwise. */
export function sortByUrgency<T extends { problems: readonly OverviewProblemDto[] }>(clusters: readonly T[]): T[] {
  const rank = (c: T) => (c.problems[0] ? SEVERITY_RANK[c.problems[0].severity] : 2);
  return [...clusters].sort((a, b) => rank(a) - rank(b));
}
