import "server-only";
import { getConfig } from "@/lib/config/load-config";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import { getPrisma, type Db } from "@/lib/db/prisma";
import { describeError } from "@/lib/collector/describe-error";
import { notFound, serverError } from "./http";

export interface RequestContext {
  db: Db;
  cluster: ClusterConfig;
  config: QueuewatchConfig;
}

/** Resolves the configured cluster or answers 404; wraps unexpected failures as a JSON 500. */
export async function withCluster(clusterId: string, handle: (ctx: RequestContext) => Promise<Response>): Promise<Response> {
  try {
    const config = getConfig();
    const cluster = config.clusters.find((c) => c.id === clusterId);
    if (!cluster) return notFound(`unknown cluster "${clusterId}"`);
    return await handle({ db: getPrisma(), cluster, config });
  } catch (error) {
    return serverError(describeError(error));
  }
}
