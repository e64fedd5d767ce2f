import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import type { HealthDto } from "@/lib/api/types";
import { describeError } from "@/lib/util/describe-error";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { queryHealth } from "@/lib/store/query-health";

export const dynamic = "force-dynamic";

/** 200 when the database answers and every cluster was polled within 3 intervals; 503 with the reasons otherwise. */
export const GET = guard("GET /api/health", async (_request: Request, _context: unknown): Promise<Response> => {
  const now = new Date();
  let health: HealthDto;
  try {
    health = await queryHealth(getPrisma(), getConfig(), now);
  } catch (error) {
    health = { status: "unavailable", reasons: [describeError(error)], database: "error", clusters: [], checkedAt: now.toISOString() };
  }
  return json(health, { status: health.status === "ok" ? 200 : 503 });
});
