// Every API route × every kind of caller → the status the route's declared access says. The route list
// is read from app/api (not from ROUTE_ACCESS), so a new route file or method without a declared access
// fails here; each route is called for real, through its exported handler, against the test database.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_ACCESS, type RouteKey } from "@/lib/api/route-access";
import { authorize, type Access, type Principal } from "@/lib/auth/roles";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { createTestToken, createTestUser, expiredSessionCookie, sessionCookie } from "../support/auth-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  key: string;
  method: Method;
  pattern: string;
  handler: Handler;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const APP = path.resolve("app");
async function discoverRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of routeFiles(path.join(APP, "api"))) {
    const pattern = `/${path.relative(APP, path.dirname(file)).split(path.sep).join("/")}`;
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = module[method];
      if (typeof handler === "function") routes.push({ key: `${method} ${pattern}`, method, pattern, handler: handler as Handler });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Sample values for a route's dynamic segments: names nothing configured has (the handler answers 404/400 once access is granted). */
function concretePath(pattern: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, rest: string | undefined, name: string) => {
    const value = name === "userId" || name === "tokenId" ? "00000000-0000-4000-8000-000000000000" : `no-such-${name.toLowerCase()}`;
    params[name] = rest ? [value] : value;
    return value;
  });
  return { url, params };
}

type Identity = { name: string; principal: Principal; headers: () => Promise<Record<string, string>>; anonymousViewer?: boolean; expectUnauthenticated?: boolean };

let db: Db;
let routes: Route[];
const identities: Identity[] = [];
// A configured broker secret: no answer to anyone may contain it.
const BROKER_SECRET = `matrix-broker-secret-${uniqueSuffix()}`;
const CLUSTERS = `clusters:\n  - {id: matrix-kafka, kind: kafka, brokers: ["127.0.0.1:1"]}\n  - {id: matrix-rabbit, kind: rabbitmq, managementUrl: "http://127.0.0.1:1", username: qw, password: ${BROKER_SECRET}}\n`;
const strictConfig = writeTestConfig(CLUSTERS);
const viewerModeConfig = writeTestConfig(`auth: {anonymousRole: viewer}\n${CLUSTERS}`);
// Every caller here looks like a browser on Queuewatch's own pages: the origin check has tests of its own (auth.test.ts).
const ORIGIN = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };
const results: string[] = [];

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  routes = await discoverRoutes();
  const suffix = uniqueSuffix();
  const user = (role: "viewer" | "operator" | "admin") => ({ kind: "user", id: "-", name: "-", role, sessionId: "-" }) as const;
  const token = (role: "viewer" | "operator" | "admin") => ({ kind: "token", id: "-", name: "-", role }) as const;
  for (const role of ["viewer", "operator", "admin"] as const) {
    const created = await createTestUser(db, `matrix-${role}-${suffix}`, role);
    // A fresh session per call: the logout route ends the one it is given.
    identities.push({ name: `${role} session`, principal: user(role), headers: async () => ({ cookie: await sessionCookie(db, created.id), ...ORIGIN }) });
    const secret = await createTestToken(db, `matrix-${role}-${suffix}`, role);
    identities.push({ name: `${role} token`, principal: token(role), headers: async () => ({ authorization: `Bearer ${secret}`, ...ORIGIN }) });
  }
  const revoked = await createTestToken(db, `matrix-revoked-${suffix}`, "admin", { revoked: true });
  identities.push({ name: "revoked admin token", principal: { kind: "anonymous", mayRead: false }, expectUnauthenticated: true, headers: async () => ({ authorization: `Bearer ${revoked}`, ...ORIGIN }) });
  const expiredUser = await createTestUser(db, `matrix-expired-${suffix}`, "admin");
  identities.push({ name: "expired admin session", principal: { kind: "anonymous", mayRead: false }, headers: async () => ({ cookie: await expiredSessionCookie(db, expiredUser.id), ...ORIGIN }) });
  identities.push({ name: "anonymous", principal: { kind: "anonymous", mayRead: false }, headers: async () => ({ ...ORIGIN }) });
  identities.push({ name: "anonymous, anonymousRole: viewer", principal: { kind: "anonymous", mayRead: true }, anonymousViewer: true, headers: async () => ({ ...ORIGIN }) });
});

afterAll(async () => {
  process.env.QUEUEWATCH_CONFIG = strictConfig;
  process.stdout.write(`route × caller, as run (status):\n${results.join("\n")}\n`);
  await db.$disconnect();
});

/** 401/403 when the declared access refuses the caller; otherwise the route's own answer, which must not be 401, 403 or 5xx. */
function expectedRefusal(identity: Identity, access: Access): 401 | 403 | null {
  if (identity.expectUnauthenticated && access !== "public") return 401;
  const verdict = authorize(identity.principal, access);
  return verdict === "ok" ? null : verdict === "unauthenticated" ? 401 : 403;
}

describe("route access", () => {
  it("every route file's methods have a declared access, and every declared access has a route", () => {
    const found = routes.map((route) => route.key);
    expect(found.filter((key) => !(key in ROUTE_ACCESS)), "routes without an entry in lib/api/route-access.ts").toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !found.includes(key)), "entries without a route").toEqual([]);
    expect(found.length).toBeGreaterThan(30);
  });

  it("every route answers every caller as its declared access says", async () => {
    for (const route of routes) {
      const access = ROUTE_ACCESS[route.key as RouteKey];
      const row: string[] = [];
      for (const identity of identities) {
        process.env.QUEUEWATCH_CONFIG = identity.anonymousViewer ? viewerModeConfig : strictConfig;
        const { url, params } = concretePath(route.pattern);
        const hasBody = !["GET", "HEAD", "OPTIONS"].includes(route.method);
        const request = new Request(`http://localhost${url}`, {
          method: route.method,
          headers: { ...(await identity.headers()), ...(hasBody ? { "content-type": "application/json" } : {}) },
          // An empty object: a granted change stops at input validation (or finds nothing to change) — nothing is altered.
          body: hasBody ? "{}" : undefined,
        });
        const response = await route.handler(request, { params: Promise.resolve(params) });
        const refusal = expectedRefusal(identity, access);
        const context = `${route.key} as ${identity.name} (access ${access})${response.status >= 500 ? `: ${await response.clone().text()}` : ""}`;
        if (refusal !== null) {
          expect(response.status, context).toBe(refusal);
        } else {
          expect([401, 403], context).not.toContain(response.status);
          // Health answers 503 while a cluster is unpolled: that is its answer, not a failure.
          if (!(route.key === "GET /api/health" && response.status === 503)) expect(response.status, context).toBeLessThan(500);
        }
        expect(await response.text(), `${context} leaks a configured secret`).not.toContain(BROKER_SECRET);
        row.push(`${identity.name}: ${response.status}`);
      }
      results.push(`${route.key} [${access}] — ${row.join(", ")}`);
    }
  });

  it("every GET route answers junk query parameters with 4xx or its normal answer, never 5xx", async () => {
    process.env.QUEUEWATCH_CONFIG = strictConfig;
    const admin = identities.find((identity) => identity.name === "admin token");
    if (!admin) throw new Error("no admin token identity");
    const junk = new URLSearchParams({ from: "yesterday", to: "", points: "-5", limit: "abc", before: "x", cluster: "<script>", metric: "%00", agg: "median", result: "maybe", label: "a".repeat(10_000) });
    for (const route of routes.filter((r) => r.method === "GET")) {
      for (const sample of [concretePath(route.pattern), { url: route.pattern.replace(/\[(\.\.\.)?[^\]]+\]/g, "%E0%A4%A"), params: {} }]) {
        const response = await route.handler(new Request(`http://localhost${sample.url}?${junk}`, { headers: await admin.headers() }), { params: Promise.resolve(sample.params) });
        if (!(route.key === "GET /api/health" && response.status === 503)) expect(response.status, `${route.key} with junk: ${await response.clone().text()}`).toBeLessThan(500);
      }
    }
  });
});
