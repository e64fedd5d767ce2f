import "server-only";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";

export class ManagementApiError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = "ManagementApiError";
  }
}

/** GET a Prometheus exposition (the rabbitmq_prometheus plugin needs no credentials). */
export async function getPrometheusText(url: string, timeoutMs: number): Promise<string> {
  // The plugin answers 406 to an OpenMetrics-only Accept header: ask for the text format.
  const response = await fetch(url, { headers: { accept: "text/plain" }, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new ManagementApiError(`the RabbitMQ Prometheus endpoint answered ${response.status} for ${new URL(url).pathname}`, response.status);
  return response.text();
}

/** GET a management-API path (already URL-encoded) and parse the JSON body. */
export function getManagementJson(cluster: RabbitmqClusterConfig, pathAndQuery: string, timeoutMs = 10000): Promise<unknown> {
  return managementRequest(cluster, "GET", pathAndQuery, undefined, timeoutMs);
}

/** POST a JSON body to a management-API path (already URL-encoded) and parse the JSON answer. */
export function postManagementJson(cluster: RabbitmqClusterConfig, pathAndQuery: string, body: unknown, timeoutMs = 10000): Promise<unknown> {
  return managementRequest(cluster, "POST", pathAndQuery, body, timeoutMs);
}

async function managementRequest(cluster: RabbitmqClusterConfig, method: "GET" | "POST", pathAndQuery: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const url = new URL(pathAndQuery, cluster.managementUrl.endsWith("/") ? cluster.managementUrl : `${cluster.managementUrl}/`);
  const auth = Buffer.from(`${cluster.username}:${cluster.password}`).toString("base64");
  const headers: Record<string, string> = { authorization: `Basic ${auth}`, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new ManagementApiError(`cannot reach the RabbitMQ management API at ${url.origin}${cause || (error instanceof Error ? `: ${error.message}` : "")}`, null);
  }
  if (response.status === 401) throw new ManagementApiError(`the RabbitMQ management API at ${url.origin} rejected the credentials of user "${cluster.username}" (401)`, 401);
  if (!response.ok) throw new ManagementApiError(`the RabbitMQ management API answered ${response.status} ${response.statusText} for ${url.pathname}`, response.status);
  return response.json();
}
