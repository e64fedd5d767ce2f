/**
 * Where a RabbitMQ queue's dead letters go, computed from a snapshot of queues, exchanges and bindings
 * (management API shapes). Pure: the collector fetches, this module only follows the routing rules.
 */

export interface QueueRef {
  vhost: string;
  name: string;
}

export interface QueueDef extends QueueRef {
  arguments: Readonly<Record<string, unknown>>;
  /** The queue's `effective_policy_definition` (policy and operator policy merged); null when unknown. */
  policyDefinition: Readonly<Record<string, unknown>> | null;
}

export interface ExchangeDef {
  vhost: string;
  name: string;
  type: string;
}

export interface BindingDef {
  vhost: string;
  source: string;
  destination: string;
  destinationType: string;
  routingKey: string;
  arguments: Readonly<Record<string, unknown>>;
}

export interface DeadLetterConfig {
  exchange: string;
  routingKey: string | null;
  /** Where the exchange setting came from (the routing key is resolved separately and may come from the other place). */
  from: "argument" | "policy";
}

export interface DeadLetterRoute {
  config: DeadLetterConfig;
  /** queues dead letters of this queue can reach, sorted by vhost then name */
  targets: QueueRef[];
  /**
   * exact: the routing key decides (dlrk set, or fanout); by-original-key: no dlrk on a direct/topic exchange, so any bound queue may
   * receive them depending on the message's own routing key; headers: depends on message headers; missing-exchange: the DLX does
   * not exist, dead letters are DROPPED (a thing to show in red)
   */
  routing: "exact" | "by-original-key" | "headers" | "missing-exchange";
}

type Routing = DeadLetterRoute["routing"];

const DEFAULT_EXCHANGE = "";

/** Key for maps: vhost and name joined by "\u0000" (names may contain any character except NUL). */
export function queueKey(ref: QueueRef): string {
  return `${ref.vhost}\u0000${ref.name}`;
}

/** Inverse of queueKey; the vhost cannot contain NUL, so the first NUL is the separator. */
function refOfKey(key: string): QueueRef {
  const separator = key.indexOf("\u0000");
  return { vhost: key.slice(0, separator), name: key.slice(separator + 1) };
}

function stringSetting(table: Readonly<Record<string, unknown>> | null, key: string): string | undefined {
  const value = table?.[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * A queue's effective DLX settings. RabbitMQ resolves each key on its own, and for both the queue argument wins over the
 * policy (`res_arg` in rabbit_amqqueue_process; the exchange case was confirmed on the 3.10.8 broker). So an argument-set
 * exchange can pair with a policy-set routing key. "" is a valid DLX (the default exchange), hence no truthiness checks.
 */
export function deadLetterConfigOf(queue: QueueDef): DeadLetterConfig | null {
  const argExchange = stringSetting(queue.arguments, "x-dead-letter-exchange");
  const exchange = argExchange ?? stringSetting(queue.policyDefinition, "dead-letter-exchange");
  if (exchange === undefined) return null;
  const routingKey =
    stringSetting(queue.arguments, "x-dead-letter-routing-key") ?? stringSetting(queue.policyDefinition, "dead-letter-routing-key") ?? null;
  return { exchange, routingKey, from: argExchange === undefined ? "policy" : "argument" };
}

/** AMQP topic words: RabbitMQ splits "" into zero words and keeps empty words around dots ("a." → ["a", ""]). */
function topicWords(key: string): string[] {
  return key === "" ? [] : key.split(".");
}

/** AMQP topic matching: `*` is exactly one word, `#` zero or more. Memoised so patterns full of `#` stay linear-ish. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = topicWords(pattern);
  const w = topicWords(routingKey);
  const memo = new Map<number, boolean>();
  const match = (pi: number, wi: number): boolean => {
    const id = pi * (w.length + 1) + wi;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const word = p[pi];
    let result: boolean;
    if (word === undefined) result = wi === w.length;
    else if (word === "#") result = match(pi + 1, wi) || (wi < w.length && match(pi, wi + 1));
    else result = wi < w.length && (word === "*" || word === w[wi]) && match(pi + 1, wi + 1);
    memo.set(id, result);
    return result;
  };
  return match(0, 0);
}

/** How sure we are, least sure last: a route is as uncertain as its least certain hop. A missing dlrk ranks above
 *  headers because it is a fixable property of the source queue, worth surfacing first. */
const UNCERTAINTY: readonly Routing[] = ["exact", "headers", "by-original-key"];

function lessCertain(a: Routing, b: Routing): Routing {
  return UNCERTAINTY.indexOf(b) > UNCERTAINTY.indexOf(a) ? b : a;
}

interface Topology {
  queues: ReadonlySet<string>;
  exchanges: ReadonlyMap<string, ExchangeDef>;
  bindingsBySource: ReadonlyMap<string, readonly BindingDef[]>;
}

function indexTopology(queues: readonly QueueDef[], exchanges: readonly ExchangeDef[], bindings: readonly BindingDef[]): Topology {
  const bindingsBySource = new Map<string, BindingDef[]>();
  for (const binding of bindings) {
    // Default-exchange bindings are implicit (one per queue); routing through "" uses queue names directly.
    if (binding.source === DEFAULT_EXCHANGE) continue;
    const key = queueKey({ vhost: binding.vhost, name: binding.source });
    const list = bindingsBySource.get(key);
    if (list) list.push(binding);
    else bindingsBySource.set(key, [binding]);
  }
  return {
    queues: new Set(queues.map(queueKey)),
    exchanges: new Map(exchanges.map((exchange) => [queueKey(exchange), exchange])),
    bindingsBySource,
  };
}

/** Which of an exchange's bindings a dead letter with this routing key (null: the message's own, unknown) follows. */
function selectBindings(type: string, bindings: readonly BindingDef[], routingKey: string | null): { chosen: readonly BindingDef[]; routing: Routing } {
  if (type === "fanout") return { chosen: bindings, routing: "exact" };
  if (type === "headers") return { chosen: bindings, routing: "headers" };
  // Without a dlrk the message's original key decides; plugin types (consistent-hash, delayed, ...) also route by the
  // message in ways we cannot replay, so every bound destination is a "may receive".
  if (routingKey === null || (type !== "direct" && type !== "topic")) return { chosen: bindings, routing: "by-original-key" };
  const chosen = bindings.filter((b) => (type === "direct" ? b.routingKey === routingKey : topicMatches(b.routingKey, routingKey)));
  return { chosen, routing: "exact" };
}

/**
 * Follows an exchange and its exchange-to-exchange bindings (the routing key is unchanged across hops), collecting existing
 * queues. `visited` guards against binding cycles.
 */
function routeThroughExchange(topology: Topology, exchange: ExchangeDef, routingKey: string | null, targets: Set<string>, visited: Set<string>): Routing {
  const key = queueKey(exchange);
  if (visited.has(key)) return "exact";
  visited.add(key);
  const { chosen, routing } = selectBindings(exchange.type, topology.bindingsBySource.get(key) ?? [], routingKey);
  let result = routing;
  for (const binding of chosen) {
    const destination = queueKey({ vhost: binding.vhost, name: binding.destination });
    if (binding.destinationType === "queue") {
      if (topology.queues.has(destination)) targets.add(destination);
      continue;
    }
    const next = topology.exchanges.get(destination);
    if (binding.destinationType === "exchange" && next) result = lessCertain(result, routeThroughExchange(topology, next, routingKey, targets, visited));
  }
  return result;
}

/** Sorts queue references in place by vhost, then name (code-unit order, like the API's lists). */
export function sortRefs<T extends QueueRef>(refs: T[]): T[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return refs.sort((a, b) => compare(a.vhost, b.vhost) || compare(a.name, b.name));
}

function routeDeadLetters(topology: Topology, queue: QueueDef, config: DeadLetterConfig): DeadLetterRoute {
  if (config.exchange === DEFAULT_EXCHANGE) {
    // The default exchange delivers to the queue named by the key. Without a dlrk that is the message's original key,
    // which we cannot know (often, but not always, the source queue's own name), so no targets are claimed.
    if (config.routingKey === null) return { config, targets: [], routing: "by-original-key" };
    const target = { vhost: queue.vhost, name: config.routingKey };
    return { config, targets: topology.queues.has(queueKey(target)) ? [target] : [], routing: "exact" };
  }
  const exchange = topology.exchanges.get(queueKey({ vhost: queue.vhost, name: config.exchange }));
  if (!exchange) return { config, targets: [], routing: "missing-exchange" };
  const targets = new Set<string>();
  const routing = routeThroughExchange(topology, exchange, config.routingKey, targets, new Set());
  return { config, targets: sortRefs([...targets].map(refOfKey)), routing };
}

/**
 * Dead-letter routes keyed by queueKey, for the queues that have a DLX configured. Dead letters are published to the DLX in the
 * queue's own vhost, so every lookup is vhost-scoped. An empty `targets` with routing "exact" means nothing matches: dropped too.
 * Alternate exchanges are not followed (ExchangeDef does not carry them).
 */
export function resolveDeadLetterRoutes(queues: readonly QueueDef[], exchanges: readonly ExchangeDef[], bindings: readonly BindingDef[]): Map<string, DeadLetterRoute> {
  const topology = indexTopology(queues, exchanges, bindings);
  const routes = new Map<string, DeadLetterRoute>();
  for (const queue of queues) {
    const config = deadLetterConfigOf(queue);
    if (config) routes.set(queueKey(queue), routeDeadLetters(topology, queue, config));
  }
  return routes;
}

/** Inverts routes: DLQ key → its source queues (sorted). */
export function deadLetterSources(routes: ReadonlyMap<string, Pick<DeadLetterRoute, "targets">>): Map<string, QueueRef[]> {
  const sources = new Map<string, QueueRef[]>();
  for (const [sourceKey, route] of routes) {
    const source = refOfKey(sourceKey);
    for (const target of route.targets) {
      const key = queueKey(target);
      const list = sources.get(key);
      if (list) list.push(source);
      else sources.set(key, [source]);
    }
  }
  for (const list of sources.values()) sortRefs(list);
  return sources;
}

/**
 * Dead letters of this route reach no queue: the DLX does not exist, or it exists and nothing bound to it can take them.
 * Only the default exchange without a dead-letter routing key is left undecided (the message's own key names the queue).
 */
export function deadLettersDropped(route: Pick<DeadLetterRoute, "config" | "routing" | "targets">): boolean {
  if (route.routing === "missing-exchange") return true;
  const byOwnKeyThroughDefault = route.config.exchange === DEFAULT_EXCHANGE && route.config.routingKey === null;
  return route.targets.length === 0 && !byOwnKeyThroughDefault;
}

/** Keys of the queues whose dead letters come back to them: to themselves, or through a cycle of dead-letter queues. */
export function deadLetterLoops(routes: ReadonlyMap<string, Pick<DeadLetterRoute, "targets">>): Set<string> {
  const next = new Map([...routes].map(([key, route]) => [key, route.targets.map(queueKey)]));
  const loops = new Set<string>();
  for (const start of next.keys()) {
    // Depth-first from the queue's own targets; a visit of `start` closes a cycle.
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const key = stack.pop() ?? "";
      if (key === start) {
        loops.add(start);
        break;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push(...(next.get(key) ?? []));
    }
  }
  return loops;
}
