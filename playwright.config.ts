import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { E2E_ANONYMOUS_PORT, E2E_OIDC_PORT, E2E_PORT, E2E_USERS, VIEWER_STATE } from "./e2e/fixtures";

// A fresh OIDC client secret per run (workers inherit it): e2e/secrets.spec.ts looks for it in every page,
// answer and client bundle.
process.env.E2E_OIDC_SECRET ??= `qw-e2e-oidc-secret-${randomBytes(12).toString("hex")}`;
const database = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/queuewatch_e2e";
const origins = [E2E_PORT, E2E_ANONYMOUS_PORT].map((port) => `http://127.0.0.1:${port}`);

const app = (port: number, config: string) => ({
  command: "npm start",
  // A public page: every API answer needs a login, and health is 503 until the collector's first polls.
  url: `http://127.0.0.1:${port}/login`,
  timeout: 90_000,
  reuseExistingServer: false,
  env: {
    PORT: String(port),
    QUEUEWATCH_CONFIG: config,
    DATABASE_URL: database,
    QUEUEWATCH_ADMIN_PASSWORD: E2E_USERS.admin.password,
    E2E_OIDC_SECRET: process.env.E2E_OIDC_SECRET ?? "",
  },
  stdout: "pipe" as const,
});

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    // Every test starts signed in as a viewer unless it says otherwise (global-setup.ts signs in).
    storageState: VIEWER_STATE,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // Playwright starts these before global setup: the identity provider first (the app discovers it at the first OIDC login).
  webServer: [
    {
      command: "node e2e/oidc-provider.mjs",
      url: `http://127.0.0.1:${E2E_OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { E2E_OIDC_PORT: String(E2E_OIDC_PORT), E2E_OIDC_SECRET: process.env.E2E_OIDC_SECRET ?? "", E2E_APP_ORIGINS: origins.join(",") },
      stdout: "pipe",
    },
    app(E2E_PORT, "e2e/queuewatch.e2e.yaml"),
    app(E2E_ANONYMOUS_PORT, "e2e/queuewatch.e2e-anonymous.yaml"),
  ],
});
