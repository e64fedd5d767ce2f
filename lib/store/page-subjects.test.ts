import { describe, expect, it } from "vitest";
import { findExisting, segmentReadings } from "./page-subjects";

describe("segmentReadings", () => {
  it.each([
    { segment: "orders", want: ["orders"] },
    { segment: "a%2Fb", want: ["a/b", "a%2Fb"] },
    // already decoded by Next (generateMetadata), a name with a literal "%2F" in it
    { segment: "a/b %2F", want: ["a/b /", "a/b %2F"] },
    { segment: "100%", want: ["100%"] },
  ])("$segment", ({ segment, want }) => {
    expect(segmentReadings(segment)).toEqual(want);
  });
});

describe("findExisting", () => {
  it("returns the first reading that exists, or null", async () => {
    const known = new Set(["a/b %2F"]);
    expect(await findExisting(segmentReadings("a/b %2F"), async (name) => known.has(name))).toBe("a/b %2F");
    expect(await findExisting(segmentReadings("zzz"), async (name) => known.has(name))).toBeNull();
  });
});
