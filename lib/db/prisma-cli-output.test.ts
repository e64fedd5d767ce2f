import { describe, expect, it } from "vitest";
import { withoutAdapterUrlNotice } from "./prisma-cli-output";

// Copied from `prisma migrate deploy` 6.19.3's output with a driver adapter in prisma.config.ts.
const NOTICE = `
WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:
- url

The values from your schema will NOT be used!

We recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters.
`;
const HEAD = `Prisma schema loaded from prisma/schema.prisma
Datasource "db": PostgreSQL database "qw", schema "public" using driver adapter "@prisma/adapter-pg"
`;
const TAIL = `
10 migrations found in prisma/migrations

No pending migrations to apply.
`;

describe("withoutAdapterUrlNotice", () => {
  it.each([
    ["drops the notice, keeps the rest", HEAD + NOTICE + TAIL, `${HEAD}\n10 migrations found in prisma/migrations\n\nNo pending migrations to apply.\n`],
    ["leaves output without the notice alone", HEAD + TAIL, HEAD + TAIL],
    ["leaves a truncated notice alone (never hides more than the notice)", HEAD + NOTICE.slice(0, 140), HEAD + NOTICE.slice(0, 140)],
    ["keeps an error after the notice", `${NOTICE}Error: P3009 migrate found failed migrations\n`, "Error: P3009 migrate found failed migrations\n"],
  ])("%s", (_name, output, expected) => {
    expect(withoutAdapterUrlNotice(output)).toBe(expected);
  });
});
