// Integration setup file: a viewer API token in the test database for tests/support/route-helpers.ts `req`.
import { beforeAll } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma";
import { issueToken } from "@/lib/tokens/issue-token";
import { TEST_DATABASE_URL } from "./test-config";

beforeAll(async () => {
  const db = createPrismaClient(TEST_DATABASE_URL);
  try {
    const created = await db.$transaction((tx) => issueToken(tx, { name: "integration-tests", role: "viewer", expires: "1d" }, "system:test-setup", new Date()));
    process.env.QW_TEST_VIEWER_TOKEN = created.secret;
  } finally {
    await db.$disconnect();
  }
});
