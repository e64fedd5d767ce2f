import "server-only";
import type { z } from "zod";
import { NextResponse } from "next/server";
import { recordAudit, type AuditEntry, type AuditResult } from "@/lib/audit/record-audit";
import { principalLabel, type Principal } from "@/lib/auth/roles";
import { clientMetaOf, cookieFrom } from "@/lib/auth/principal";
import { crossOriginReason } from "@/lib/auth/same-origin";
import { publicOrigin } from "@/lib/auth/public-origin";
import type { ClientMeta } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config/load-config";
import type { QueuewatchConfig } from "@/lib/config/schema";
import { getPrisma, type Db, type DbTransaction } from "@/lib/db/prisma";
import { describeError } from "@/lib/util/describe-error";
import { redactSecrets } from "@/lib/log/logger";
import { isSitePath } from "@/lib/auth/safe-next-path";
import { secretsOfConfig } from "./config-secrets";
import { checkAccess, clearSessionCookie } from "./guard";
import { describeInputIssues } from "./input-issues";
import { apiError, badRequest, forbidden, json, serverError } from "./http";
import { ROUTE_ACCESS, type RouteKey } from "./route-access";

/** Largest request body a change accepts; nothing Queuewatch takes comes close. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Who the audit row names (defaults to the request's principal; a login names the user it signs in). */
export interface AuditActor {
  actor: string;
  actorKind: AuditEntry["actorKind"];
}

export interface CookieToSet {
  name: string;
  value: string;
  /** seconds; 0 deletes the cookie */
  maxAge: number;
  path?: string;
}

export interface ActionContext<I, P> {
  tx: DbTransaction;
  input: I;
  params: P;
  principal: Principal;
  meta: ClientMeta;
  now: Date;
  config: QueuewatchConfig;
  /** the origin users reach Queuewatch at (lib/auth/public-origin.ts) */
  origin: string;
  /** a cookie the request carried */
  cookie(name: string): string | undefined;
}

export interface ActionOutcome {
  /** what was changed, for the audit log ("user:alice", "token:ci") */
  target: string;
  before?: unknown;
  after?: unknown;
  body: unknown;
  status?: number;
  actor?: AuditActor;
  cookies?: CookieToSet[];
}

/** A change refused or failed for a reason the caller should read; the transaction is rolled back, the attempt still audited. */
export class ActionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { target?: string; result?: Exclude<AuditResult, "ok">; headers?: Record<string, string>; actor?: AuditActor } = {},
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** What a precheck gets: everything but the transaction (the plain client instead, for reads). */
export type PrecheckContext<I, P> = Omit<ActionContext<I, P>, "tx"> & { db: Db };

export interface MutationSpec<S extends z.ZodType, P> {
  /** the audit log's action name, e.g. "user.create" */
  action: string;
  input: S;
  /** Slow checks that must not hold a transaction (and a pooled connection) open, e.g. a password hash; may throw ActionError. */
  precheck?(ctx: PrecheckContext<z.output<S>, P>): Promise<void>;
  run(ctx: ActionContext<z.output<S>, P>): Promise<ActionOutcome>;
  /**
   * A browser navigation that arrives from another site on purpose (the OIDC callback, redirected by the
   * identity provider): its input is the URL's query, and its CSRF defence is the state it must carry
   * (checked by `run`), not the Origin. It answers with redirects.
   */
  navigation?: { ok(outcome: ActionOutcome): string; error(message: string): string };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The body as text, or null as soon as it passes MAX_BODY_BYTES (a chunked upload is not buffered whole). */
async function readCappedText(request: Request): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonBody(request: Request): Promise<Parsed<unknown>> {
  const text = await readCappedText(request);
  if (text === null) return { ok: false, response: apiError(413, "payload_too_large", `request body is larger than ${MAX_BODY_BYTES} bytes`) };
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, response: badRequest(`malformed JSON body: ${describeError(error)}`) };
  }
}


const actorOf = (principal: Principal): AuditActor => ({ actor: principalLabel(principal), actorKind: principal.kind });

/** A same-site redirect (303: the browser follows it with a GET). Only paths, never another origin. */
function redirectTo(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: isSitePath(path) ? path : "/", "cache-control": "no-store" } });
}

function respond(outcome: ActionOutcome, secure: boolean, redirect: string | undefined): NextResponse {
  const response = redirect === undefined ? json(outcome.body, { status: outcome.status ?? 200 }) : redirectTo(redirect);
  for (const cookie of outcome.cookies ?? []) {
    response.cookies.set(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", secure, path: cookie.path ?? "/", maxAge: cookie.maxAge });
  }
  return response;
}

/** Cookies get Secure when Queuewatch is served over https (its public URL, or the proxy says so). */
export function isSecureRequest(request: Request, config: QueuewatchConfig): boolean {
  const publicUrl = config.auth.publicUrl;
  if (publicUrl !== undefined) return publicUrl.startsWith("https://");
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
}

/**
 * The one path for every change: parse the body → who is asking → same-origin check for cookie sessions →
 * permission (the route's entry in ROUTE_ACCESS) → zod input → one transaction holding the change and its
 * audit row. A refused or failed attempt by a known caller is audited too (outside the rolled-back
 * transaction). A route cannot skip a step: this is the only helper that hands out a transaction.
 */
export function mutation<S extends z.ZodType, P = Record<string, never>>(key: RouteKey, spec: MutationSpec<S, P>): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const now = new Date();
    const meta = clientMetaOf(request.headers);
    let audit: Omit<AuditEntry, "result" | "target"> | null = null;
    let target = "";
    try {
      const config = getConfig();
      const db = getPrisma();
      const body: Parsed<unknown> = spec.navigation ? { ok: true, value: Object.fromEntries(new URL(request.url).searchParams) } : await readJsonBody(request);
      if (!body.ok) return body.response;

      const access = await checkAccess(request, key, config, now);
      if (!access.ok) {
        if (access.refused) {
          const denied = { at: now, ...actorOf(access.refused), action: spec.action, ip: meta.ip, userAgent: meta.userAgent };
          await recordAudit(db, { ...denied, target: new URL(request.url).pathname, result: "denied", message: `needs ${ROUTE_ACCESS[key]}` });
        }
        return access.response;
      }
      const { principal } = access;
      audit = { at: now, ...actorOf(principal), action: spec.action, ip: meta.ip, userAgent: meta.userAgent };
      // API tokens are sent by scripts, never attached by a browser on its own: only cookie sessions (and the public sign-in) need the origin check.
      if (principal.kind !== "token" && !spec.navigation) {
        const reason = crossOriginReason(
          { origin: request.headers.get("origin"), host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"), secFetchSite: request.headers.get("sec-fetch-site") },
          config.auth.publicUrl,
        );
        if (reason !== null) {
          // A signed-in user's browser was made to send it: worth an audit row. An anonymous one is noise anyone could write.
          if (principal.kind === "user") await recordAudit(db, { ...audit, target: "-", result: "denied", message: reason });
          return forbidden("cross_origin", reason);
        }
      }
      const input = spec.input.safeParse(body.value);
      if (!input.success) return badRequest(`invalid input: ${describeInputIssues(input.error)}`);
      const params = await context.params;
      const started = audit;
      const shared = { input: input.data, params, principal, meta, now, config, origin: publicOrigin(request.headers, config.auth), cookie: (name: string) => cookieFrom(request.headers, name) };
      if (spec.precheck) await spec.precheck({ ...shared, db });
      const outcome = await db.$transaction(async (tx) => {
        const result = await spec.run({ ...shared, tx });
        target = result.target;
        await recordAudit(tx, { ...started, ...result.actor, target: result.target, before: result.before, after: result.after, result: "ok" });
        return result;
      });
      const response = respond(outcome, isSecureRequest(request, config), spec.navigation?.ok(outcome));
      return clearSessionCookie(response, access.staleCookie && !(outcome.cookies ?? []).length);
    } catch (error) {
      const failure = error instanceof ActionError ? error : new ActionError(500, "internal_error", redactSecrets(describeError(error), secretsOfConfig()));
      // Anonymous failures are audited only when the action names who they concern (a failed password login, an OIDC sign-in that was started here).
      if (audit && (audit.actorKind !== "anonymous" || failure.options.actor)) {
        const entry = { ...audit, ...failure.options.actor, target: failure.options.target ?? (target || "-"), result: failure.options.result ?? "failed", message: failure.message };
        await recordAudit(getPrisma(), entry).catch(() => undefined);
      }
      if (spec.navigation) return redirectTo(spec.navigation.error(failure.message));
      return failure.status === 500 ? serverError(failure.message) : apiError(failure.status, failure.code, failure.message, failure.options.headers);
    }
  };
}
