import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { newPasswordProblem } from "./password-check";

const LONG = "x".repeat(MIN_PASSWORD_LENGTH);

describe("newPasswordProblem", () => {
  it("accepts a long enough password typed twice", () => {
    expect(newPasswordProblem(LONG, LONG)).toBeNull();
  });
  it("names the minimum length when too short", () => {
    expect(newPasswordProblem("short", "short")).toContain(String(MIN_PASSWORD_LENGTH));
  });
  it("says when the two do not match", () => {
    expect(newPasswordProblem(LONG, `${LONG}y`)).toMatch(/do not match/);
  });
});
