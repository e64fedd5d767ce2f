import { expect, test } from "@playwright/test";
import { produceTo } from "../tests/support/kafka-fixtures";
import { E2E_DLQ, E2E_GROUP, E2E_HOSTILE_GROUP, E2E_HOSTILE_QUEUE, E2E_HOSTILE_READY, E2E_LAG, E2E_TOPIC, E2E_UNICODE_QUEUE, E2E_VHOST } from "./fixtures";

test("clusters overview shows both clusters with their poll status", async ({ page }) => {
  await page.goto("/");
  const kafka = page.getByTestId("cluster-e2e-kafka");
  await expect(kafka).toContainText("E2E Kafka");
  await expect(kafka).toContainText("up");
  await expect(page.getByTestId("cluster-e2e-rabbit")).toContainText("RabbitMQ");
});

test("groups list filters by name and sorts by lag", async ({ page }) => {
  await page.goto("/clusters/e2e-kafka");
  const billing = page.getByTestId("group-row").filter({ hasText: E2E_GROUP });
  await expect(billing).toContainText("36");
  await page.getByPlaceholder("group name contains…").fill("E2E-BILL");
  await expect(page.getByTestId("group-row")).toHaveCount(1);
  await expect(page.getByTestId("group-row")).toContainText(E2E_GROUP);
  await expect(page).toHaveURL(/q=E2E-BILL/);
  await page.getByPlaceholder("group name contains…").fill("");
  await page.getByRole("button", { name: /Total lag/ }).click();
  await expect(page).toHaveURL(/sort=totalLag/);
});

test("group page shows per-partition lag and a chart with points", async ({ page }) => {
  await page.goto(`/clusters/e2e-kafka/groups/${encodeURIComponent(E2E_GROUP)}`);
  await expect(page.getByRole("heading", { name: E2E_GROUP })).toBeVisible();
  await expect(page.getByTestId("total-lag")).toHaveText("36");
  const rows = page.getByTestId("partition-row");
  await expect(rows).toHaveCount(3);
  for (const [partition, lag] of E2E_LAG.entries()) {
    const cells = rows.nth(partition).locator("td");
    await expect(cells.nth(0)).toHaveText(E2E_TOPIC);
    await expect(cells.nth(1)).toHaveText(String(partition));
    await expect(cells.nth(4)).toHaveText(String(lag));
  }
  // Nobody consumes and the offsets never move: after a few polls, partitions with lag
  // are STOPped (no members left to commit) and the group is in ERR; the caught-up one is OK.
  await expect(rows.nth(0).getByTestId("lag-status")).toHaveText("STOP", { timeout: 30_000 });
  await expect(rows.nth(1).getByTestId("lag-status")).toHaveText("OK");
  await expect(page.getByTestId("lag-status").first()).toHaveText("ERR");
  await expect(page.getByTestId("catch-up")).toHaveText("not catching up");
  // The committed offsets predate the collector's history: the age is a lower bound.
  await expect(page.getByTestId("lag-seconds")).toHaveText(/^≥ \d+/);
  // The collector polls every 2 s; in the 15-minute range a bucket is 5 s wide.
  await page.getByRole("button", { name: "15 min" }).click();
  await expect(page).toHaveURL(/range=15m/);
  const chart = page.getByTestId("series-chart").first();
  // A dense series is a line (at least three segments), not dots.
  await expect.poll(async () => ((await chart.locator("path.recharts-line-curve").getAttribute("d")) ?? "").split("L").length, { timeout: 30_000 }).toBeGreaterThan(3);
  await expect(page.getByTestId("chart-resolution")).toHaveText("max per 5 s bucket, from raw samples; gaps mean no data");
  await page.screenshot({ path: "test-results/group-page.png", fullPage: true });
});

test("a hostile group id renders as text and its page resolves", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto("/clusters/e2e-kafka");
  const link = page.getByRole("link", { name: E2E_HOSTILE_GROUP });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole("heading", { name: E2E_HOSTILE_GROUP })).toBeVisible();
  await expect(page.getByTestId("partition-row")).toHaveCount(3);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test("unknown group answers HTTP 404 with a not-found page, not a blank page", async ({ page }) => {
  const response = await page.goto("/clusters/e2e-kafka/groups/no-such-group");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the overview" })).toHaveAttribute("href", "/");
});

test("cluster page shows broker health and topics; a topic page shows partitions and its consumers", async ({ page }) => {
  await page.goto("/clusters/e2e-kafka");
  await expect(page.getByTestId("broker").first()).toContainText("controller");
  await expect(page.getByTestId("under-replicated")).toHaveText("0 under-replicated");
  // Exactly this topic's row: its dead-letter topic (E2E_DLT) has its name in its own.
  const row = page.getByTestId("topic-row").filter({ has: page.getByRole("link", { name: E2E_TOPIC, exact: true }) });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: E2E_TOPIC, exact: true }).click();
  await expect(page.getByRole("heading", { name: E2E_TOPIC })).toBeVisible();
  await expect(page.getByTestId("topic-partition-row")).toHaveCount(3);
  await expect(page.getByTestId("topic-consumer-row").filter({ hasText: E2E_GROUP })).toContainText("36");
  await page.screenshot({ path: "test-results/topic-page.png", fullPage: true });
});

test("lag refreshes live, without a page reload, when the producer moves ahead", async ({ page }) => {
  await page.goto(`/clusters/e2e-kafka/groups/${encodeURIComponent(E2E_GROUP)}`);
  await expect(page.getByTestId("total-lag")).toHaveText("36");
  let navigations = 0;
  page.on("framenavigated", () => {
    navigations += 1;
  });
  await produceTo(E2E_TOPIC, 0, 5);
  await expect(page.getByTestId("total-lag")).toHaveText("41", { timeout: 30_000 });
  await expect(page.getByTestId("partition-row").nth(0).locator("td").nth(4)).toHaveText("11");
  expect(navigations).toBe(0);
});

test("RabbitMQ: hostile queue and vhost names render as text; the queue page resolves with its DLQ", async ({ page }) => {
  await page.goto("/clusters/e2e-rabbit");
  await expect(page.getByTestId("node-row")).toHaveCount(1);
  await page.getByLabel("Virtual host").selectOption(E2E_VHOST);
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(3);
  const hostile = rows.filter({ hasText: E2E_HOSTILE_QUEUE }).first();
  // Exact text (markup shown, not interpreted), depth, and its dead-letter queue named as text.
  await expect(hostile.getByRole("link").first()).toHaveText(`${E2E_VHOST} · ${E2E_HOSTILE_QUEUE}`);
  await expect(hostile.locator("td").nth(2)).toHaveText(String(E2E_HOSTILE_READY));
  await expect(hostile.getByRole("link").nth(1)).toHaveText(E2E_DLQ);
  await expect(rows.filter({ hasText: E2E_UNICODE_QUEUE })).toHaveCount(1);
  const dlqRow = rows.filter({ has: page.getByRole("link", { name: `${E2E_VHOST} · ${E2E_DLQ}`, exact: true }) });
  await expect(dlqRow.getByTitle("receives dead letters")).toHaveText("DLQ");
  await expect(hostile.getByTitle("receives dead letters")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: "test-results/queues-page.png", fullPage: true });

  await hostile.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: E2E_HOSTILE_QUEUE, exact: true })).toBeVisible();
  await expect(page.getByTestId(`figure-Ready`)).toHaveText(String(E2E_HOSTILE_READY));
  await expect(page.getByTestId("dead-letter-targets").getByRole("link")).toHaveText(E2E_DLQ);
  await expect(page.getByTestId("series-chart").first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.screenshot({ path: "test-results/queue-page.png", fullPage: true });

  // From the DLQ's page, its source links back.
  await page.getByTestId("dead-letter-targets").getByRole("link").click();
  await expect(page.getByRole("heading", { name: E2E_DLQ, exact: true })).toBeVisible();
  await expect(page.getByTestId("dead-letter-sources").getByRole("link")).toHaveText(E2E_HOSTILE_QUEUE);
});

test("RabbitMQ API: vhost and name URL-encoded in the path, unknown queue 404", async ({ request }) => {
  const path = `/api/v1/clusters/e2e-rabbit/queues/${encodeURIComponent(E2E_VHOST)}/${encodeURIComponent(E2E_HOSTILE_QUEUE)}`;
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  const queue = (await response.json()) as { vhost: string; name: string; messagesReady: number; deadLetterQueue: { vhost: string; name: string } | null };
  expect(queue).toMatchObject({ vhost: E2E_VHOST, name: E2E_HOSTILE_QUEUE, messagesReady: E2E_HOSTILE_READY, deadLetterQueue: { vhost: E2E_VHOST, name: E2E_DLQ } });
  expect((await request.get(`/api/v1/clusters/e2e-rabbit/queues/%2F/${encodeURIComponent("no such queue")}`)).status()).toBe(404);
  expect((await request.get("/api/v1/clusters/e2e-kafka/queues")).status()).toBe(400);
});
