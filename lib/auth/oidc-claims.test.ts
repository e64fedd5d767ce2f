import { describe, expect, it } from "vitest";
import { roleFromClaims, usernameFromClaims } from "./oidc-claims";

const oidc = { roleClaim: "groups", roleMapping: { "qw-admins": "admin", "qw-ops": "operator", "qw-viewers": "viewer" } as const, defaultRole: undefined };

describe("roleFromClaims", () => {
  it.each([
    ["an array claim, highest wins", { groups: ["qw-viewers", "qw-admins"] }, oidc, "admin"],
    ["a single string", { groups: "qw-ops" }, oidc, "operator"],
    ["a space-separated string", { groups: "other qw-viewers" }, oidc, "viewer"],
    ["nothing maps, no default: refused", { groups: ["other"] }, oidc, null],
    ["no claim at all, no default: refused", {}, oidc, null],
    ["nothing maps, a default", { groups: ["other"] }, { ...oidc, defaultRole: "viewer" as const }, "viewer"],
    ["non-string entries are ignored", { groups: [1, null, "qw-ops"] }, oidc, "operator"],
    ["an inherited property name is not a mapping", { groups: ["constructor", "toString"] }, oidc, null],
  ] as const)("%s", (_name, claims, config, expected) => {
    expect(roleFromClaims(claims, config)).toBe(expected);
  });
});

describe("usernameFromClaims", () => {
  it("prefers the configured claim, then preferred_username, email, sub", () => {
    expect(usernameFromClaims({ sub: "s", email: "e@x", preferred_username: "p", login: "l" }, "login")).toBe("l");
    expect(usernameFromClaims({ sub: "s", email: "e@x", preferred_username: "p" }, undefined)).toBe("p");
    expect(usernameFromClaims({ sub: "s", email: "e@x", preferred_username: " " }, undefined)).toBe("e@x");
    expect(usernameFromClaims({ sub: "s" }, undefined)).toBe("s");
    expect(() => usernameFromClaims({}, undefined)).toThrow(/no usable user name/);
  });
});
