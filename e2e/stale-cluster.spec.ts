// Runs last (file order): it stops the run's own broker, which the cluster e2e-down polls.
import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { E2E_DOWN_BROKER_ENV, E2E_DOWN_CLUSTER, E2E_DOWN_GROUP, E2E_DOWN_TOPIC } from "./fixtures";
import { ownBroker } from "./own-broker";

const enc = encodeURIComponent;

test("a stopped broker: every page of its cluster says since when it is down and how old the figures are", async ({ page }) => {
  // Something to look at on the broker: a topic and a caught-up group.
  const kafka = new Kafka({ clientId: "queuewatch-e2e", brokers: [`127.0.0.1:${E2E_DOWN_BROKER_ENV.KAFKA_PORT}`], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: E2E_DOWN_TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.setOffsets({ groupId: E2E_DOWN_GROUP, topic: E2E_DOWN_TOPIC, partitions: [{ partition: 0, offset: "0" }] });
  await admin.disconnect();

  const groupPage = `/clusters/${E2E_DOWN_CLUSTER}/groups/${enc(E2E_DOWN_GROUP)}`;
  // Up and current: no banner (retry until the collector has seen the group).
  await expect.poll(async () => (await page.goto(groupPage))?.status(), { timeout: 20_000 }).toBe(200);
  await expect(page.getByRole("heading", { name: E2E_DOWN_GROUP })).toBeVisible();
  await expect(page.getByTestId("stale-banner")).toHaveCount(0);

  ownBroker("stop");
  const banner = page.getByTestId("stale-banner");
  await expect(banner).toContainText(/Down since \d\d:\d\d:\d\d \(for \d+ (s|min)[\d a-z]*\) — figures from \d\d:\d\d:\d\d, \d+ (s|min)[\d a-z]* old/, { timeout: 30_000 });
  await expect(banner).toContainText("down");
  await expect(page.getByTestId("stale-banner-error")).not.toBeEmpty();

  // The header's switch puts the banner's times in UTC: the "figures from" time must match the API's.
  await page.getByRole("group", { name: "Time zone" }).getByRole("button", { name: "UTC", exact: true }).click();
  await expect(banner).toContainText("times in UTC");
  const clusters = (await (await page.request.get("/api/v1/clusters")).json()) as { clusters: { id: string; status: string; stale: boolean; staleReason: string; lastSuccessAt: string; downSince: string }[] };
  const down = clusters.clusters.find((c) => c.id === E2E_DOWN_CLUSTER);
  expect(down).toMatchObject({ status: "down", stale: true, staleReason: "latest poll failed" });
  await expect(banner).toContainText(`Down since ${down?.downSince.slice(11, 19)}`);
  await expect(banner).toContainText(`figures from ${down?.lastSuccessAt.slice(11, 19)}`);
  await page.screenshot({ path: "test-results/stale-banner.png", fullPage: true });

  for (const path of [`/clusters/${E2E_DOWN_CLUSTER}`, `/clusters/${E2E_DOWN_CLUSTER}/topics/${enc(E2E_DOWN_TOPIC)}`]) {
    await page.goto(path);
    await expect(page.getByTestId("stale-banner"), path).toContainText("Down since");
  }
  // The overview puts the down cluster first among its problems, and never calls it all clear.
  await page.goto("/");
  const card = page.getByTestId(`cluster-${E2E_DOWN_CLUSTER}`);
  await expect(card.getByTestId("problem").first()).toContainText("latest poll failed");
  await expect(card.getByTestId("all-clear")).toHaveCount(0);
  await page.screenshot({ path: "test-results/overview-cluster-down.png", fullPage: true });
  // A cluster whose broker still answers stays current: no banner. (RabbitMQ: the shared Kafka broker
  // sees other tests delete topics mid-poll, which can fail e2e-kafka's polls for a while.)
  await page.goto("/clusters/e2e-rabbit");
  await expect.poll(async () => {
    const list = (await (await page.request.get("/api/v1/clusters")).json()) as { clusters: { id: string; stale: boolean }[] };
    const stale = list.clusters.find((c) => c.id === "e2e-rabbit")?.stale;
    return { stale, banner: (await page.getByTestId("stale-banner").count()) > 0 };
  }, { timeout: 15_000 }).toEqual({ stale: false, banner: false });
});
