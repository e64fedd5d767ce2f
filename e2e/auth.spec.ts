// Signing in and out, roles in the pages and on the server, the audit page, OIDC through a real provider,
// a cross-origin form post, and the anonymous read-only server.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, E2E_ANONYMOUS_PORT, E2E_OIDC_PORT, E2E_PORT, E2E_USERS } from "./fixtures";

const APP = `http://127.0.0.1:${E2E_PORT}`;
const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("signed out", () => {
  test.use(SIGNED_OUT);

  test("a page sends you to sign in and back; a wrong password says so; sign out ends the session", async ({ page }) => {
    await page.goto("/clusters/e2e-kafka");
    await expect(page).toHaveURL(/\/login\?next=%2Fclusters%2Fe2e-kafka/);
    await signIn(page, E2E_USERS.viewer.username, "not the password");
    await expect(page.getByRole("alert").filter({ hasText: "wrong user name or password" })).toBeVisible();
    await signIn(page, E2E_USERS.viewer.username, E2E_USERS.viewer.password);
    await expect(page).toHaveURL(`${APP}/clusters/e2e-kafka`);
    await expect(page.getByTestId("group-row").first()).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(E2E_USERS.viewer.username);
    const before = (await page.context().cookies()).find((c) => c.name === "qw_session");
    expect(before?.httpOnly).toBe(true);
    expect(before?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    // The old cookie value no longer opens anything.
    const replay = await page.request.get("/api/v1/clusters", { headers: { cookie: `qw_session=${before?.value}` } });
    expect(replay.status()).toBe(401);
  });

  test("a request cannot pass itself off as the sign-in page", async ({ page }) => {
    const attempts: Record<string, string>[] = [{ "x-qw-path": "/login" }, { "x-qw-path": "/login", "next-router-prefetch": "1", purpose: "prefetch" }];
    for (const headers of attempts) {
      const response = await page.request.get("/clusters/e2e-kafka", { headers, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(headers)).toBe(307);
      expect(response.headers()["location"]).toMatch(/^\/login\?next=%2Fclusters%2Fe2e-kafka/);
    }
  });

  test("OIDC: sign in through the provider's own pages; the role comes from the groups claim", async ({ page }) => {
    await page.goto("/login?next=%2Faudit");
    await page.getByRole("link", { name: "Sign in with the test IdP" }).click();
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_OIDC_PORT}/`));
    await page.locator("input[name=login]").fill("oidc-alice");
    await page.locator("input[name=password]").fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(`${APP}/audit`);
    await expect(page.getByRole("banner")).toContainText("oidc-alice");
    await expect(page.getByRole("banner")).toContainText("admin");
    const me = await (await page.request.get("/api/v1/me")).json();
    expect(me).toEqual({ me: { kind: "user", name: "oidc-alice", role: "admin", canChangePassword: false } });
  });

  test("OIDC: an account whose groups map to no role is refused with the reason", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with the test IdP" }).click();
    await page.locator("input[name=login]").fill("oidc-nobody");
    await page.locator("input[name=password]").fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/login\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: "no Queuewatch role" })).toBeVisible();
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("the anonymous read-only server shows figures without a login and refuses every change", async ({ page }) => {
    const wall = `http://127.0.0.1:${E2E_ANONYMOUS_PORT}`;
    await page.goto(`${wall}/`);
    await expect(page).toHaveURL(`${wall}/`);
    await expect(page.getByText("E2E Kafka").first()).toBeVisible();
    expect((await page.request.get(`${wall}/api/v1/clusters`)).status()).toBe(200);
    const change = await page.request.post(`${wall}/api/v1/tokens`, { headers: { origin: wall }, data: { name: "wall", role: "admin" } });
    expect(change.status()).toBe(401);
    await page.goto(`${wall}/admin/users`);
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  });
});

test("a viewer sees no user actions, and the server refuses the action anyway", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByText(/only admins/i)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /delete/i })).toHaveCount(0);
  const refused = await page.request.post("/api/v1/users", { headers: { origin: APP }, data: { username: "made-by-viewer", role: "admin", password: "a long enough password" } });
  expect(refused.status()).toBe(403);
});

test.describe("as admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("creates a token shown once, and the audit page shows it and the sign-ins", async ({ page }) => {
    await page.goto("/admin/tokens");
    await page.getByLabel("Token name").fill("e2e-dashboard");
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("New token").inputValue();
    expect(secret).toMatch(/^qw_/);
    const withToken = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
    expect((await withToken.json()).me).toMatchObject({ kind: "token", name: "e2e-dashboard" });
    await page.reload();
    await expect(page.getByText("e2e-dashboard").first()).toBeVisible();
    await expect(page.locator(`text=${secret}`)).toHaveCount(0);

    await page.goto("/audit?action=login");
    const log = page.getByRole("table", { name: "Audit log" });
    await expect(log).toContainText(`user:${E2E_USERS.viewer.username}`);
    await page.goto("/audit?action=token.create");
    await expect(page.getByRole("table", { name: "Audit log" })).toContainText("token:e2e-dashboard");
  });

  test("a form posted from another origin with the admin's cookie is refused and changes nothing", async ({ page }) => {
    await page.goto(`http://127.0.0.1:${E2E_OIDC_PORT}/csrf-attack?target=${encodeURIComponent(APP)}`);
    const answer = page.waitForResponse((response) => response.url() === `${APP}/api/v1/tokens` && response.request().method() === "POST");
    await page.getByRole("button", { name: "Send" }).click();
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("cross_origin");
    const tokens = await (await page.request.get(`${APP}/api/v1/tokens`)).json();
    expect(JSON.stringify(tokens)).not.toContain("csrf-attack");
  });
});
