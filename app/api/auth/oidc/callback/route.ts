import { mutation } from "@/lib/api/mutation";
import { completeOidcLogin, oidcCallbackInput } from "@/lib/auth/oidc";

export const dynamic = "force-dynamic";

export const GET = mutation("GET /api/auth/oidc/callback", {
  action: "login.oidc",
  input: oidcCallbackInput,
  run: completeOidcLogin,
  navigation: {
    ok: (outcome) => (outcome.body as { next: string }).next,
    error: (message) => `/login?error=${encodeURIComponent(message)}`,
  },
});
