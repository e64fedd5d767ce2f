import { describe, expect, it } from "vitest";
import type { OverviewProblemDto } from "@/lib/api/types";
import { describeProblem } from "./describe-problem";

const now = Date.parse("2026-12-02T16:10:00Z");

describe("describeProblem", () => {
  it.each<{ problem: OverviewProblemDto; want: ReturnType<typeof describeProblem> }>([
    {
      problem: { kind: "group-lag", severity: "critical", subject: { type: "group", groupId: "orders/consumer" }, status: "ERR", lagSeconds: 62, lagSecondsExact: true, totalLag: 1234 },
      want: { tag: "ERR", subject: "orders/consumer", detail: "1 min 2 s behind · 1,234 messages", href: "/clusters/c%201/groups/orders%2Fconsumer" },
    },
    {
      problem: { kind: "group-lag", severity: "warning", subject: { type: "group", groupId: "g" }, status: "WARN", lagSeconds: 16, lagSecondsExact: false, totalLag: 16 },
      want: { tag: "WARN", subject: "g", detail: "≥ 16 s behind · 16 messages", href: "/clusters/c%201/groups/g" },
    },
    {
      problem: { kind: "cluster-down", severity: "critical", subject: { type: "cluster" }, downSince: "2026-12-02T16:07:00Z", lastError: "connect ECONNREFUSED" },
      want: { tag: "down", subject: null, detail: "latest poll failed for 3 min: connect ECONNREFUSED", href: "/clusters/c%201" },
    },
    {
      problem: { kind: "no-consumers", severity: "warning", subject: { type: "queue", vhost: "shop", name: "emails" }, messagesReady: 40, since: "2026-12-02T16:00:00Z" },
      want: { tag: "no consumers", subject: "shop · emails", detail: "40 ready, no consumers for 10 min", href: "/clusters/c%201/queues/shop/emails" },
    },
    {
      problem: { kind: "dead-letter-inflow", severity: "warning", subject: { type: "queue", vhost: "/", name: "orders.dlq" }, rate: 5 },
      want: { tag: "dead letters", subject: "orders.dlq", detail: "5.00 dead letters/s arriving", href: "/clusters/c%201/queues/%2F/orders.dlq" },
    },
    {
      problem: { kind: "node-alarm", severity: "critical", subject: { type: "node", node: "rabbit@h" }, alarms: ["memory", "disk"] },
      want: { tag: "alarm", subject: "rabbit@h", detail: "memory and disk alarm: publishers are blocked", href: "/clusters/c%201" },
    },
    {
      problem: { kind: "under-replicated-partitions", severity: "warning", subject: { type: "topic", topic: "orders" }, partitions: 1 },
      want: { tag: "under-replicated", subject: "orders", detail: "1 partition under-replicated", href: "/clusters/c%201/topics/orders" },
    },
  ])("$want.tag $want.detail", ({ problem, want }) => {
    expect(describeProblem("c 1", problem, now)).toEqual(want);
  });
});
