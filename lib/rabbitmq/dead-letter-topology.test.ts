import { describe, expect, it } from "vitest";
import {
  deadLetterConfigOf,
  deadLetterLoops,
  deadLettersDropped,
  deadLetterSources,
  queueKey,
  resolveDeadLetterRoutes,
  topicMatches,
  type BindingDef,
  type DeadLetterConfig,
  type ExchangeDef,
  type QueueDef,
} from "./dead-letter-topology";

const V = "v1";

function q(name: string, args: Record<string, unknown> = {}, policy: Record<string, unknown> | null = null, vhost = V): QueueDef {
  return { vhost, name, arguments: args, policyDefinition: policy };
}
const dlx = (exchange: string, routingKey?: string): Record<string, unknown> =>
  routingKey === undefined ? { "x-dead-letter-exchange": exchange } : { "x-dead-letter-exchange": exchange, "x-dead-letter-routing-key": routingKey };
const ex = (name: string, type: string, vhost = V): ExchangeDef => ({ vhost, name, type });
function bind(source: string, destination: string, routingKey = "", destinationType = "queue", vhost = V): BindingDef {
  return { vhost, source, destination, destinationType, routingKey, arguments: {} };
}
const names = (refs: { name: string }[] | undefined) => refs?.map((r) => r.name);

describe("deadLetterConfigOf", () => {
  it.each<{ name: string; queue: QueueDef; config: DeadLetterConfig | null }>([
    { name: "no DLX anywhere", queue: q("a", { "x-message-ttl": 5 }, {}), config: null },
    { name: "unknown policy, no arguments", queue: q("a"), config: null },
    { name: "argument only", queue: q("a", dlx("dlx", "dead-rk")), config: { exchange: "dlx", routingKey: "dead-rk", from: "argument" } },
    {
      name: "policy only",
      queue: q("a", {}, { "dead-letter-exchange": "dlx", "dead-letter-routing-key": "from-policy", "message-ttl": 60000 }),
      config: { exchange: "dlx", routingKey: "from-policy", from: "policy" },
    },
    {
      name: "both: the argument wins for each key",
      queue: q("a", dlx("dlx2", "arg-rk"), { "dead-letter-exchange": "dlx", "dead-letter-routing-key": "from-policy" }),
      config: { exchange: "dlx2", routingKey: "arg-rk", from: "argument" },
    },
    {
      name: "argument exchange + policy routing key (keys resolve independently)",
      queue: q("pol-both", dlx("dlx2"), { "dead-letter-exchange": "dlx", "dead-letter-routing-key": "from-policy" }),
      config: { exchange: "dlx2", routingKey: "from-policy", from: "argument" },
    },
    {
      name: "policy exchange + argument routing key",
      queue: q("a", { "x-dead-letter-routing-key": "arg-rk" }, { "dead-letter-exchange": "dlx" }),
      config: { exchange: "dlx", routingKey: "arg-rk", from: "policy" },
    },
    { name: "routing key without an exchange does nothing", queue: q("a", { "x-dead-letter-routing-key": "rk" }), config: null },
    { name: "default exchange is a valid DLX", queue: q("a", dlx("", "")), config: { exchange: "", routingKey: "", from: "argument" } },
    { name: "non-string values are ignored", queue: q("a", { "x-dead-letter-exchange": 7 }, { "dead-letter-exchange": "dlx" }), config: { exchange: "dlx", routingKey: null, from: "policy" } },
  ])("$name", ({ queue, config }) => {
    expect(deadLetterConfigOf(queue)).toEqual(config);
  });
});

describe("topicMatches", () => {
  it.each<[string, string, boolean]>([
    ["a.b", "a.b", true],
    ["a.b", "a.c", false],
    ["a.*", "a.b", true],
    ["a.*", "a", false],
    ["a.*", "a.b.c", false],
    ["a.#", "a", true],
    ["a.#", "a.b.c", true],
    ["#", "", true],
    ["*", "", false],
    ["", "", true],
    ["#.z", "z", true],
    ["#.z", "a.b.z", true],
    ["#.z", "a.b.y", false],
    ["a.#.z", "a.z", true],
    ["a.#.z", "a.b.c.z", true],
    ["*.#.*", "a", false],
    ["*.#.*", "a.b", true],
    ["a.*", "a.", true], // "a." is the words ["a", ""]
    ["#.#.#.#.#.#.#.#.#.#.#.#.x", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.y", false],
  ])("%j matches %j → %s", (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});

describe("resolveDeadLetterRoutes", () => {
  const dead = q("dead");
  const dead2 = q("dead2");

  it("fanout sends to every bound queue, whatever the key", () => {
    const routes = resolveDeadLetterRoutes([q("src", dlx("dlx")), dead, dead2], [ex("dlx", "fanout")], [bind("dlx", "dead2", "x"), bind("dlx", "dead")]);
    expect(routes.get(queueKey({ vhost: V, name: "src" }))).toEqual({
      config: { exchange: "dlx", routingKey: null, from: "argument" },
      targets: [{ vhost: V, name: "dead" }, { vhost: V, name: "dead2" }],
      routing: "exact",
    });
    expect(routes.size).toBe(1); // only queues with a DLX
  });

  it.each<{ name: string; type: string; rk?: string; targets: string[]; routing: string }>([
    { name: "direct with dlrk: equal binding keys only", type: "direct", rk: "errors", targets: ["dead"], routing: "exact" },
    { name: "direct with unmatched dlrk: dropped", type: "direct", rk: "nope", targets: [], routing: "exact" },
    { name: "direct without dlrk: all bound, by original key", type: "direct", targets: ["dead", "dead2", "dead3"], routing: "by-original-key" },
    { name: "topic with dlrk: pattern match", type: "topic", rk: "orders.eu.failed", targets: ["dead2", "dead3"], routing: "exact" },
    { name: "topic without dlrk", type: "topic", targets: ["dead", "dead2", "dead3"], routing: "by-original-key" },
    { name: "headers: all bound", type: "headers", rk: "errors", targets: ["dead", "dead2", "dead3"], routing: "headers" },
    { name: "plugin type: all bound, may receive", type: "x-consistent-hash", rk: "errors", targets: ["dead", "dead2", "dead3"], routing: "by-original-key" },
  ])("$name", ({ type, rk, targets, routing }) => {
    const queues = [q("src", dlx("dlx", rk)), dead, dead2, q("dead3")];
    const bindings = [bind("dlx", "dead", "errors"), bind("dlx", "dead2", "orders.#"), bind("dlx", "dead3", "*.eu.*")];
    const route = resolveDeadLetterRoutes(queues, [ex("dlx", type)], bindings).get(queueKey({ vhost: V, name: "src" }));
    expect(names(route?.targets)).toEqual(targets);
    expect(route?.routing).toBe(routing);
  });

  it.each<{ name: string; rk?: string; targets: string[]; routing: string }>([
    { name: "default exchange with dlrk: the queue of that name", rk: "dead", targets: ["dead"], routing: "exact" },
    { name: "default exchange, dlrk naming no queue: dropped", rk: "gone", targets: [], routing: "exact" },
    { name: "default exchange without dlrk: original key, unknown", targets: [], routing: "by-original-key" },
  ])("$name", ({ rk, targets, routing }) => {
    // The "" exchange needs no ExchangeDef or bindings; the listed default bindings must not add targets.
    const route = resolveDeadLetterRoutes([q("src", dlx("", rk)), dead, dead2], [], [bind("", "dead2", "dead2")]).get(queueKey({ vhost: V, name: "src" }));
    expect(names(route?.targets)).toEqual(targets);
    expect(route?.routing).toBe(routing);
  });

  it("marks a DLX that does not exist as missing-exchange", () => {
    const route = resolveDeadLetterRoutes([q("src", {}, { "dead-letter-exchange": "nope" }), dead], [ex("dlx", "fanout")], [bind("dlx", "dead")]).get(
      queueKey({ vhost: V, name: "src" }),
    );
    expect(route).toEqual({ config: { exchange: "nope", routingKey: null, from: "policy" }, targets: [], routing: "missing-exchange" });
  });

  it("follows exchange-to-exchange bindings with the same routing key, and survives cycles", () => {
    const exchanges = [ex("dlx", "fanout"), ex("t", "topic"), ex("loop", "fanout")];
    const bindings = [
      bind("dlx", "t", "", "exchange"),
      bind("t", "dead", "err.*"),
      bind("t", "loop", "#", "exchange"),
      bind("loop", "dlx", "", "exchange"), // cycle dlx → t → loop → dlx
      bind("loop", "dead2"),
      bind("t", "ghost", "#"), // queue not in the snapshot
      bind("t", "missing-x", "#", "exchange"), // exchange not in the snapshot
    ];
    const routes = resolveDeadLetterRoutes([q("src", dlx("dlx", "err.x")), dead, dead2], exchanges, bindings);
    expect(routes.get(queueKey({ vhost: V, name: "src" }))?.targets).toEqual([{ vhost: V, name: "dead" }, { vhost: V, name: "dead2" }]);
    expect(routes.get(queueKey({ vhost: V, name: "src" }))?.routing).toBe("exact");
  });

  it("an uncertain hop makes the whole route uncertain", () => {
    const exchanges = [ex("dlx", "fanout"), ex("d", "direct"), ex("h", "headers")];
    const bindings = [bind("dlx", "d", "", "exchange"), bind("dlx", "h", "", "exchange"), bind("d", "dead", "k"), bind("h", "dead2")];
    const withKey = resolveDeadLetterRoutes([q("src", dlx("dlx", "k")), dead, dead2], exchanges, bindings);
    expect(withKey.get(queueKey({ vhost: V, name: "src" }))?.routing).toBe("headers");
    const withoutKey = resolveDeadLetterRoutes([q("src", dlx("dlx")), dead, dead2], exchanges, bindings);
    expect(withoutKey.get(queueKey({ vhost: V, name: "src" }))?.routing).toBe("by-original-key");
    expect(names(withoutKey.get(queueKey({ vhost: V, name: "src" }))?.targets)).toEqual(["dead", "dead2"]);
  });

  it("a queue can dead-letter back into itself", () => {
    const routes = resolveDeadLetterRoutes([q("retry", dlx("dlx"))], [ex("dlx", "fanout")], [bind("dlx", "retry")]);
    expect(routes.get(queueKey({ vhost: V, name: "retry" }))?.targets).toEqual([{ vhost: V, name: "retry" }]);
  });

  it("never leaks across vhosts with the same names", () => {
    const queues = [q("src", dlx("dlx"), null, "a"), q("dead", {}, null, "a"), q("src", {}, null, "b"), q("dead", {}, null, "b"), q("other", {}, null, "b")];
    const exchanges = [ex("dlx", "fanout", "a"), ex("dlx", "fanout", "b")];
    const bindings = [bind("dlx", "dead", "", "queue", "a"), bind("dlx", "other", "", "queue", "b"), bind("dlx", "dead", "", "queue", "b")];
    const routes = resolveDeadLetterRoutes(queues, exchanges, bindings);
    expect([...routes.keys()]).toEqual([queueKey({ vhost: "a", name: "src" })]);
    expect(routes.get(queueKey({ vhost: "a", name: "src" }))?.targets).toEqual([{ vhost: "a", name: "dead" }]);
    // The DLX exists only in another vhost: missing here.
    const missing = resolveDeadLetterRoutes([q("src", dlx("dlx"), null, "c"), q("dead", {}, null, "c")], exchanges, bindings);
    expect(missing.get(queueKey({ vhost: "c", name: "src" }))?.routing).toBe("missing-exchange");
  });

  it("handles vhost \"/\" and names with slashes, percent signs, quotes and Unicode", () => {
    const src = { vhost: "/", name: 'orders/eu%20"x"' };
    const dlq = { vhost: "/", name: "dead/é 😀 \\q" };
    const routes = resolveDeadLetterRoutes(
      [q(src.name, dlx("dlx/ü", "rk/%"), null, "/"), q(dlq.name, {}, null, "/"), q(dlq.name, {}, null, "/other")],
      [ex("dlx/ü", "direct", "/")],
      [bind("dlx/ü", dlq.name, "rk/%", "queue", "/")],
    );
    expect(routes.get(queueKey(src))?.targets).toEqual([dlq]);
    expect(deadLetterSources(routes).get(queueKey(dlq))).toEqual([src]);
  });
});

describe("queueKey", () => {
  it("does not collide when a separator-like character moves between vhost and name", () => {
    expect(queueKey({ vhost: "a/b", name: "c" })).not.toBe(queueKey({ vhost: "a", name: "b/c" }));
    expect(queueKey({ vhost: "/", name: "q" })).toBe("/\u0000q");
  });
});

describe("deadLetterSources", () => {
  it("inverts routes into DLQ → sorted source queues, keeping vhosts apart", () => {
    const queues = [q("z-src", dlx("dlx")), q("a-src", dlx("dlx")), q("m-src", dlx("", "dead")), q("dead"), q("dead2"), q("b-src", dlx("dlx"), null, "w"), q("dead", {}, null, "w")];
    const exchanges = [ex("dlx", "fanout"), ex("dlx", "fanout", "w")];
    const bindings = [bind("dlx", "dead"), bind("dlx", "dead2"), bind("dlx", "dead", "", "queue", "w")];
    const sources = deadLetterSources(resolveDeadLetterRoutes(queues, exchanges, bindings));
    expect(sources.get(queueKey({ vhost: V, name: "dead" }))).toEqual([q("a-src"), q("m-src"), q("z-src")].map(({ vhost, name }) => ({ vhost, name })));
    expect(names(sources.get(queueKey({ vhost: V, name: "dead2" })))).toEqual(["a-src", "z-src"]);
    expect(sources.get(queueKey({ vhost: "w", name: "dead" }))).toEqual([{ vhost: "w", name: "b-src" }]);
    expect(sources.size).toBe(3);
  });
});

describe("deadLettersDropped", () => {
  const exchanges = [ex("dlx", "fanout"), ex("direct-dlx", "direct"), ex("empty-dlx", "fanout"), ex("hdr", "headers")];
  const bindings = [bind("dlx", "dlq"), bind("direct-dlx", "dlq", "failed"), bind("hdr", "dlq")];
  it.each<{ name: string; args: Record<string, unknown>; dropped: boolean }>([
    { name: "a DLX that does not exist", args: dlx("nope"), dropped: true },
    { name: "a DLX with no binding at all", args: dlx("empty-dlx"), dropped: true },
    { name: "a direct DLX whose bindings do not match the dead-letter key", args: dlx("direct-dlx", "other"), dropped: true },
    { name: "a direct DLX whose binding matches", args: dlx("direct-dlx", "failed"), dropped: false },
    { name: "a fanout DLX with a bound queue", args: dlx("dlx"), dropped: false },
    { name: "the default exchange naming a queue that does not exist", args: dlx("", "missing"), dropped: true },
    { name: "the default exchange naming an existing queue", args: dlx("", "dlq"), dropped: false },
    { name: "the default exchange without a key: the message's own key decides, not claimed", args: dlx(""), dropped: false },
    { name: "a headers DLX with a binding: may match, not claimed", args: dlx("hdr"), dropped: false },
  ])("$name → $dropped", ({ args, dropped }) => {
    const routes = resolveDeadLetterRoutes([q("src", args), q("dlq")], exchanges, bindings);
    const route = routes.get(queueKey({ vhost: V, name: "src" }));
    expect(route && deadLettersDropped(route)).toBe(dropped);
  });
});

describe("deadLetterLoops", () => {
  it.each<{ name: string; queues: QueueDef[]; loops: string[] }>([
    { name: "into itself through the default exchange", queues: [q("self", dlx("", "self"))], loops: ["self"] },
    { name: "a cycle of two", queues: [q("a", dlx("", "b")), q("b", dlx("", "a"))], loops: ["a", "b"] },
    { name: "a chain into a cycle: only the cycle's members loop", queues: [q("in", dlx("", "a")), q("a", dlx("", "b")), q("b", dlx("", "a"))], loops: ["a", "b"] },
    { name: "a plain source → DLQ", queues: [q("src", dlx("", "dlq")), q("dlq")], loops: [] },
  ])("$name", ({ queues, loops }) => {
    const found = deadLetterLoops(resolveDeadLetterRoutes(queues, [], []));
    expect([...found].map((key) => key.split("\u0000")[1]).sort()).toEqual(loops);
  });
});
