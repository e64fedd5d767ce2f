import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { ownBroker } from "./own-broker";

/**
 * Seeds the e2e database from the real broker, then runs the real collector for the
 * whole browser run (the pages must refresh live from what it writes). Starts the run's own Kafka
 * broker first (cluster e2e-down, which the stale-data test stops) and stops it at the end.
 */
export default function globalSetup(): () => Promise<void> {
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
