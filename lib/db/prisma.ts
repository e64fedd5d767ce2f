import "server-only";
import { PrismaClient, type Prisma } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { queuewatchPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.queuewatchPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Queuewatch through `npm start` / `npm run collector`, which resolve it.");
    globalForPrisma.queuewatchPrisma = createPrismaClient(url);
  }
  return globalForPrisma.queuewatchPrisma;
}

export type Db = PrismaClient;

/** The client inside an interactive transaction (what a snapshot writer gets). */
export type DbTransaction = Prisma.TransactionClient;
