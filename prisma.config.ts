// Prisma CLI configuration. The Rust schema engine cannot be downloaded on our machines,
// so migrations run through the JavaScript/wasm schema engine over a pg driver adapter.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`, which resolves it.");
    }
    return new PrismaPg({ connectionString });
  },
});
