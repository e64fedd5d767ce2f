import { expect, test } from "@playwright/test";
import { E2E_DOWN_CLUSTER, E2E_GROUP, E2E_HOSTILE_QUEUE, E2E_VHOST } from "./fixtures";

test("the home page is a triage overview: the stopped group and the queue without consumers, each a link", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.goto("/");
  await expect(page).toHaveTitle("Overview · Queuewatch");

  const kafka = page.getByTestId("cluster-e2e-kafka");
  // The seeded group has lag and no members: ERR after a few polls, shown with its lag in time.
  const group = kafka.getByTestId("problem").filter({ hasText: E2E_GROUP });
  await expect(group).toContainText("ERR", { timeout: 30_000 });
  // The total lag shown is the group's as the API reports it (36 seeded + what earlier tests produced).
  const detail = (await (await page.request.get(`/api/v1/clusters/e2e-kafka/consumer-groups/${encodeURIComponent(E2E_GROUP)}`)).json()) as { totalLag: number };
  expect(detail.totalLag).toBeGreaterThanOrEqual(36);
  await expect(group).toContainText(new RegExp(`(≥ )?\\d+ (s|min|h)[\\d a-z]* behind · ${detail.totalLag} messages`));

  const rabbit = page.getByTestId("cluster-e2e-rabbit");
  const idle = rabbit.getByTestId("problem").filter({ hasText: E2E_HOSTILE_QUEUE }).filter({ hasText: "no consumers" });
  await expect(idle).toContainText(`${E2E_VHOST} · ${E2E_HOSTILE_QUEUE}`);
  await expect(idle).toContainText("3 ready, no consumers");

  // A fresh broker with nothing on it: all clear.
  await expect(page.getByTestId(`cluster-${E2E_DOWN_CLUSTER}`).getByTestId("all-clear")).toContainText("All clear");
  await expect(kafka.getByTestId("all-clear")).toHaveCount(0);
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });

  await group.getByRole("link", { name: E2E_GROUP }).click();
  await expect(page.getByRole("heading", { name: E2E_GROUP })).toBeVisible();
  await expect(page).toHaveTitle(`${E2E_GROUP} · E2E Kafka · Queuewatch`);
  expect(consoleErrors).toEqual([]);
});

test("breadcrumbs lead back from a group, a topic and a queue page to the cluster and the overview", async ({ page }) => {
  await page.goto(`/clusters/e2e-kafka/groups/${encodeURIComponent(E2E_GROUP)}`);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toHaveText(`Clusters›E2E Kafka›${E2E_GROUP}`);
  await crumbs.getByRole("link", { name: "E2E Kafka" }).click();
  await expect(page).toHaveURL(/\/clusters\/e2e-kafka$/);
  await expect(page).toHaveTitle("E2E Kafka · Queuewatch");

  await page.goto(`/clusters/e2e-rabbit/queues/${encodeURIComponent(E2E_VHOST)}/${encodeURIComponent(E2E_HOSTILE_QUEUE)}`);
  await expect(page).toHaveTitle(`${E2E_HOSTILE_QUEUE} · E2E RabbitMQ · Queuewatch`);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "E2E RabbitMQ" }).click();
  await expect(page).toHaveURL(/\/clusters\/e2e-rabbit$/);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Clusters" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("unknown pages answer 404, unknown API paths a JSON 404; the favicon and health answer", async ({ page, request }) => {
  for (const path of ["/clusters/no-such-cluster", "/clusters/e2e-kafka/topics/no-such-topic", `/clusters/e2e-rabbit/queues/%2F/${encodeURIComponent("no such queue")}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const api = await request.get("/api/v1/no/such/endpoint");
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: "not_found", message: "no API endpoint GET /api/v1/no/such/endpoint" } });

  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");

  // Every cluster is polled every 2 s by the run's collector.
  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 20_000 }).toBe(200);
  expect(await (await request.get("/api/health")).json()).toMatchObject({ status: "ok", database: "ok", reasons: [] });
});
