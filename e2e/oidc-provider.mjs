// A real OpenID Connect provider (npm oidc-provider) for the browser tests, started by Playwright
// before the app (playwright.config.ts). Its development login page accepts any user name; the groups
// claim (`qw_groups`) comes from E2E_OIDC_ACCOUNTS below. Also serves /csrf-attack: a page on another
// origin that posts a form to Queuewatch, for the CSRF test.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.E2E_OIDC_PORT ?? 3109);
const issuer = `http://127.0.0.1:${port}`;
const appOrigins = (process.env.E2E_APP_ORIGINS ?? "http://127.0.0.1:3107").split(",");
const secret = process.env.E2E_OIDC_SECRET;
if (!secret) throw new Error("E2E_OIDC_SECRET is not set");

/** login name → groups; a name not listed has none (Queuewatch refuses it unless a default role is set). */
const ACCOUNTS = { "oidc-alice": ["qw-admins", "everyone"], "oidc-victor": ["qw-viewers"], "oidc-olga": ["qw-operators"] };

const provider = new Provider(issuer, {
  clients: [{
    client_id: "queuewatch-e2e",
    client_secret: secret,
    redirect_uris: appOrigins.map((origin) => `${origin}/api/auth/oidc/callback`),
    grant_types: ["authorization_code"],
    response_types: ["code"],
  }],
  pkce: { required: () => true },
  scopes: ["openid", "profile", "email", "groups"],
  claims: { openid: ["sub"], profile: ["preferred_username"], email: ["email"], groups: ["qw_groups"] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, preferred_username: sub, email: `${sub}@example.test`, qw_groups: ACCOUNTS[sub] ?? [] }),
  }),
  cookies: { keys: ["queuewatch-e2e-cookie-key"] },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
});
provider.proxy = false;

const callback = provider.callback();
// text/plain form encoding sends `name=value`: here {"role":"admin","name":"csrf-attack="}, a valid
// token request — only the origin check stands between it and a new admin token.
const attackPage = (target) => `<!doctype html><html><body><h1>Another site</h1>
<form id="attack" method="post" action="${target}/api/v1/tokens" enctype="text/plain">
<input type="hidden" name='{"role":"admin","name":"csrf-attack' value='"}'>
<button type="submit">Send</button></form></body></html>`;

http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  if (url.pathname === "/csrf-attack") {
    const target = url.searchParams.get("target") ?? appOrigins[0];
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(attackPage(target.replace(/[^A-Za-z0-9:/.-]/g, "")));
    return;
  }
  callback(req, res);
}).listen(port, "127.0.0.1", () => process.stdout.write(`oidc-provider: ${issuer}\n`));
