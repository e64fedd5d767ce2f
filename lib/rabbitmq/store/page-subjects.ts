import "server-only";
import { cache } from "react";
import { getPrisma } from "@/lib/db/prisma";

export const queueExists = cache(async (clusterId: string, vhost: string, name: string): Promise<boolean> => {
  const row = await getPrisma().rabbitmqQueue.findUnique({ where: { clusterId_vhost_name: { clusterId, vhost, name } }, select: { name: true } });
  return row !== null;
});
