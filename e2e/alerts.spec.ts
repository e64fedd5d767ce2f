// Alerts in the browser, as an operator: write a rule with its backtest, save it, watch it fire on the alerts
// page (the e2e collector evaluates every poll), silence it from its row, and see it marked silenced. A viewer
// sees the same alert without the controls.
import { expect, test } from "@playwright/test";
import { E2E_GROUP, OPERATOR_STATE } from "./fixtures";

const RULE = `E2EBillingLag${Date.now().toString(36)}`;
test.describe.configure({ mode: "serial" });

test.describe("as an operator", () => {
  test.use({ storageState: OPERATOR_STATE });

  test("creates a rule with its backtest, sees it fire, and silences it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/alerts/rules/new");
    await page.getByLabel("Name").fill(RULE);
    await page.getByLabel("Metric").selectOption("kafka_group_lag");
    const matchers: [string, string][] = [["cluster", "e2e-kafka"], ["group", E2E_GROUP]];
    for (const [index, [label, value]] of matchers.entries()) {
      await page.getByRole("button", { name: "Add matcher" }).click();
      await page.getByLabel(`Matcher ${index + 1} label`).selectOption(label);
      await page.getByLabel(`Matcher ${index + 1} value`).fill(value);
    }
    await page.getByLabel("Fires when the value is").selectOption(">");
    await page.getByLabel(/^Threshold/).fill("10");
    await page.getByLabel("For", { exact: true }).fill("0s");
    // The seeded group has had 36 messages of lag since the collector started: the backtest says it would have fired.
    await page.getByRole("button", { name: "Run backtest" }).click();
    await expect(page.getByTestId("backtest-verdict")).toContainText(/would have fired once for 1 of 1 entity/i, { timeout: 30_000 });
    await expect(page.getByTestId("backtest-firings")).toContainText(E2E_GROUP);
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/alerts\/rules\/[0-9a-f-]{36}/);

    await page.goto("/alerts");
    const row = page.getByTestId("alert-row").filter({ hasText: RULE }).filter({ hasText: E2E_GROUP });
    await expect(row).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("alerts-section-firing")).toContainText(RULE);
    await expect(row.getByTestId("alert-value")).toHaveText("36");

    await row.getByTestId("silence-alert").click();
    await expect(page).toHaveURL(/\/alerts\/silences/);
    await page.getByLabel("Comment (required)").fill("e2e: known backlog");
    await page.getByRole("button", { name: "Create silence" }).click();
    await page.goto("/alerts");
    await expect(row.getByText(/silenced/i)).toBeVisible({ timeout: 15_000 });
  });
});

// The viewer test looks at the alert the operator test made fire, so they run in order (and a failure of the first skips the second).
test("a viewer sees the alert pages without the controls that change them", async ({ page }) => {
  await page.goto("/alerts");
  // Wait for data: an alert row an operator could silence, so the missing control says something.
  await expect(page.getByTestId("alert-row").filter({ hasText: RULE }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("silence-alert")).toHaveCount(0);
  await page.goto("/alerts/rules");
  await expect(page.getByTestId("rule-row").filter({ hasText: RULE })).toBeVisible();
  await expect(page.getByTestId("new-rule")).toHaveCount(0);
  await page.goto("/alerts/silences");
  await expect(page.getByTestId("silence-row").first()).toBeVisible();
  await expect(page.getByTestId("silences-read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "New silence" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /expire/i })).toHaveCount(0);
});
