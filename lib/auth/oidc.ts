import "server-only";
import * as client from "openid-client";
import { z } from "zod";
import type { User } from "@prisma/client";
import { ActionError, type ActionContext, type ActionOutcome, type CookieToSet } from "@/lib/api/mutation";
import type { OidcConfig } from "@/lib/config/schema";
import type { DbTransaction } from "@/lib/db/prisma";
import { startSession } from "./login";
import { roleFromClaims, usernameFromClaims, type Claims } from "./oidc-claims";
import { safeNextPath } from "./safe-next-path";
import { assertAnotherAdmin } from "@/lib/users/update-user";
import { SESSION_COOKIE } from "./sessions";

// Authorization code flow with PKCE (S256), state and nonce, through openid-client. The verifier, state,
// nonce and where to return travel in a short-lived httpOnly cookie scoped to the callback path.

export const OIDC_COOKIE = "qw_oidc";
export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
const FLOW_SECONDS = 600;

const flowSchema = z.object({ verifier: z.string(), state: z.string(), nonce: z.string(), next: z.string() });

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

/** Discovery once per process (lazily, at the first login; retried after a failure). */
function configurationOf(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer} ${oidc.clientId}`;
  if (discovered?.key !== key) {
    const options = oidc.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : undefined;
    const config = client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, options);
    config.catch(() => (discovered = undefined));
    discovered = { key, config };
  }
  return discovered.config;
}

/** Where to send the browser to sign in, and the flow cookie to set. */
export async function beginOidcLogin(oidc: OidcConfig, origin: string, next: string | null): Promise<{ url: URL; cookie: CookieToSet }> {
  const config = await configurationOf(oidc);
  const flow = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), next: safeNextPath(next) };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}${OIDC_CALLBACK_PATH}`,
    scope: oidc.scopes.join(" "),
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, cookie: { name: OIDC_COOKIE, value: JSON.stringify(flow), maxAge: FLOW_SECONDS, path: OIDC_CALLBACK_PATH } };
}

/** The callback's query, as the provider sent it (code + state, or error + error_description). */
export const oidcCallbackInput = z.record(z.string(), z.string());

/** Finds or creates the user for (issuer, subject), with the role the claims map to at this login. */
async function upsertOidcUser(tx: DbTransaction, oidc: OidcConfig, claims: Claims, role: User["role"]): Promise<{ user: User; before: User | null }> {
  const subject = String(claims.sub);
  const before = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: oidc.issuer, oidcSubject: subject } } });
  if (before) {
    // The provider demoted the last enabled admin: keep Queuewatch manageable, refuse the sign-in with the reason.
    if (before.role === "admin" && role !== "admin" && before.disabledAt === null) await assertAnotherAdmin(tx, before.id, `user:${before.username}`);
    return { before, user: await tx.user.update({ where: { id: before.id }, data: { role } }) };
  }
  const wanted = usernameFromClaims(claims, oidc.usernameClaim);
  // A local user may already hold the name: the OIDC user gets it qualified by the provider's host.
  const taken = await tx.user.findUnique({ where: { username: wanted } });
  const username = taken ? `${wanted}@${new URL(oidc.issuer).host}` : wanted;
  return { before: null, user: await tx.user.create({ data: { username, role, oidcIssuer: oidc.issuer, oidcSubject: subject } }) };
}

/** The OIDC callback: checks state, PKCE and nonce, reads the claims (ID token, then userinfo), maps the role, signs in. */
function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

export async function completeOidcLogin({ tx, input, meta, now, config, cookie, origin }: ActionContext<Record<string, string>, unknown>): Promise<ActionOutcome> {
  const oidc = config.auth.oidc;
  if (!oidc) throw new ActionError(404, "not_found", "OIDC login is not configured");
  if (input.error) throw new ActionError(400, "oidc_error", `the identity provider refused: ${input.error_description ?? input.error}`);
  const flow = flowSchema.safeParse(parseJson(cookie(OIDC_COOKIE)));
  if (!flow.success) throw new ActionError(400, "oidc_flow", "this sign-in was not started here or took longer than 10 minutes: start again");
  // From here on this is a sign-in started here: its failures are audited.
  const started = { actor: { actor: "anonymous (OIDC sign-in)", actorKind: "anonymous" as const } };
  const configuration = await configurationOf(oidc);
  const currentUrl = new URL(`${origin}${OIDC_CALLBACK_PATH}?${new URLSearchParams(input).toString()}`);
  let claims: Claims;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, { pkceCodeVerifier: flow.data.verifier, expectedState: flow.data.state, expectedNonce: flow.data.nonce });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token in the answer");
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    claims = { ...userinfo, ...idClaims, ...(oidc.roleClaim in idClaims ? {} : { [oidc.roleClaim]: userinfo[oidc.roleClaim] }) };
  } catch (error) {
    throw new ActionError(400, "oidc_failed", `OIDC sign-in failed: ${error instanceof Error ? error.message : String(error)}`, started);
  }
  const role = roleFromClaims(claims, oidc);
  const wanted = `oidc:${String(claims.sub)}`;
  if (role === null) throw new ActionError(403, "no_role", `your account has no Queuewatch role: none of the values of claim "${oidc.roleClaim}" is mapped`, { ...started, target: wanted, result: "denied" });
  const { user, before } = await upsertOidcUser(tx, oidc, claims, role);
  const target = `user:${user.username}`;
  if (user.disabledAt !== null) throw new ActionError(403, "disabled", "this user is disabled in Queuewatch", { ...started, target, result: "denied" });
  const session = await startSession(tx, user, cookie(SESSION_COOKIE), meta, now, config);
  return {
    target,
    actor: { actor: target, actorKind: "user" },
    before: before ? { role: before.role } : undefined,
    after: { role: user.role, source: "oidc", issuer: oidc.issuer, created: before === null },
    body: { next: flow.data.next },
    cookies: [session, { name: OIDC_COOKIE, value: "", maxAge: 0, path: OIDC_CALLBACK_PATH }],
  };
}
