import { describe, expect, it } from "vitest";
import { pendingMigrations } from "./check-migrations";

describe("pendingMigrations", () => {
  it.each([
    { committed: [], applied: [], pending: [] },
    { committed: ["a", "b"], applied: [], pending: ["a", "b"] },
    { committed: ["a", "b"], applied: ["a"], pending: ["b"] },
    { committed: ["a", "b"], applied: ["a", "b", "old"], pending: [] },
  ])("$committed minus $applied → $pending", ({ committed, applied, pending }) => {
    expect(pendingMigrations(committed, applied)).toEqual(pending);
  });
});
