// Security headers and the Content-Security-Policy on real pages, no CSP violation anywhere, and no
// configured secret in any client bundle, page or API answer.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { ADMIN_STATE, E2E_GROUP } from "./fixtures";

const PAGES = ["/", "/clusters/e2e-kafka", `/clusters/e2e-kafka/groups/${encodeURIComponent(E2E_GROUP)}`, "/clusters/e2e-rabbit", "/account", "/admin/users", "/admin/tokens", "/audit", "/alerts", "/alerts/contact-points", "/alerts/rules", "/alerts/rules/new", "/alerts/silences?new=1", "/alerts/history"];

type ContactPointSecrets = { url?: string; headers?: Record<string, string>; smtp?: { password?: string } };

/** Every secret value in the e2e config: broker passwords (as written), contact point URLs, headers and SMTP passwords, and the OIDC client secret (from the environment). */
function configuredSecrets(): string[] {
  const config = parse(readFileSync(path.resolve("e2e/queuewatch.e2e.yaml"), "utf8")) as { clusters: { password?: string }[]; alerts: { contactPoints: ContactPointSecrets[] } };
  const passwords = config.clusters.flatMap((cluster) => (cluster.password && cluster.password.length >= 8 ? [cluster.password] : []));
  // A URL's token is the secret part (the host is shown, masked: "http://127.0.0.1:9/…").
  const contactPoints = config.alerts.contactPoints.flatMap((point) => [new URL(point.url ?? "http://x/").searchParams.get("token") ?? "", ...Object.values(point.headers ?? {}), point.smtp?.password ?? ""]).filter((secret) => secret.length >= 8);
  expect(contactPoints).toHaveLength(3);
  const oidc = process.env.E2E_OIDC_SECRET;
  if (!oidc) throw new Error("E2E_OIDC_SECRET is not set (playwright.config.ts sets it)");
  return [oidc, ...passwords, ...contactPoints];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

test.describe("as admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("pages carry a nonce CSP without unsafe-inline or unsafe-eval for scripts, and the other security headers", async ({ page }) => {
    const nonces = new Set<string>();
    for (const url of PAGES.slice(0, 2)) {
      const response = await page.goto(url);
      const headers = response?.headers() ?? {};
      const csp = headers["content-security-policy"] ?? "";
      const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
      expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
      nonces.add(scriptSrc);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["x-frame-options"]).toBe("DENY");
      // Every script the server sends carries this response's nonce (scripts those load later are trusted through 'strict-dynamic').
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? "-";
      const html = (await response?.text()) ?? "";
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    }
    expect(nonces.size).toBe(2);
    const api = await page.request.get("/api/v1/clusters");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("no page breaks its Content-Security-Policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { __cspViolations: string[] }).__cspViolations ??= [];
        (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    for (const url of PAGES) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      // Hydrated: client components rendered their data (the header's sign-out button is a client component).
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      const seen = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      violations.push(...seen.map((v) => `${url}: ${v}`));
    }
    expect(violations).toEqual([]);
  });

  test("no configured secret is in a client bundle, a page or an API answer", async ({ page }) => {
    const secrets = configuredSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const files = filesUnder(path.resolve(".next/static"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, "latin1");
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a configured secret`).toBe(false);
    }
    for (const url of PAGES) {
      const html = await (await page.request.get(url)).text();
      for (const secret of secrets) expect(html.includes(secret), `${url} holds a configured secret`).toBe(false);
    }
    for (const api of ["/api/v1/contact-points", "/api/v1/contact-points/deliveries", "/api/v1/alert-rules", "/api/v1/clusters", "/api/v1/overview", "/api/v1/me", "/api/v1/users", "/api/v1/tokens", "/api/v1/audit", "/api/health", "/api/v1/clusters/e2e-rabbit-badcreds/nodes"]) {
      const text = await (await page.request.get(api)).text();
      for (const secret of secrets) expect(text.includes(secret), `${api} holds a configured secret`).toBe(false);
    }
  });
});
