// Prints the bundled services (kafka, rabbitmq) that the config points at on this machine.
import { localServicesFor } from "@/lib/config/local-services";
import { loadConfigOrExit } from "./cli-support";

process.stdout.write(`${localServicesFor(loadConfigOrExit()).join(" ")}\n`);
