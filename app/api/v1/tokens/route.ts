import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { getPrisma } from "@/lib/db/prisma";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";
import { createTokenInput } from "@/lib/tokens/token-input";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/tokens", async (): Promise<Response> => json({ tokens: await listTokens(getPrisma()) }));

export const POST = mutation("POST /api/v1/tokens", { action: "token.create", input: createTokenInput, run: createToken });
