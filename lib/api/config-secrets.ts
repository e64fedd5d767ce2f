import "server-only";
import { secretsOf } from "@/lib/brokers/registry";
import { getConfig } from "@/lib/config/load-config";

/** The configured secrets, to mask in error messages an API answer carries; none when the config cannot be read. */
export function secretsOfConfig(): string[] {
  try {
    return secretsOf(getConfig());
  } catch {
    return [];
  }
}
