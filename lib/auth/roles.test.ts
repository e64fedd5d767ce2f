import { describe, expect, it } from "vitest";
import { authorize, highestRole, PERMISSIONS, roleCan, type Access, type Principal } from "./roles";

const user = (role: "viewer" | "operator" | "admin"): Principal => ({ kind: "user", id: "u", name: "u", role, sessionId: "s" });
const token = (role: "viewer" | "operator" | "admin"): Principal => ({ kind: "token", id: "t", name: "t", role });

describe("authorize", () => {
  it.each<[string, Principal, Access, ReturnType<typeof authorize>]>([
    ["public needs nobody", { kind: "anonymous", mayRead: false }, "public", "ok"],
    ["anonymous may not read by default", { kind: "anonymous", mayRead: false }, "read", "unauthenticated"],
    ["anonymous viewer mode reads", { kind: "anonymous", mayRead: true }, "read", "ok"],
    ["anonymous viewer mode has no session", { kind: "anonymous", mayRead: true }, "session", "unauthenticated"],
    ["anonymous viewer mode cannot read the audit log", { kind: "anonymous", mayRead: true }, "audit:read", "unauthenticated"],
    ["anonymous viewer mode changes nothing", { kind: "anonymous", mayRead: true }, "dlq:act", "unauthenticated"],
    ["viewer reads", user("viewer"), "read", "ok"],
    ["viewer reads the audit log", user("viewer"), "audit:read", "ok"],
    ["viewer cannot replay", user("viewer"), "dlq:act", "forbidden"],
    ["operator replays", user("operator"), "dlq:act", "ok"],
    ["operator edits alerts", token("operator"), "alerts:edit", "ok"],
    ["operator cannot manage users", user("operator"), "users:manage", "forbidden"],
    ["admin manages tokens", token("admin"), "tokens:manage", "ok"],
  ])("%s", (_name, principal, access, expected) => {
    expect(authorize(principal, access)).toBe(expected);
  });

  it("each role holds every permission of the roles below it", () => {
    for (const permission of PERMISSIONS) {
      if (roleCan("viewer", permission)) expect(roleCan("operator", permission)).toBe(true);
      if (roleCan("operator", permission)) expect(roleCan("admin", permission)).toBe(true);
    }
    expect(PERMISSIONS.every((permission) => roleCan("admin", permission))).toBe(true);
  });
});

describe("highestRole", () => {
  it.each([
    [[], null],
    [["viewer"], "viewer"],
    [["admin", "viewer"], "admin"],
    [["viewer", "operator"], "operator"],
  ] as const)("%j → %s", (roles, expected) => {
    expect(highestRole(roles)).toBe(expected);
  });
});
