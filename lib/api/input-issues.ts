import type { z } from "zod";

/** A zod error as one line a person can act on: "field: problem; other: problem" (first five). */
export function describeInputIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "body"}: ${issue.message}`)
    .join("; ");
}
