import "server-only";
import { contactPointSecrets } from "@/lib/alerts/contact-point-schema";
import type { ClusterConfig, ClusterKind, QueuewatchConfig } from "@/lib/config/schema";
import { kafkaKind } from "@/lib/kafka/kind";
import { rabbitmqKind } from "@/lib/rabbitmq/kind";
import type { Db } from "@/lib/db/prisma";
import type { DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import type { HeldMessage } from "@/lib/dlq/held-message";
import type { DeadLetterReplayer } from "@/lib/dlq/replay/replayer";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";
import type { BrokerConnection, BrokerKind, ClusterPoller, ClusterResource, ClusterSubjects, KindCapabilities } from "./types";

// The one place that knows which kinds exist. Everything else asks a cluster's kind through the
// functions below; adding a kind is one line here (and its schema in lib/config/schema.ts).
const KINDS: { [K in ClusterKind]: BrokerKind<Extract<ClusterConfig, { kind: K }>> } = {
  kafka: kafkaKind,
  rabbitmq: rabbitmqKind,
};

/** The module of a cluster's kind, typed for that cluster. */
function kindOf<C extends ClusterConfig>(cluster: C): BrokerKind<C> {
  // KINDS is keyed by kind, so the entry for cluster.kind takes clusters of exactly that kind.
  return KINDS[cluster.kind] as unknown as BrokerKind<C>;
}

export function capabilitiesOf(cluster: ClusterConfig): KindCapabilities {
  return kindOf(cluster).capabilities;
}

/** Whether the cluster's kind serves `resource` (its API route and pages). */
export function offers(cluster: ClusterConfig, resource: ClusterResource): boolean {
  return capabilitiesOf(cluster).resources.includes(resource);
}

/** A connection to the cluster's broker without a poll loop or store: for the web process's actions. */
export function connectCluster(cluster: ClusterConfig): BrokerConnection {
  return kindOf(cluster).connect(cluster);
}

/** The collector's per-cluster worker (a connection plus derived state). */
export function createPoller(cluster: ClusterConfig): ClusterPoller {
  return kindOf(cluster).createPoller(cluster);
}

/** The cluster's groups, topics, queues and nodes from the store, whichever its kind has. */
export function readSubjects(db: Db, cluster: ClusterConfig): Promise<ClusterSubjects> {
  return kindOf(cluster).readSubjects(db, cluster);
}

/** The cluster's dead-letter topics or queues, from the store. */
export function listDeadLetters(db: Db, cluster: ClusterConfig): Promise<DeadLetterSourceDto[]> {
  return kindOf(cluster).listDeadLetters(db, cluster);
}

/** What replay jobs send through for this cluster's kind. */
export function replayerFor(cluster: ClusterConfig): DeadLetterReplayer {
  return kindOf(cluster).replayer(cluster);
}

/** A live read that leaves the messages in place, for the sources whose browse mode is "peek". */
export function peekDeadLetters(cluster: ClusterConfig, ref: DeadLetterSourceRef, count: number): Promise<HeldMessage[]> {
  const kind = kindOf(cluster);
  if (!kind.peekDeadLetters) return Promise.reject(new Error(`a ${kind.capabilities.label} cluster's dead letters are not read live`));
  return kind.peekDeadLetters(cluster, ref, count);
}

/**
 * The cluster's settings typed for `kind`, or null when it is a cluster of another kind: for a route
 * that serves one kind's resource and needs that kind's settings.
 */
export function settingsOfKind<K extends ClusterKind>(cluster: ClusterConfig, kind: K): Extract<ClusterConfig, { kind: K }> | null {
  return cluster.kind === kind ? (cluster as Extract<ClusterConfig, { kind: K }>) : null;
}

/** The secret values in a configuration (after ${ENV} substitution): each cluster's, by its kind, the OIDC client secret and the contact points'. */
export function secretsOf(config: QueuewatchConfig): string[] {
  const clusterSecrets = config.clusters.flatMap((cluster) => kindOf(cluster).secretsOf(cluster));
  const contactPointSecretValues = config.alerts.contactPoints.flatMap(contactPointSecrets);
  return [...clusterSecrets, config.auth.oidc?.clientSecret ?? "", ...contactPointSecretValues].filter((secret) => secret.length > 0);
}

/** Which bundled brokers the quick start should start for this config: the kinds of clusters on this machine. */
export function localServicesFor(config: QueuewatchConfig): ClusterKind[] {
  return [...new Set(config.clusters.filter((cluster) => kindOf(cluster).isLocal(cluster)).map((cluster) => cluster.kind))].sort();
}
