import "server-only";
import { principalLabel } from "@/lib/auth/roles";
import type { ActionContext, ActionOutcome } from "@/lib/api/mutation";
import { issueToken } from "./issue-token";
import type { CreateTokenInput } from "./token-input";

/** An admin creates an API token; the answer holds its secret, the audit row does not. */
export async function createToken({ tx, input, principal, now }: ActionContext<CreateTokenInput, unknown>): Promise<ActionOutcome> {
  const created = await issueToken(tx, input, principalLabel(principal), now);
  return { target: `token:${created.token.name}`, after: created.token, body: created, status: 201 };
}
