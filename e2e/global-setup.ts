import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ADMIN_STATE, E2E_PORT, E2E_USERS, OPERATOR_STATE, VIEWER_STATE } from "./fixtures";
import { ownBroker } from "./own-broker";

/** Signs in through the real login route and saves the browser state (the session cookie) for tests to start from. */
async function saveSignedInState(user: { username: string; password: string }, file: string): Promise<void> {
  const origin = `http://127.0.0.1:${E2E_PORT}`;
  const response = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!response.ok) throw new Error(`e2e sign-in as ${user.username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("qw_session="));
  if (!cookie) throw new Error("the login answer set no session cookie");
  const value = cookie.slice("qw_session=".length).split(";")[0] ?? "";
  mkdirSync(path.dirname(file), { recursive: true });
  const state = { cookies: [{ name: "qw_session", value, domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] };
  writeFileSync(file, JSON.stringify(state));
}

/**
 * Seeds the e2e database from the real broker, then runs the real collector for the
 * whole browser run (the pages must refresh live from what it writes). Starts the run's own Kafka
 * broker first (cluster e2e-down, which the stale-data test stops) and stops it at the end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = path.resolve(__dirname, "..");
  const env = {
    ...process.env,
    QUEUEWATCH_CONFIG: "e2e/queuewatch.e2e.yaml",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/queuewatch_e2e",
  };
  const tsx = path.join(root, "node_modules/.bin/tsx");
  ownBroker("start");
  try {
    execFileSync(tsx, ["--conditions=react-server", "e2e/seed.ts"], { cwd: root, stdio: "inherit", env });
  } catch (error) {
    ownBroker("stop");
    throw error;
  }
  for (const [user, file] of [[E2E_USERS.viewer, VIEWER_STATE], [E2E_USERS.admin, ADMIN_STATE], [E2E_USERS.operator, OPERATOR_STATE]] as const) {
    await saveSignedInState(user, path.join(root, file));
  }
  const collector = spawn(tsx, ["--conditions=react-server", "scripts/collector.ts"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env });
  return async () => {
    try {
      if (collector.exitCode !== null) throw new Error(`the e2e collector died early (exit ${collector.exitCode})`);
      collector.kill("SIGTERM");
      await new Promise((resolve) => collector.once("exit", resolve));
    } finally {
      ownBroker("stop");
    }
  };
}
