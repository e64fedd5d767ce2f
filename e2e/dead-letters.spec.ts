// Issue 13: dead letters in the browser. Hostile payloads and headers (markup, bytes that are not UTF-8, a
// 10 MB payload, header names that are markup) from a Kafka dead-letter topic the collector copied and from a
// RabbitMQ classic DLQ read live are shown as inert text; the huge one in part, with a download. An operator
// replays 100 dead letters from the page (dry run, then for real) and watches the job reach 100.
import { expect, test, type Page } from "@playwright/test";
import { E2E_DLQ, E2E_DLT, E2E_HOSTILE_HEADER, E2E_HOSTILE_PAYLOAD, E2E_REPLAY_COUNT, E2E_REPLAY_DLT, E2E_REPLAY_TOPIC, E2E_TOPIC, E2E_VHOST, OPERATOR_STATE } from "./fixtures";

const enc = encodeURIComponent;
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

async function checkHostileMessages(page: Page) {
  const messages = page.getByTestId("dead-letter-message");
  await expect(messages).toHaveCount(3, { timeout: 30_000 });
  for (let i = 0; i < 3; i += 1) await messages.nth(i).locator("summary").first().click();
  // The markup payload is text on the page, verbatim.
  await expect(page.getByTestId("payload").filter({ hasText: E2E_HOSTILE_PAYLOAD })).toHaveCount(1);
  // Not UTF-8: a hex dump. Huge: shown in part, with its real size, and a download.
  await expect(page.getByTestId("payload").filter({ hasText: "00000000  3c 62 3e c3 28 00 ff" })).toHaveCount(1);
  await expect(messages.filter({ hasText: "10.0 MiB" }).first()).toBeVisible();
  await expect(page.getByText(/shown in part/).first()).toBeVisible();
  // Header names and values that are markup: text.
  const headers = page.getByTestId("headers").first();
  await headers.evaluate((element) => element.closest("details")?.setAttribute("open", ""));
  await expect(headers).toContainText(E2E_HOSTILE_HEADER);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(await pwned(page)).toBeUndefined();
}

test("a Kafka dead-letter topic: listed with its source, hostile records shown as text", async ({ page }) => {
  await page.goto("/clusters/e2e-kafka");
  await page.getByTestId("dead-letters-link").click();
  const row = page.getByTestId("dead-letter-source").filter({ hasText: E2E_DLT });
  await expect(row).toContainText(E2E_TOPIC);
  await expect(row.getByTestId("dead-letter-depth")).toHaveText("3", { timeout: 30_000 });
  await expect(row.getByTestId("browse-mode")).toHaveText("copied by offset");
  await row.getByRole("link", { name: E2E_DLT }).click();
  await expect(page.getByRole("heading", { name: E2E_DLT })).toBeVisible();
  await checkHostileMessages(page);
  await expect(page.getByTestId("message-cause").first()).toHaveText("java.lang.IllegalStateException");
  // Filter by payload text: only the markup one.
  await page.getByLabel("Payload contains").fill("<script>");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/text=%3Cscript%3E/);
  await expect(page.getByTestId("dead-letter-message")).toHaveCount(1);
  await page.screenshot({ path: "test-results/dead-letter-topic.png", fullPage: true });
});

test("a RabbitMQ classic DLQ: read live and put back, hostile messages shown as text", async ({ page }) => {
  await page.goto(`/clusters/e2e-rabbit/dead-letters/browse?vhost=${enc(E2E_VHOST)}&queue=${enc(E2E_DLQ)}`);
  await expect(page.getByRole("heading", { name: E2E_DLQ, exact: true })).toBeVisible();
  await expect(page.getByText("read live", { exact: true })).toBeVisible();
  await checkHostileMessages(page);
  await expect(page.getByTestId("x-death").first()).toContainText("rejected");
  // Read again: the same three, still there.
  await page.getByRole("button", { name: "Read again" }).click();
  await expect(page.getByTestId("dead-letter-total")).toContainText("3 messages");
  await page.screenshot({ path: "test-results/dead-letter-queue.png", fullPage: true });
});

test.describe("as an operator", () => {
  test.use({ storageState: OPERATOR_STATE });

  test(`replays ${E2E_REPLAY_COUNT} dead letters from the browser: a dry run first, then for real, the progress reaching ${E2E_REPLAY_COUNT}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/clusters/e2e-kafka/dead-letters/browse?topic=${enc(E2E_REPLAY_DLT)}`);
    await expect(page.getByTestId("dead-letter-total")).toContainText(`${E2E_REPLAY_COUNT} messages`, { timeout: 30_000 });
    await page.getByTestId("open-replay").click();
    const panel = page.getByTestId("replay-panel");
    await expect(panel.getByLabel(/Dry run/)).toBeChecked();
    await panel.getByRole("button", { name: "Start dry run" }).click();
    await expect(panel.getByTestId("replay-status")).toHaveText("done", { timeout: 30_000 });
    await expect(panel.getByTestId("replay-sent")).toHaveText(String(E2E_REPLAY_COUNT));
    await expect(panel.getByTestId("replay-targets")).toContainText(`topic ${E2E_REPLAY_TOPIC}: ${E2E_REPLAY_COUNT}`);
    await panel.getByRole("button", { name: "Now for real…" }).click();
    await panel.getByLabel(/Dry run/).uncheck();
    await panel.getByRole("button", { name: "Replay", exact: true }).click();
    await expect(panel.getByTestId("replay-status")).toHaveText("done", { timeout: 60_000 });
    await expect(panel.getByTestId("replay-sent")).toHaveText(String(E2E_REPLAY_COUNT));
    await page.screenshot({ path: "test-results/dead-letter-replay.png", fullPage: true });
    // The topic they came from now holds them (the collector's next poll reads its end offset).
    await expect.poll(async () => {
      const topic = (await (await page.request.get(`/api/v1/clusters/e2e-kafka/topics/${enc(E2E_REPLAY_TOPIC)}`)).json()) as { partitionDetails: { endOffset: number | null }[] };
      return topic.partitionDetails.reduce((sum, p) => sum + (p.endOffset ?? 0), 0);
    }, { timeout: 30_000 }).toBe(E2E_REPLAY_COUNT);
    // Nothing waits any more; the audit log has the two jobs.
    await page.getByRole("button", { name: "Close" }).click();
    await expect(page.getByTestId("dead-letter-total")).toContainText("0 messages");
  });
});

test("a viewer has no replay controls", async ({ page }) => {
  await page.goto(`/clusters/e2e-kafka/dead-letters/browse?topic=${enc(E2E_REPLAY_DLT)}`);
  await expect(page.getByTestId("dead-letter-total")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("open-replay")).toHaveCount(0);
});
