// What every API route needs, in one table. Each route handler is built by `guard` or `mutation`
// (lib/api/guard.ts, lib/api/mutation.ts), which take their access from here by the route's key, so a
// handler cannot exist without an entry; tests/integration/route-access.test.ts walks app/api and fails
// on a route file or method missing here, and checks every entry against every kind of caller.
import type { Access } from "@/lib/auth/roles";

export const ROUTE_ACCESS = {
  "GET /api/health": "public",

  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "session",
  "GET /api/auth/oidc/start": "public",
  "GET /api/auth/oidc/callback": "public",

  "GET /api/v1/me": "session",
  "POST /api/v1/me/password": "session",

  "GET /api/v1/overview": "read",
  "GET /api/v1/clusters": "read",
  "GET /api/v1/series": "read",
  "GET /api/v1/clusters/[id]/brokers": "read",
  "GET /api/v1/clusters/[id]/nodes": "read",
  "GET /api/v1/clusters/[id]/topics": "read",
  "GET /api/v1/clusters/[id]/topics/[topic]": "read",
  "GET /api/v1/clusters/[id]/consumer-groups": "read",
  "GET /api/v1/clusters/[id]/consumer-groups/[groupId]": "read",
  "GET /api/v1/clusters/[id]/consumer-groups/[groupId]/lag": "read",
  "GET /api/v1/clusters/[id]/queues": "read",
  "GET /api/v1/clusters/[id]/queues/[vhost]/[name]": "read",
  "GET /api/v1/clusters/[id]/dead-letters": "read",
  "GET /api/v1/clusters/[id]/dead-letters/messages": "read",
  "GET /api/v1/clusters/[id]/dead-letters/messages/[messageId]": "read",
  "GET /api/v1/clusters/[id]/dead-letters/messages/[messageId]/payload": "read",
  "GET /api/v1/replays": "read",
  "POST /api/v1/replays": "dlq:act",
  "GET /api/v1/replays/[replayId]": "read",
  "POST /api/v1/replays/[replayId]/[verb]": "dlq:act",

  "GET /api/v1/alerts": "read",
  "GET /api/v1/alerts/history": "read",
  "GET /api/v1/alert-rules": "read",
  "POST /api/v1/alert-rules": "alerts:edit",
  "GET /api/v1/alert-rules/[ruleId]": "read",
  "PUT /api/v1/alert-rules/[ruleId]": "alerts:edit",
  "DELETE /api/v1/alert-rules/[ruleId]": "alerts:edit",
  // A computation over history, not a change: a viewer may ask what a rule would have done.
  "POST /api/v1/alert-rules/backtest": "read",
  "GET /api/v1/silences": "read",
  "POST /api/v1/silences": "alerts:edit",
  "DELETE /api/v1/silences/[silenceId]": "alerts:edit",
  "GET /api/v1/contact-points": "read",
  "POST /api/v1/contact-points": "alerts:edit",
  "PUT /api/v1/contact-points/[contactPointId]": "alerts:edit",
  "DELETE /api/v1/contact-points/[contactPointId]": "alerts:edit",
  "POST /api/v1/contact-points/[contactPointId]/test": "alerts:edit",
  "GET /api/v1/contact-points/deliveries": "read",

  "GET /api/v1/audit": "audit:read",

  "GET /api/v1/users": "users:manage",
  "POST /api/v1/users": "users:manage",
  "PATCH /api/v1/users/[userId]": "users:manage",
  "DELETE /api/v1/users/[userId]": "users:manage",

  "GET /api/v1/tokens": "tokens:manage",
  "POST /api/v1/tokens": "tokens:manage",
  "DELETE /api/v1/tokens/[tokenId]": "tokens:manage",

  // Any other /api path: a JSON 404 for everyone (it serves nothing).
  "GET /api/[...path]": "public",
  "POST /api/[...path]": "public",
  "PUT /api/[...path]": "public",
  "PATCH /api/[...path]": "public",
  "DELETE /api/[...path]": "public",
  "HEAD /api/[...path]": "public",
  "OPTIONS /api/[...path]": "public",
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_ACCESS;
