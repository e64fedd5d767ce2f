// Prints the bundled services (kafka, rabbitmq) that the config points at on this machine.
// The quick start's first Queuewatch step: a bad config or LOG_LEVEL stops it before anything starts.
import { localServicesFor } from "@/lib/brokers/registry";
import { loadConfigOrExit, logLevelOrExit } from "./cli-support";

const config = loadConfigOrExit();
logLevelOrExit();
process.stdout.write(`${localServicesFor(config).join(" ")}\n`);
