import { z } from "zod";

/** GET /api/v1/alerts */
export const alertsQuerySchema = z.strictObject({ cluster: z.string().max(200).optional() });

/** GET /api/v1/alerts/history: one alert (fingerprint), or an entity (cluster plus group / topic / vhost+queue / node). */
export const historyQuerySchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, "must be 16 hex digits").optional(),
  cluster: z.string().max(200).optional(),
  group: z.string().max(1000).optional(),
  topic: z.string().max(1000).optional(),
  vhost: z.string().max(1000).optional(),
  queue: z.string().max(1000).optional(),
  node: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
