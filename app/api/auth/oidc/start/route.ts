import { NextResponse } from "next/server";
import { guard } from "@/lib/api/guard";
import { isSecureRequest } from "@/lib/api/mutation";
import { apiError, notFound } from "@/lib/api/http";
import { beginOidcLogin } from "@/lib/auth/oidc";
import { publicOrigin } from "@/lib/auth/public-origin";
import { getConfig } from "@/lib/config/load-config";
import { describeError } from "@/lib/util/describe-error";

export const dynamic = "force-dynamic";

/** Starts an OIDC sign-in: a GET link (a form POST that redirects to the provider would be blocked by CSP form-action). */
export const GET = guard("GET /api/auth/oidc/start", async (request: Request): Promise<Response> => {
  const config = getConfig();
  if (!config.auth.oidc) return notFound("OIDC login is not configured (auth.oidc)");
  try {
    const { url, cookie } = await beginOidcLogin(config.auth.oidc, publicOrigin(request.headers, config.auth), new URL(request.url).searchParams.get("next"));
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(cookie.name, cookie.value, { httpOnly: true, sameSite: "lax", secure: isSecureRequest(request, config), path: cookie.path, maxAge: cookie.maxAge });
    return response;
  } catch (error) {
    return apiError(502, "oidc_unreachable", `cannot reach the OIDC provider ${config.auth.oidc.issuer}: ${describeError(error)}`);
  }
});
