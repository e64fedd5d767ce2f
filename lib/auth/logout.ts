import "server-only";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import { endSession, SESSION_COOKIE } from "./sessions";

/** Ends the caller's session and clears its cookie. */
export async function logout({ tx, principal, cookie }: ActionContext<unknown, unknown>): Promise<ActionOutcome> {
  if (principal.kind !== "user") throw new ActionError(400, "bad_request", "only a signed-in browser session can sign out; revoke an API token instead");
  const token = cookie(SESSION_COOKIE);
  if (token) await endSession(tx, token);
  return { target: `user:${principal.name}`, body: { signedOut: true }, cookies: [{ name: SESSION_COOKIE, value: "", maxAge: 0 }] };
}
