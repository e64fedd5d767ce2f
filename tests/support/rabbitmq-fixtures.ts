// Helpers for tests against the real local RabbitMQ: vhosts, policies and queues through the
// management API and AMQP, and RabbitMQ's own `rabbitmqctl` for the reference numbers.
import { execFileSync } from "node:child_process";
import amqp from "amqplib";

export const MANAGEMENT_URL = "http://127.0.0.1:15672";
const AUTH = `Basic ${Buffer.from("guest:guest").toString("base64")}`;
const enc = encodeURIComponent;

async function management(method: "PUT" | "DELETE", path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${MANAGEMENT_URL}/api/${path}`, {
    method,
    headers: { authorization: AUTH, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && !(method === "DELETE" && response.status === 404)) throw new Error(`${method} /api/${path}: ${response.status} ${await response.text()}`);
}

/** A fresh vhost (any name, "/" included) that guest may use. */
export async function createVhost(vhost: string): Promise<void> {
  await management("DELETE", `vhosts/${enc(vhost)}`);
  await management("PUT", `vhosts/${enc(vhost)}`, {});
  await management("PUT", `permissions/${enc(vhost)}/guest`, { configure: ".*", write: ".*", read: ".*" });
}

export async function deleteVhost(vhost: string): Promise<void> {
  await management("DELETE", `vhosts/${enc(vhost)}`);
}

export async function putPolicy(vhost: string, name: string, pattern: string, definition: Record<string, unknown>): Promise<void> {
  await management("PUT", `policies/${enc(vhost)}/${enc(name)}`, { pattern, definition, "apply-to": "queues", priority: 1 });
}

export async function connect(vhost: string): Promise<amqp.ChannelModel> {
  return amqp.connect(`amqp://guest:guest@127.0.0.1:5672/${enc(vhost)}`);
}

export interface CtlQueue {
  name: string;
  /** all messages (for a stream: those it holds) */
  messages: number;
  messages_ready: number;
  messages_unacknowledged: number;
  consumers: number;
}

/** `rabbitmqctl list_queues name messages messages_ready messages_unacknowledged consumers` of one vhost. */
export function rabbitmqctlListQueues(vhost: string): CtlQueue[] {
  const out = execFileSync("rabbitmqctl", ["list_queues", "-q", "-p", vhost, "--formatter", "json", "name", "messages", "messages_ready", "messages_unacknowledged", "consumers"], { encoding: "utf8" });
  return JSON.parse(out) as CtlQueue[];
}

export function rabbitmqctl(...args: string[]): void {
  execFileSync("rabbitmqctl", args, { stdio: "ignore" });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** basic.get until a message comes (publishes are asynchronous). */
export async function getOne(channel: amqp.Channel, queue: string): Promise<amqp.GetMessage> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const message = await channel.get(queue);
    if (message) return message;
    await sleep(50);
  }
  throw new Error(`no message arrived in ${queue}`);
}
