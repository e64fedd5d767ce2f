// A second, throwaway single-node Kafka broker with SASL/SCRAM-SHA-512 and TLS listeners
// (certificate signed by a CA made here with keytool), for the security tests. Uses the
// jars scripts/kafka.sh already fetched; never touches the shared broker.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface SecureBroker {
  saslBroker: string;
  sslBroker: string;
  caPemFile: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

function keytool(...args: string[]): void {
  execFileSync("keytool", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Makes a CA and a broker keystore whose certificate (SAN 127.0.0.1) the CA signed. */
function makeTls(dir: string, storePassword: string): { keystore: string; caPem: string } {
  const ca = path.join(dir, "ca.p12");
  const keystore = path.join(dir, "broker.p12");
  const caPem = path.join(dir, "ca.pem");
  const common = ["-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword];
  keytool("-genkeypair", "-alias", "ca", "-dname", "CN=queuewatch-test-ca", "-ext", "bc:c", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-keystore", ca, ...common);
  keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", storePassword, "-file", caPem);
  keytool("-genkeypair", "-alias", "broker", "-dname", "CN=127.0.0.1", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-keystore", keystore, ...common);
  keytool("-certreq", "-alias", "broker", "-keystore", keystore, "-storepass", storePassword, "-file", path.join(dir, "broker.csr"));
  keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass", storePassword, "-infile", path.join(dir, "broker.csr"), "-outfile", path.join(dir, "broker.crt"), "-rfc", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
  keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem, "-keystore", keystore, "-storepass", storePassword);
  keytool("-importcert", "-alias", "broker", "-file", path.join(dir, "broker.crt"), "-keystore", keystore, "-storepass", storePassword);
  return { keystore, caPem };
}

export async function startSecureBroker(basePort = 19192): Promise<SecureBroker> {
  const [plain, sasl, ssl, controller] = [basePort, basePort + 1, basePort + 2, basePort + 3];
  for (const port of [plain, sasl, ssl, controller]) {
    if (await portOpen(port)) throw new Error(`port ${port} is in use: cannot start the security-test broker`);
  }
  const classpath = execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), "classpath"], { encoding: "utf8" }).trim();
  const dir = path.join(ROOT, ".queuewatch", `secure-kafka-${Date.now().toString(36)}`);
  mkdirSync(path.join(dir, "data"), { recursive: true });
  const storePassword = "queuewatch-test";
  const { keystore, caPem } = makeTls(dir, storePassword);
  const username = "queuewatch";
  const password = `scram-${randomBytes(6).toString("hex")}`;
  const props = path.join(dir, "server.properties");
  writeFileSync(props, [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl},SSL://127.0.0.1:${ssl},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl},SSL://127.0.0.1:${ssl}`,
    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT",
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    "sasl.enabled.mechanisms=SCRAM-SHA-512",
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
    `ssl.keystore.location=${keystore}`,
    "ssl.keystore.type=PKCS12",
    `ssl.keystore.password=${storePassword}`,
    `ssl.key.password=${storePassword}`,
    "ssl.client.auth=none",
    `log.dirs=${path.join(dir, "data")}`,
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "num.network.threads=2",
    "num.io.threads=2",
    "",
  ].join("\n"));
  // Kafka's StorageTool takes an id starting with '-' for an option (as scripts/kafka.sh knows): draw again.
  let clusterId = randomBytes(16).toString("base64url");
  while (clusterId.startsWith("-")) clusterId = randomBytes(16).toString("base64url");
  execFileSync("java", ["-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props, "--add-scram", `SCRAM-SHA-512=[name=${username},password=${password}]`], { stdio: ["ignore", "ignore", "pipe"] });
  const logFile = path.join(dir, "kafka.log");
  writeFileSync(logFile, "");
  // Same logging setup as scripts/kafka.sh: log4j2 on Kafka 4.x, log4j 1 (reload4j) on 3.x.
  const logConfig = /\/3\.[^/]*\/libs/.test(classpath)
    ? `-Dlog4j.configuration=file:${path.join(ROOT, "scripts/kafka/log4j.properties")}`
    : `-Dlog4j2.configurationFile=${path.join(ROOT, "scripts/kafka/log4j2.properties")}`;
  const broker = spawn("java", ["-Xmx384m", "-Xms128m", logConfig, "-cp", classpath, "kafka.Kafka", props], { stdio: ["ignore", "pipe", "pipe"] });
  broker.stdout.on("data", (chunk: Buffer) => writeFileSync(logFile, chunk, { flag: "a" }));
  broker.stderr.on("data", (chunk: Buffer) => writeFileSync(logFile, chunk, { flag: "a" }));
  const deadline = Date.now() + 120_000;
  while (!(await portOpen(sasl)) || !(await portOpen(ssl)) || !readFileSync(logFile, "utf8").includes("Kafka Server started")) {
    if (broker.exitCode !== null || Date.now() > deadline) {
      broker.kill("SIGKILL");
      throw new Error(`security-test broker did not start:\n${readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    saslBroker: `127.0.0.1:${sasl}`,
    sslBroker: `127.0.0.1:${ssl}`,
    caPemFile: caPem,
    username,
    password,
    async stop() {
      if (broker.exitCode === null) {
        const exited = new Promise((resolve) => broker.once("exit", resolve));
        broker.kill("SIGTERM");
        const timer = setTimeout(() => broker.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(timer);
      }
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
