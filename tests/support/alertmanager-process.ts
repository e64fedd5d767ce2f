// A real Alertmanager (Debian's prometheus-alertmanager 0.25, installed by scripts/alertmanager.sh) for
// contact-point tests: started with the given YAML config in a fresh temp dir (so no silences or
// notification log carry over), on a loopback port chosen by the OS, without clustering.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const ALERTMANAGER_BINARY = "/usr/bin/prometheus-alertmanager";

export interface AlertmanagerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  externalUrl: string;
  /** everything it logged so far (logfmt on stderr) */
  log(): string;
  stop(): Promise<void>;
}

export async function startAlertmanager(configYaml: string, options: { externalUrl?: string; readyTimeoutMs?: number } = {}): Promise<AlertmanagerProcess> {
  const externalUrl = options.externalUrl ?? "http://alertmanager.test";
  const dir = await mkdtemp(path.join(tmpdir(), "qw-alertmanager-"));
  const configFile = path.join(dir, "alertmanager.yml");
  await writeFile(configFile, configYaml);
  const child = spawn(
    ALERTMANAGER_BINARY,
    [`--config.file=${configFile}`, `--storage.path=${path.join(dir, "data")}`, "--web.listen-address=127.0.0.1:0", "--cluster.listen-address=", `--web.external-url=${externalUrl}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  let spawnError: Error | null = null;
  child.once("error", (error) => (spawnError = error));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    // No pid: it never started (and will emit no exit).
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
    for (;;) {
      if (spawnError) throw new Error(`cannot start ${ALERTMANAGER_BINARY} (install it with scripts/alertmanager.sh): ${String(spawnError)}`);
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`alertmanager exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`alertmanager not ready after ${options.readyTimeoutMs ?? 10_000} ms:\n${stderr}`);
      // The port the OS chose is only in the log: `msg="Listening on" address=127.0.0.1:35689`.
      const port = Number(/address=127\.0\.0\.1:(\d+)/.exec(stderr)?.[1] ?? 0);
      if (port > 0 && (await fetch(`http://127.0.0.1:${port}/-/ready`).then((r) => r.ok, () => false))) {
        return { url: `http://127.0.0.1:${port}`, port, externalUrl, log: () => stderr, stop };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
