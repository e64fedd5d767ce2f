import { describe, expect, it } from "vitest";
import { tokenStatus } from "./token-status";

const NOW = Date.parse("2025-03-01T12:00:00Z");

describe("tokenStatus", () => {
  it.each([
    { name: "no expiry", revokedAt: null, expiresAt: null, want: "active" },
    { name: "expires later", revokedAt: null, expiresAt: "2025-03-01T12:00:01Z", want: "active" },
    { name: "expired exactly now", revokedAt: null, expiresAt: "2025-03-01T12:00:00Z", want: "expired" },
    { name: "expired", revokedAt: null, expiresAt: "2025-02-01T00:00:00Z", want: "expired" },
    { name: "revoked", revokedAt: "2025-02-01T00:00:00Z", expiresAt: null, want: "revoked" },
    { name: "revoked and expired", revokedAt: "2025-01-01T00:00:00Z", expiresAt: "2025-02-01T00:00:00Z", want: "revoked" },
  ] as const)("$name → $want", ({ revokedAt, expiresAt, want }) => {
    expect(tokenStatus({ revokedAt, expiresAt }, NOW)).toBe(want);
  });
});
