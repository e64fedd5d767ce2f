import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { listSilences } from "@/lib/alerts/silences/list-silences";
import { createSilence } from "@/lib/alerts/silences/silence-actions";
import { createSilenceInput } from "@/lib/alerts/silences/silence-input";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/silences", async (): Promise<Response> => json({ silences: await listSilences(getPrisma(), new Date()) }));

export const POST = mutation("POST /api/v1/silences", { action: "silence.create", input: createSilenceInput, run: createSilence });
