import { mutation } from "@/lib/api/mutation";
import { expireSilence } from "@/lib/alerts/silences/silence-actions";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

/** Expires the silence now (it stays listed as expired). */
export const DELETE = mutation<typeof noInput, { silenceId: string }>("DELETE /api/v1/silences/[silenceId]", { action: "silence.expire", input: noInput, run: expireSilence });
