import { describe, expect, it } from "vitest";
import type { QueueDto } from "@/lib/api/types";
import { filterAndSortQueues, parseQueueSort, vhostsOf } from "./sort-queues";

const queue = (vhost: string, name: string, over: Partial<QueueDto> = {}): QueueDto => ({
  vhost, name, type: "classic", messages: 0, messagesReady: 0, messagesUnacknowledged: 0, consumers: 0, consumerCapacity: null,
  publishRate: null, deliverRate: null, ackRate: null, redeliverRate: null, deadLetterInflowRate: null, deadLetterOutRate: null,
  deadLetterDropped: false, deadLetterLoop: false, deadLetterQueue: null, deadLetterSources: [], noConsumers: false, noConsumersAlarm: false, noConsumersSince: null, growing: false, growthRate: null, polledAt: "2026-11-30T00:00:00.000Z", ...over,
});

const queues = [
  queue("/", "orders", { messages: 10, publishRate: 2 }),
  queue("/", "Orders.dlq", { messages: 50, publishRate: null }),
  queue("a/b", "orders", { messages: 5, publishRate: 7 }),
  queue("a/b", "billing", { messages: 50, publishRate: 1 }),
];

describe("filterAndSortQueues", () => {
  it.each([
    { direction: "desc", expected: ["a/b billing", "/ Orders.dlq", "/ orders", "a/b orders"] },
    { direction: "asc", expected: ["a/b orders", "/ orders", "a/b billing", "/ Orders.dlq"] },
  ] as const)("sorts by depth $direction, ties by name", ({ direction, expected }) => {
    expect(filterAndSortQueues(queues, { vhost: "", name: "" }, "messages", direction).map((q) => `${q.vhost} ${q.name}`)).toEqual(expected);
  });

  it("puts unknown rates last in both directions", () => {
    for (const direction of ["asc", "desc"] as const) {
      expect(filterAndSortQueues(queues, { vhost: "", name: "" }, "publishRate", direction).at(-1)?.name).toBe("Orders.dlq");
    }
    expect(filterAndSortQueues(queues, { vhost: "", name: "" }, "publishRate", "desc").map((q) => q.publishRate)).toEqual([7, 2, 1, null]);
  });

  it("filters by exact vhost and case-insensitive name substring", () => {
    expect(filterAndSortQueues(queues, { vhost: "a/b", name: "" }, "name", "asc").map((q) => q.name)).toEqual(["billing", "orders"]);
    expect(filterAndSortQueues(queues, { vhost: "", name: "ORDERS" }, "name", "asc").map((q) => `${q.vhost} ${q.name}`)).toEqual(["/ orders", "a/b orders", "/ Orders.dlq"]);
    expect(filterAndSortQueues(queues, { vhost: "/", name: "bill" }, "name", "asc")).toEqual([]);
  });

  it("parses unknown sort keys to depth and lists vhosts once", () => {
    expect(parseQueueSort("nope")).toBe("messages");
    expect(parseQueueSort("ackRate")).toBe("ackRate");
    expect(vhostsOf(queues)).toEqual(["/", "a/b"]);
  });
});
