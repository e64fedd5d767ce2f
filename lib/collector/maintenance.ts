import "server-only";
import type { Db } from "@/lib/db/prisma";
import { runRetentionPass } from "@/lib/store/retention";
import { runRollupPass } from "@/lib/store/rollup";
import type { StoreWriter } from "@/lib/store/store-writer";
import type { RetentionDays } from "@/lib/store/tiers";
import { describeError } from "./describe-error";

export const ROLLUP_EVERY_MS = 60_000;
export const RETENTION_EVERY_MS = 10 * 60_000;

/**
 * Store upkeep inside the collector process: a rollup pass every minute, and retention
 * (drop expired partitions, create the coming days') every ten minutes and at start.
 */
export function startMaintenance(db: Db, store: StoreWriter, retention: RetentionDays, log: (line: string) => void): { stop(): Promise<void> } {
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  const guarded = (name: string, task: () => Promise<string>) => () => {
    if (stopping) return;
    running = running.then(async () => {
      try {
        const summary = await task();
        if (summary) log(`[store] ${name}: ${summary}`);
      } catch (error) {
        log(`[store] ${name} failed: ${describeError(error)}`);
      }
    });
  };
  const retentionTask = guarded("retention", async () => {
    const result = await runRetentionPass(db, store.partitions, Date.now(), retention);
    return result.dropped.length > 0 ? `dropped ${result.dropped.join(", ")}` : "";
  });
  const rollupTask = guarded("rollup", async () => {
    const started = performance.now();
    const results = await runRollupPass(db, store.partitions, Date.now());
    const ms = Math.round(performance.now() - started);
    return ms > 5000 ? `${results.map((r) => `${r.tier} ${r.rows} rows`).join(", ")} in ${ms} ms` : "";
  });
  retentionTask();
  const timers = [setInterval(rollupTask, ROLLUP_EVERY_MS), setInterval(retentionTask, RETENTION_EVERY_MS)];
  return {
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      await running;
    },
  };
}
