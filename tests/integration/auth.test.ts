// Login, sessions, tokens, the origin check, the rate limit and the audit trail, through the real route
// handlers and the test database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { POST as passwordRoute } from "@/app/api/v1/me/password/route";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { DELETE as deleteUserRoute, PATCH as patchUserRoute } from "@/app/api/v1/users/[userId]/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[tokenId]/route";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import type { AuditPageDto, CreatedTokenDto, MeDto, TokenDto, UserDto } from "@/lib/api/types";
import { LOGIN_LIMITS } from "@/lib/auth/login";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { createTestUser, sessionCookie, type TestUser } from "../support/auth-fixtures";
import { params } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

writeTestConfig(`auth: {sessionIdleMinutes: 30}\nclusters:\n  - {id: auth-kafka, kind: kafka, brokers: ["127.0.0.1:1"]}\n`);

const SAME_ORIGIN = { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" };
const NO_PARAMS = params({});
let db: Db;
let admin: TestUser;
let adminCookie: string;
const suffix = uniqueSuffix();
let address = 0;

/** Each test's requests from an address of their own, so the per-address login limit of one test does not spill into another. */
const nextAddress = () => `10.11.${Math.floor(++address / 250)}.${address % 250}`;

function request(path: string, init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Request {
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return new Request(`http://localhost${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), body, headers: { "content-type": "application/json", ...init.headers } });
}

const setCookieOf = (response: Response): string => response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
const cookieValue = (setCookie: string): string => setCookie.split(";")[0] ?? "";

async function login(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return loginRoute(request("/api/auth/login", { body: { username, password }, headers: { ...SAME_ORIGIN, ...headers } }), NO_PARAMS);
}

async function auditRows(action: string, target: string) {
  return db.auditEvent.findMany({ where: { action, target }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  admin = await createTestUser(db, `auth-admin-${suffix}`, "admin");
  adminCookie = await sessionCookie(db, admin.id);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("login", () => {
  it("sets an httpOnly SameSite=Lax session cookie (not Secure on http), stores only its hash, and audits the login", async () => {
    const user = await createTestUser(db, `auth-login-${suffix}`, "viewer");
    const response = await login(user.username, user.password, { "x-forwarded-for": nextAddress(), "user-agent": "auth-test/1" });
    expect(response.status).toBe(200);
    const setCookie = setCookieOf(response);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
    const token = cookieValue(setCookie).slice(SESSION_COOKIE.length + 1);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const sessions = await db.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.tokenHash).not.toContain(token);
    const me = (await (await meRoute(request("/api/v1/me", { headers: { cookie: cookieValue(setCookie) } }))).json()) as { me: MeDto };
    expect(me.me).toEqual({ kind: "user", name: user.username, role: "viewer", canChangePassword: true });
    const [row] = await auditRows("login", `user:${user.username}`);
    expect(row).toMatchObject({ actor: `user:${user.username}`, result: "ok", userAgent: "auth-test/1" });
  });

  it("gives a new session id at login and ends the one the browser came with (no session fixation)", async () => {
    const user = await createTestUser(db, `auth-fixation-${suffix}`, "operator");
    const planted = await sessionCookie(db, user.id);
    const response = await login(user.username, user.password, { cookie: planted, "x-forwarded-for": nextAddress() });
    expect(response.status).toBe(200);
    const fresh = cookieValue(setCookieOf(response));
    expect(fresh).not.toBe(planted);
    expect((await meRoute(request("/api/v1/me", { headers: { cookie: planted } }))).status).toBe(401);
    expect((await meRoute(request("/api/v1/me", { headers: { cookie: fresh } }))).status).toBe(200);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a wrong password or an unknown user with the same message, and audits the failure", async () => {
    const user = await createTestUser(db, `auth-wrong-${suffix}`, "viewer");
    const wrong = await login(user.username, "not the password", { "x-forwarded-for": nextAddress() });
    const unknown = await login(`nobody-${suffix}`, "whatever", { "x-forwarded-for": nextAddress() });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe("wrong user name or password");
      expect(setCookieOf(response)).toBe("");
    }
    expect(await auditRows("login", `user:${user.username}`)).toEqual([expect.objectContaining({ result: "failed", message: "wrong user name or password" })]);
  });

  it("answers the 11th bad login for a user within a minute with 429 and Retry-After, even with the right password", async () => {
    const user = await createTestUser(db, `auth-ratelimit-${suffix}`, "viewer");
    expect(LOGIN_LIMITS.perUser).toBe(10);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await login(user.username, `wrong-${attempt}`, { "x-forwarded-for": nextAddress() })).status, `attempt ${attempt}`).toBe(401);
    }
    const eleventh = await login(user.username, "wrong-11", { "x-forwarded-for": nextAddress() });
    expect(eleventh.status).toBe(429);
    const retryAfter = Number(eleventh.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const rightPassword = await login(user.username, user.password, { "x-forwarded-for": nextAddress() });
    expect(rightPassword.status).toBe(429);
    // The first refusal in the window is audited; the flood after it is not written row by row.
    const rows = await auditRows("login", `user:${user.username}`);
    expect(rows.filter((r) => r.result === "failed")).toHaveLength(10);
    expect(rows.filter((r) => r.result === "denied")).toHaveLength(1);
  });

  it("counts parallel guesses as they arrive: 30 at once get at most 10 password checks", async () => {
    const user = await createTestUser(db, `auth-parallel-${suffix}`, "viewer");
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(user.username, `guess-${i}`, { "x-forwarded-for": nextAddress() }).then((r) => r.status)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(LOGIN_LIMITS.perUser);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - LOGIN_LIMITS.perUser);
  });

  it("limits failures per client address too, across user names", async () => {
    const ip = nextAddress();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) expect((await login(`spray-${i}-${suffix}`, "x", { "x-forwarded-for": ip })).status).toBe(401);
    expect((await login(`spray-last-${suffix}`, "x", { "x-forwarded-for": ip })).status).toBe(429);
    expect((await login(`spray-last-${suffix}`, "x", { "x-forwarded-for": nextAddress() })).status).toBe(401);
  });

  it("logout ends the session and clears the cookie", async () => {
    const user = await createTestUser(db, `auth-logout-${suffix}`, "viewer");
    const cookie = await sessionCookie(db, user.id);
    const response = await logoutRoute(request("/api/auth/logout", { body: {}, headers: { cookie, ...SAME_ORIGIN } }), NO_PARAMS);
    expect(response.status).toBe(200);
    expect(setCookieOf(response)).toMatch(/Max-Age=0/);
    expect((await meRoute(request("/api/v1/me", { headers: { cookie } }))).status).toBe(401);
  });

  it("takes a malformed or unknown session cookie for no session (401), never a 500", async () => {
    for (const cookie of [`${SESSION_COOKIE}=%`, `${SESSION_COOKIE}=%E0%A4%A`, `${SESSION_COOKIE}=not-a-session`, `${SESSION_COOKIE}=`]) {
      expect((await meRoute(request("/api/v1/me", { headers: { cookie } }))).status, cookie).toBe(401);
    }
  });

  it("ends a session idle for longer than auth.sessionIdleMinutes", async () => {
    const user = await createTestUser(db, `auth-idle-${suffix}`, "viewer");
    const cookie = await sessionCookie(db, user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const response = await meRoute(request("/api/v1/me", { headers: { cookie } }));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/session has ended/);
    expect(setCookieOf(response)).toMatch(/Max-Age=0/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the origin check on cookie-authenticated changes", () => {
  it("refuses a cross-origin POST carrying a valid admin session, changes nothing, and audits the refusal", async () => {
    const name = `csrf-victim-${suffix}`;
    for (const headers of [
      { origin: "http://evil.example", host: "localhost" } as Record<string, string>,
      { origin: "http://localhost:3109", host: "localhost", "sec-fetch-site": "same-site" },
      { host: "localhost" },
    ]) {
      const response = await createUserRoute(request("/api/v1/users", { body: { username: name, role: "admin", password: "a long enough password" }, headers: { cookie: adminCookie, ...headers } }), NO_PARAMS);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
    }
    expect(await db.user.count({ where: { username: name } })).toBe(0);
    const denied = await db.auditEvent.findMany({ where: { action: "user.create", actor: `user:${admin.username}`, result: "denied" } });
    expect(denied.length).toBeGreaterThanOrEqual(3);
    const same = await createUserRoute(request("/api/v1/users", { body: { username: name, role: "viewer", password: "a long enough password" }, headers: { cookie: adminCookie, ...SAME_ORIGIN } }), NO_PARAMS);
    expect(same.status).toBe(201);
  });
});

describe("users", () => {
  it("an admin creates, changes, disables and deletes a user; every step is audited with before and after", async () => {
    const headers = { cookie: adminCookie, ...SAME_ORIGIN };
    const created = await createUserRoute(request("/api/v1/users", { body: { username: `u-${suffix}`, role: "viewer", password: "first password 1" }, headers }), NO_PARAMS);
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: UserDto };
    expect(user).toMatchObject({ role: "viewer", source: "local", disabled: false });
    expect(JSON.stringify(user)).not.toContain("password");
    const changed = await patchUserRoute(request(`/api/v1/users/${user.id}`, { method: "PATCH", body: { role: "operator" }, headers }), params({ userId: user.id }));
    expect(((await changed.json()) as { user: UserDto }).user.role).toBe("operator");
    const [update] = await auditRows("user.update", `user:u-${suffix}`);
    expect(update).toMatchObject({ actor: `user:${admin.username}`, result: "ok", before: expect.objectContaining({ role: "viewer" }), after: expect.objectContaining({ role: "operator" }) });
    // Disabling ends the user's sessions at once.
    const cookie = await sessionCookie(db, user.id);
    await patchUserRoute(request(`/api/v1/users/${user.id}`, { method: "PATCH", body: { disabled: true }, headers }), params({ userId: user.id }));
    expect((await meRoute(request("/api/v1/me", { headers: { cookie } }))).status).toBe(401);
    const deleted = await deleteUserRoute(request(`/api/v1/users/${user.id}`, { method: "DELETE", headers }), params({ userId: user.id }));
    expect(deleted.status).toBe(200);
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await auditRows("user.delete", `user:u-${suffix}`)).toEqual([expect.objectContaining({ result: "ok", before: expect.objectContaining({ username: `u-${suffix}` }) })]);
    const list = (await (await listUsersRoute(request("/api/v1/users", { headers: { cookie: adminCookie } }))).json()) as { users: UserDto[] };
    expect(list.users.map((u) => u.username)).toContain(admin.username);
  });

  it("never removes the last enabled admin, and nobody deletes themselves", async () => {
    const headers = { cookie: adminCookie, ...SAME_ORIGIN };
    const self = await deleteUserRoute(request(`/api/v1/users/${admin.id}`, { method: "DELETE", headers }), params({ userId: admin.id }));
    expect(self.status).toBe(409);
    // Make every other admin a viewer inside a transaction we roll back, and check the guard sees it.
    const others = await db.user.findMany({ where: { role: "admin", disabledAt: null, id: { not: admin.id } } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "viewer" } });
    try {
      const demote = await patchUserRoute(request(`/api/v1/users/${admin.id}`, { method: "PATCH", body: { role: "viewer" }, headers }), params({ userId: admin.id }));
      expect(demote.status).toBe(409);
      expect(((await demote.json()) as { error: { message: string } }).error.message).toMatch(/last enabled admin/);
    } finally {
      for (const other of others) await db.user.update({ where: { id: other.id }, data: { role: other.role } });
    }
  });

  it("changes one's own password only with the current one, and ends one's other sessions", async () => {
    const user = await createTestUser(db, `auth-pw-${suffix}`, "viewer");
    const mine = await sessionCookie(db, user.id);
    const other = await sessionCookie(db, user.id);
    const wrong = await passwordRoute(request("/api/v1/me/password", { body: { currentPassword: "nope", newPassword: "a brand new password" }, headers: { cookie: mine, ...SAME_ORIGIN } }), NO_PARAMS);
    expect(wrong.status).toBe(400);
    const ok = await passwordRoute(request("/api/v1/me/password", { body: { currentPassword: user.password, newPassword: "a brand new password" }, headers: { cookie: mine, ...SAME_ORIGIN } }), NO_PARAMS);
    expect(ok.status).toBe(200);
    expect((await meRoute(request("/api/v1/me", { headers: { cookie: mine } }))).status).toBe(200);
    expect((await meRoute(request("/api/v1/me", { headers: { cookie: other } }))).status).toBe(401);
    expect((await login(user.username, "a brand new password", { "x-forwarded-for": nextAddress() })).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, used as Bearer, listed with last use, and refused at once when revoked", async () => {
    const headers = { cookie: adminCookie, ...SAME_ORIGIN };
    const response = await createTokenRoute(request("/api/v1/tokens", { body: { name: `ci-${suffix}`, role: "viewer", expires: "30d" }, headers }), NO_PARAMS);
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedTokenDto;
    expect(created.secret).toMatch(/^qw_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(created.token.expiresAt ?? "") - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.token.id } });
    expect(Object.values(row).map(String).join(" ")).not.toContain(created.secret);
    const audit = await auditRows("token.create", `token:ci-${suffix}`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toContain(created.secret);

    const bearer = { authorization: `Bearer ${created.secret}` };
    expect(((await (await meRoute(request("/api/v1/me", { headers: bearer }))).json()) as { me: MeDto }).me).toMatchObject({ kind: "token", name: `ci-${suffix}`, role: "viewer" });
    // A token is not a browser: no origin check, but a viewer token still may not change anything.
    const refused = await createUserRoute(request("/api/v1/users", { body: { username: `x-${suffix}`, role: "admin", password: "a long enough password" }, headers: bearer }), NO_PARAMS);
    expect(refused.status).toBe(403);
    const listed = (await (await listTokensRoute(request("/api/v1/tokens", { headers: { cookie: adminCookie } }))).json()) as { tokens: TokenDto[] };
    expect(listed.tokens.find((t) => t.id === created.token.id)?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const revoked = await revokeTokenRoute(request(`/api/v1/tokens/${created.token.id}`, { method: "DELETE", headers }), params({ tokenId: created.token.id }));
    expect(revoked.status).toBe(200);
    const after = await meRoute(request("/api/v1/me", { headers: bearer }));
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toBe("this API token is revoked");
    expect((await meRoute(request("/api/v1/me", { headers: { authorization: "Basic abc" } }))).status).toBe(401);
  });

  it("an admin token may create tokens without an Origin header (scripts)", async () => {
    const first = (await (await createTokenRoute(request("/api/v1/tokens", { body: { name: `admin-script-${suffix}`, role: "admin" }, headers: { cookie: adminCookie, ...SAME_ORIGIN } }), NO_PARAMS)).json()) as CreatedTokenDto;
    const second = await createTokenRoute(request("/api/v1/tokens", { body: { name: `made-by-script-${suffix}`, role: "viewer", expires: null }, headers: { authorization: `Bearer ${first.secret}` } }), NO_PARAMS);
    expect(second.status).toBe(201);
    expect(((await second.json()) as CreatedTokenDto).token.createdBy).toBe(`token:admin-script-${suffix}`);
  });
});

describe("bad input on every change", () => {
  const mutations = [
    { name: "login", call: (r: Request) => loginRoute(r, NO_PARAMS), path: "/api/auth/login" },
    { name: "create user", call: (r: Request) => createUserRoute(r, NO_PARAMS), path: "/api/v1/users" },
    { name: "update user", call: (r: Request) => patchUserRoute(r, params({ userId: admin.id })), path: "/api/v1/users/x", method: "PATCH" },
    { name: "create token", call: (r: Request) => createTokenRoute(r, NO_PARAMS), path: "/api/v1/tokens" },
    { name: "change password", call: (r: Request) => passwordRoute(r, NO_PARAMS), path: "/api/v1/me/password" },
    { name: "logout", call: (r: Request) => logoutRoute(r, NO_PARAMS), path: "/api/auth/logout" },
    { name: "revoke token", call: (r: Request) => revokeTokenRoute(r, params({ tokenId: "not-a-uuid" })), path: "/api/v1/tokens/not-a-uuid", method: "DELETE" },
    { name: "delete user", call: (r: Request) => deleteUserRoute(r, params({ userId: "not-a-uuid" })), path: "/api/v1/users/not-a-uuid", method: "DELETE" },
  ];
  const bodies = [
    { name: "malformed JSON", rawBody: "{\"username\": ", expect: [400], message: /malformed JSON/ },
    { name: "wrong types", rawBody: JSON.stringify({ username: 42, password: ["x"], role: true, name: {}, expires: 5, currentPassword: 1, newPassword: null, disabled: "yes" }), expect: [400, 404], message: /invalid input|no user|no API token/ },
    { name: "1 MB strings", rawBody: JSON.stringify({ username: "a".repeat(1_000_000), password: "b".repeat(1_000_000) }), expect: [413], message: /larger than/ },
    { name: "unknown fields", rawBody: JSON.stringify({ username: "a", password: "b", role: "viewer", name: "n", currentPassword: "c", newPassword: "d", isAdmin: true }), expect: [400, 404], message: /Unrecognized key|invalid input|no user|no API token/ },
    { name: "a JSON array", rawBody: "[1,2]", expect: [400, 404], message: /invalid input|no user|no API token/ },
  ];
  for (const route of mutations) {
    for (const bad of bodies) {
      it(`${route.name}: ${bad.name} → 4xx with a clear message`, async () => {
        const response = await route.call(request(route.path, { method: route.method ?? "POST", rawBody: bad.rawBody, headers: { cookie: adminCookie, ...SAME_ORIGIN, "x-forwarded-for": nextAddress() } }));
        const answer = (await response.json()) as { error?: { message: string } };
        expect(bad.expect, `${response.status}: ${answer.error?.message}`).toContain(response.status);
        expect(answer.error?.message).toMatch(bad.message);
      });
    }
  }
});

describe("audit log API", () => {
  it("filters by action, actor, target and result, newest first, with a cursor for older events", async () => {
    const user = await createTestUser(db, `auth-audit-${suffix}`, "viewer");
    for (let i = 0; i < 3; i++) await login(user.username, `bad-${i}`, { "x-forwarded-for": nextAddress() });
    await login(user.username, user.password, { "x-forwarded-for": nextAddress() });
    const get = async (query: string) => (await (await auditRoute(request(`/api/v1/audit?${query}`, { headers: { cookie: adminCookie } }))).json()) as AuditPageDto;
    const all = await get(`action=login&target=${encodeURIComponent(`user:${user.username}`)}`);
    expect(all.events.map((e) => e.result)).toEqual(["ok", "failed", "failed", "failed"]);
    const failed = await get(`actor=${user.username}&result=failed&limit=2`);
    expect(failed.events).toHaveLength(2);
    expect(failed.nextBefore).not.toBeNull();
    const older = await get(`actor=${user.username}&result=failed&limit=2&before=${failed.nextBefore}`);
    expect(older.events).toHaveLength(1);
    expect(older.nextBefore).toBeNull();
    expect((await auditRoute(request("/api/v1/audit?from=yesterday", { headers: { cookie: adminCookie } }))).status).toBe(400);
    expect((await auditRoute(request("/api/v1/audit?limit=100000", { headers: { cookie: adminCookie } }))).status).toBe(400);
  });
});
