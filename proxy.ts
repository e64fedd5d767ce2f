// Runs before every page and API request (Next 16's proxy, Node runtime): a fresh CSP nonce per page
// (Next reads the policy from the request and puts the nonce on its scripts), and the request's path
// for the root layout's sign-in redirect. Who may see what is decided in the layout and route handlers,
// never here.
import { NextResponse, type NextRequest } from "next/server";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from "@/lib/auth/content-security-policy";

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("content-security-policy", API_CONTENT_SECURITY_POLICY);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:";
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  headers.set("x-qw-path", `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Every request but static files, prefetches included: x-qw-path is always set here, so a client cannot
// pass its own (the layout's "is this the public sign-in page?" must not be the client's word).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
