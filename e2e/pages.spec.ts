import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { rabbitmqctl } from "../tests/support/rabbitmq-fixtures";
import { ADMIN_STATE, OPERATOR_STATE, E2E_DLQ, E2E_DLT, E2E_GROUP, E2E_HOSTILE_QUEUE, E2E_TOPIC, E2E_VHOST } from "./fixtures";

const SIGNED_OUT = { cookies: [], origins: [] };

const enc = encodeURIComponent;

/** Every kind of page, with what must be on screen before it is measured. */
const PAGES = [
  { name: "overview", path: "/", ready: (page: Page) => expect(page.getByText("E2E Kafka").first()).toBeVisible() },
  { name: "kafka-cluster", path: "/clusters/e2e-kafka", ready: (page: Page) => expect(page.getByTestId("group-row").first()).toBeVisible() },
  { name: "group", path: `/clusters/e2e-kafka/groups/${enc(E2E_GROUP)}`, ready: (page: Page) => expect(page.getByTestId("partition-row").first()).toBeVisible() },
  { name: "topic", path: `/clusters/e2e-kafka/topics/${enc(E2E_TOPIC)}`, ready: (page: Page) => expect(page.getByTestId("topic-partition-row").first()).toBeVisible() },
  { name: "rabbitmq-cluster", path: "/clusters/e2e-rabbit", ready: (page: Page) => expect(page.getByTestId("queue-row").first()).toBeVisible() },
  { name: "queue", path: `/clusters/e2e-rabbit/queues/${enc(E2E_VHOST)}/${enc(E2E_HOSTILE_QUEUE)}`, ready: (page: Page) => expect(page.getByTestId("figure-Ready")).toBeVisible() },
  { name: "dead-letters", path: "/clusters/e2e-kafka/dead-letters", ready: (page: Page) => expect(page.getByTestId("dead-letter-source").first()).toBeVisible() },
  { name: "dead-letter-topic", path: `/clusters/e2e-kafka/dead-letters/browse?topic=${enc(E2E_DLT)}`, ready: (page: Page) => expect(page.getByTestId("dead-letter-message").first()).toBeVisible() },
  { name: "dead-letter-queue", path: `/clusters/e2e-rabbit/dead-letters/browse?vhost=${enc(E2E_VHOST)}&queue=${enc(E2E_DLQ)}`, ready: (page: Page) => expect(page.getByTestId("dead-letter-message").first()).toBeVisible() },
  { name: "kafka-unreachable", path: "/clusters/e2e-kafka-unreachable", ready: (page: Page) => expect(page.getByTestId("cluster-problem").first()).toBeVisible() },
  { name: "rabbitmq-wrong-password", path: "/clusters/e2e-rabbit-badcreds", ready: (page: Page) => expect(page.getByTestId("cluster-problem").first()).toBeVisible() },
  { name: "not-found", path: "/no-such-page/at-all", ready: (page: Page) => expect(page.getByRole("heading").first()).toBeVisible() },
  { name: "account", path: "/account", ready: (page: Page) => expect(page.getByRole("heading", { name: "Change password" })).toBeVisible() },
  { name: "audit", path: "/audit", ready: (page: Page) => expect(page.getByRole("table", { name: "Audit log" })).toBeVisible() },
  { name: "users-as-viewer", path: "/admin/users", ready: (page: Page) => expect(page.getByText(/only admins/i)).toBeVisible() },
  { name: "users", path: "/admin/users", state: ADMIN_STATE, ready: (page: Page) => expect(page.getByRole("heading", { name: "All users" })).toBeVisible() },
  { name: "tokens", path: "/admin/tokens", state: ADMIN_STATE, ready: (page: Page) => expect(page.getByRole("heading", { name: "All tokens" })).toBeVisible() },
  { name: "alerts", path: "/alerts", ready: (page: Page) => expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible() },
  { name: "alert-rules", path: "/alerts/rules", ready: (page: Page) => expect(page.getByText("ClusterUnreachable").first()).toBeVisible() },
  { name: "alert-rule-new", path: "/alerts/rules/new", state: OPERATOR_STATE, ready: (page: Page) => expect(page.getByLabel("Metric")).toBeVisible() },
  { name: "silences", path: "/alerts/silences", state: OPERATOR_STATE, ready: (page: Page) => expect(page.getByRole("heading", { name: "Silences", exact: true })).toBeVisible() },
  { name: "contact-points", path: "/alerts/contact-points", ready: (page: Page) => expect(page.getByText("e2e-hook").first()).toBeVisible() },
  { name: "alert-history", path: "/alerts/history", ready: (page: Page) => expect(page.getByRole("heading", { name: /history/i }).first()).toBeVisible() },
  { name: "login", path: "/login", state: SIGNED_OUT, ready: (page: Page) => expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible() },
] as const satisfies readonly { name: string; path: string; state?: unknown; ready: (page: Page) => Promise<void> }[];

const WIDTHS = [390, 1440] as const;
const SCHEMES = ["light", "dark"] as const;

/** Waits until nothing says "Loading…" and every chart on the page has drawn. */
async function settle(page: Page): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: /^Loading / })).toHaveCount(0);
  const charts = page.getByTestId("series-chart");
  for (let i = 0; i < (await charts.count()); i++) await expect(charts.nth(i).locator("svg.recharts-surface")).toBeVisible();
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join("test-results", "screens", `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

for (const scheme of SCHEMES) {
  for (const width of WIDTHS) {
    test.describe(`${width} px, ${scheme}`, () => {
      test.use({ viewport: { width, height: 900 }, colorScheme: scheme });

      for (const target of PAGES) {
        test.describe(target.name, () => {
          if ("state" in target) test.use({ storageState: target.state });
          test(`${target.name}: no sideways overflow, no serious axe violations, screenshot`, async ({ page }, testInfo) => {
          await page.goto(target.path);
          await target.ready(page);
          await settle(page);

          const overflow = await page.evaluate(() => {
            const root = document.scrollingElement ?? document.documentElement;
            return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
          });
          expect(overflow.scrollWidth, `page is ${overflow.scrollWidth} px wide in a ${overflow.clientWidth} px window`).toBeLessThanOrEqual(overflow.clientWidth);

          const axe = await new AxeBuilder({ page }).analyze();
          const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
          expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);

          await screenshot(page, testInfo, `${target.name}-${width}-${scheme}`);
        });
        });
      }
    });
  }
}

for (const width of [768, 2560] as const) {
  test(`every page holds at ${width} px: no sideways overflow`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 1000 });
    // As the viewer every test signs in as (the admin's and the signed-out pages are measured above).
    for (const target of PAGES.filter((t) => !("state" in t))) {
      await page.goto(target.path);
      await target.ready(page);
      await settle(page);
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, `${target.name} overflows by ${overflow} px`).toBeLessThanOrEqual(0);
      await screenshot(page, testInfo, `${target.name}-${width}-light`);
    }
  });
}

test("charts: round time ticks, the zone on the axis, the unit on the y axis, a line without dots, a tooltip in words", async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem("queuewatch.timeZone", "UTC"));
  await page.goto(`/clusters/e2e-kafka/groups/${enc(E2E_GROUP)}?range=15m`);
  const chart = page.getByTestId("series-chart").first();
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  // 15 minutes → a tick every 5 min (HH:M0 or HH:M5), no seconds.
  const tickLabels = chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value");
  await expect.poll(() => tickLabels.count()).toBeGreaterThanOrEqual(2);
  const ticks = await tickLabels.allTextContents();
  for (const tick of ticks) expect(tick).toMatch(/^\d\d:\d[05]$/);
  await expect(chart.locator(".recharts-label").filter({ hasText: /^time, / })).toHaveText("time, UTC");
  await expect(chart.locator(".recharts-label").filter({ hasText: /^messages$/ })).toHaveCount(1);
  // The collector polls every 2 s: the series is dense, drawn as a line without dots.
  await expect.poll(async () => ((await chart.locator("path.recharts-line-curve").first().getAttribute("d")) ?? "").split("L").length, { timeout: 30_000 }).toBeGreaterThan(3);
  // Only a point with no known neighbour (e.g. the first bucket after a gap) may carry a dot.
  expect(await chart.locator(".recharts-line-dots circle").count()).toBeLessThanOrEqual(2);
  // The tooltip says when in words, in the chosen zone, and the value with its unit (hovering the newest point).
  const box = await chart.locator("svg.recharts-surface").boundingBox();
  const d = (await chart.locator("path.recharts-line-curve").first().getAttribute("d")) ?? "";
  const last = [...d.matchAll(/([\d.]+),([\d.]+)/g)].at(-1);
  if (!box || !last) throw new Error("the chart has no line to hover");
  await page.mouse.move(box.x + Number(last[1]) - 1, box.y + Number(last[2]), { steps: 3 });
  await expect(chart.getByText(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}, \d\d:\d\d:\d\d UTC$/)).toBeVisible();
  await expect(chart.getByText(/^\d[\d,]* messages?$|^no data$/)).toBeVisible();
});

test("a Kafka cluster never reached says so, with the client's error and what to check, not 'No topics'", async ({ page }) => {
  await page.goto("/clusters/e2e-kafka-unreachable");
  const problems = page.getByTestId("cluster-problem");
  await expect(problems.filter({ hasText: "No brokers: Cannot reach the brokers (never reached)." })).toBeVisible();
  await expect(problems.filter({ hasText: "No topics: Cannot reach the brokers (never reached) (see above)." })).toBeVisible();
  await expect(problems.filter({ hasText: "No consumer groups: Cannot reach the brokers (never reached) (see above)." })).toBeVisible();
  await expect(problems.first()).toContainText("Error: ");
  await expect(problems.first()).toContainText("brokers listed for this cluster in queuewatch.yaml");
  await expect(page.getByText("No topics.", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("stale-mark").first()).toBeVisible();
});

test("wrong RabbitMQ credentials show the broker's 401 and the fix, not 'No node health yet'", async ({ page }) => {
  await page.goto("/clusters/e2e-rabbit-badcreds");
  const problem = page.getByTestId("cluster-problem").filter({ hasText: "No node health: The broker rejected Queuewatch's credentials." });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('rejected the credentials of user "guest" (401)');
  await expect(problem).toContainText("Waiting will not help.");
  await expect(page.getByText(/No node health yet/)).toHaveCount(0);
});

test("figures of a cluster whose latest poll failed are marked stale: node running unknown, rates not current", async ({ page }, testInfo) => {
  const user = "qw-e2e-stale";
  rabbitmqctl("add_user", user, "qw-e2e-stale-password");
  try {
    rabbitmqctl("set_user_tags", user, "monitoring");
    rabbitmqctl("set_permissions", "-p", "/", user, "", "", ".*");
    await page.goto("/clusters/e2e-rabbit-stale");
    // Polled successfully: current figures, no stale mark.
    await expect(page.getByTestId("node-running").first()).toHaveText("yes", { timeout: 30_000 });
    await expect(page.getByTestId("queue-row").first()).toBeVisible();
    await expect(page.getByTestId("stale-mark")).toHaveCount(0);
    // Locked out: the next poll fails (401) and the stored figures are shown as stale, not as current.
    rabbitmqctl("change_password", user, "a-password-queuewatch-does-not-know");
    await expect(page.getByTestId("stale-mark").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("stale-mark").first()).toHaveText(/^stale · from \d\d:\d\d:\d\d$/);
    await expect(page.getByTestId("node-running").first()).toHaveText("unknown");
    const row = page.getByTestId("queue-row").first();
    await expect(row.locator("td").nth(8)).toHaveText("—"); // publish/s
    await expect(row.getByTestId("dead-letter-out-rate")).toHaveText("—");
    await expect(row.locator("td").nth(2)).toHaveClass(/italic/); // messages: muted
    await screenshot(page, testInfo, "rabbitmq-stale-1280-light");
  } finally {
    rabbitmqctl("delete_user", user);
  }
});

test("sparklines: one series request per table, not one per row", async ({ page }) => {
  const seriesRequests: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/series") seriesRequests.push(url);
  });
  await page.goto("/clusters/e2e-kafka");
  await expect(page.getByTestId("group-row").first().getByTestId("sparkline")).toBeVisible();
  expect(await page.getByTestId("group-row").count()).toBeGreaterThan(1);
  const groupLag = seriesRequests.filter((url) => url.searchParams.get("metric") === "kafka_group_lag");
  expect(groupLag).toHaveLength(1);
  expect(groupLag[0]?.searchParams.has("group")).toBe(false);

  seriesRequests.length = 0;
  await page.goto("/clusters/e2e-rabbit");
  await expect(page.getByTestId("queue-row").first().getByTestId("sparkline")).toBeVisible();
  expect(seriesRequests.filter((url) => url.searchParams.get("metric") === "rabbitmq_queue_messages")).toHaveLength(1);
});

test("a DLQ's rates chart carries its dead-letter inflow; its source shows the rate it dead-letters", async ({ page }) => {
  await page.goto(`/clusters/e2e-rabbit/queues/${enc(E2E_VHOST)}/${enc(E2E_DLQ)}`);
  await expect(page.getByTestId("chart-legend").filter({ hasText: "dead letters in" })).toBeVisible();
  await expect(page.getByTestId("figure-Dead letters in / s")).toBeVisible();
  await page.goto(`/clusters/e2e-rabbit/queues/${enc(E2E_VHOST)}/${enc(E2E_HOSTILE_QUEUE)}`);
  await expect(page.getByTestId("chart-legend").filter({ hasText: "dead-lettered out" })).toBeVisible();
  await expect(page.getByTestId("figure-Dead-lettered / s")).toHaveText(/^\d+\.\d\d$/);
});
