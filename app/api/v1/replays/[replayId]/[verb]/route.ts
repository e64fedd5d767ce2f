import { mutation } from "@/lib/api/mutation";
import { replayVerb } from "@/lib/dlq/replay/replay-actions";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

/** pause, resume or cancel. */
export const POST = mutation<typeof noInput, { replayId: string; verb: string }>("POST /api/v1/replays/[replayId]/[verb]", { action: "replay.control", input: noInput, run: replayVerb });
