// Starts and stops the e2e run's own Kafka broker (never the shared one on 9092).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { E2E_DOWN_BROKER_ENV } from "./fixtures";

export function ownBroker(command: "start" | "stop"): void {
  const root = path.resolve(__dirname, "..");
  execFileSync("bash", [path.join(root, "scripts/kafka.sh"), command], { cwd: root, env: { ...process.env, ...E2E_DOWN_BROKER_ENV }, stdio: ["ignore", "ignore", "inherit"] });
}
