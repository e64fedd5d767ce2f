import "server-only";
import { getConfig } from "@/lib/config/load-config";
import type { Db } from "@/lib/db/prisma";
import type { DeliveryDto } from "../alert-dto";
import { loadContactPoints } from "../load-alert-config";
import { describeContactPoint, type ContactPointView } from "./describe-contact-point";

export interface ContactPointDto {
  id: string;
  source: "config" | "api";
  editable: boolean;
  contactPoint: ContactPointView;
  /** the latest delivery, if any */
  lastDelivery: DeliveryDto | null;
}

type DeliveryRow = Awaited<ReturnType<Db["alertDelivery"]["findMany"]>>[number];

export const toDeliveryDto = (row: DeliveryRow): DeliveryDto => ({
  id: row.id.toString(),
  at: row.at.toISOString(),
  contactPoint: row.contactPoint,
  groupKey: row.groupKey,
  status: row.status,
  alertCount: row.alertCount,
  ok: row.ok,
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  response: row.response,
  error: row.error,
  durationMs: row.durationMs,
});

export async function listContactPoints(db: Db): Promise<{ contactPoints: ContactPointDto[]; problems: string[] }> {
  const loaded = await loadContactPoints(db, getConfig());
  const latest = await db.$queryRaw<{ id: bigint }[]>`SELECT DISTINCT ON (contact_point) id FROM alert_deliveries ORDER BY contact_point, at DESC`;
  const rows = await db.alertDelivery.findMany({ where: { id: { in: latest.map((r) => r.id) } } });
  const byName = new Map(rows.map((row) => [row.contactPoint, toDeliveryDto(row)]));
  return {
    contactPoints: loaded.items.map((p) => ({ id: p.id, source: p.source, editable: p.source === "api", contactPoint: describeContactPoint(p.settings), lastDelivery: byName.get(p.settings.name) ?? null })),
    problems: loaded.problems,
  };
}

export async function listDeliveries(db: Db, filter: { contactPoint?: string; limit: number }): Promise<DeliveryDto[]> {
  const rows = await db.alertDelivery.findMany({ where: { contactPoint: filter.contactPoint }, orderBy: [{ at: "desc" }, { id: "desc" }], take: filter.limit });
  return rows.map(toDeliveryDto);
}
