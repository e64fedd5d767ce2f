// The words and link of one triage problem. Pure: the problem, its cluster and `now` in.
import type { OverviewProblemDto, ProblemSubjectDto } from "@/lib/api/types";
import { formatCount, formatDuration, formatRate } from "@/lib/client/format";
import { clusterPath, groupPath, queuePath, topicPath } from "@/lib/util/page-paths";

export interface ProblemText {
  /** short tag: "ERR", "down", "no consumers"… */
  tag: string;
  /** the group, topic, queue or node the problem is about; null for the cluster itself */
  subject: string | null;
  detail: string;
  href: string;
}

export function subjectHref(clusterId: string, subject: ProblemSubjectDto): string {
  switch (subject.type) {
    case "group": return groupPath(clusterId, subject.groupId);
    case "topic": return topicPath(clusterId, subject.topic);
    case "queue": return queuePath(clusterId, subject.vhost, subject.name);
    case "cluster":
    case "node": return clusterPath(clusterId);
  }
}

function subjectLabel(subject: ProblemSubjectDto): string | null {
  switch (subject.type) {
    case "cluster": return null;
    case "group": return subject.groupId;
    case "topic": return subject.topic;
    case "queue": return subject.vhost === "/" ? subject.name : `${subject.vhost} · ${subject.name}`;
    case "node": return subject.node;
  }
}

const since = (iso: string | null, nowMs: number) => (iso === null ? "" : ` for ${formatDuration(Math.max(0, (nowMs - Date.parse(iso)) / 1000))}`);

function tagAndDetail(problem: OverviewProblemDto, nowMs: number): [string, string] {
  switch (problem.kind) {
    case "cluster-down": return ["down", `latest poll failed${since(problem.downSince, nowMs)}${problem.lastError ? `: ${problem.lastError}` : ""}`];
    case "never-polled": return ["never polled", "no figures yet — is the collector running?"];
    case "cluster-stale": return ["stale", `${problem.staleReason}: figures are not current`];
    case "group-lag": {
      const lag = problem.lagSeconds === null ? "lag in time unknown" : `${formatDuration(problem.lagSeconds, problem.lagSecondsExact)} behind`;
      return [problem.status, `${lag} · ${formatCount(problem.totalLag)} messages`];
    }
    case "offline-partitions": return ["offline", `${problem.partitions} partition${problem.partitions === 1 ? "" : "s"} without a leader`];
    case "under-replicated-partitions": return ["under-replicated", `${problem.partitions} partition${problem.partitions === 1 ? "" : "s"} under-replicated`];
    case "node-down": return ["node down", "node not running"];
    case "node-alarm": return ["alarm", `${problem.alarms.join(" and ")} alarm: publishers are blocked`];
    case "network-partition": return ["partition", `cannot reach ${problem.unreachable.join(", ")}`];
    case "dead-letters-dropped": return ["dead letters dropped", "dead letters reach no queue and are lost"];
    case "dead-letter-loop": return ["dead-letter loop", "dead letters route back to this queue"];
    case "no-consumers": return ["no consumers", `${formatCount(problem.messagesReady)} ready, no consumers${since(problem.since, nowMs)}`];
    case "growing": return ["growing", `+${formatRate(problem.growthRate)} messages/s, ${formatCount(problem.messages)} in the queue`];
    case "dead-letter-inflow": return ["dead letters", `${formatRate(problem.rate)} dead letters/s arriving`];
  }
}

export function describeProblem(clusterId: string, problem: OverviewProblemDto, nowMs: number): ProblemText {
  const [tag, detail] = tagAndDetail(problem, nowMs);
  return { tag, subject: subjectLabel(problem.subject), detail, href: subjectHref(clusterId, problem.subject) };
}
