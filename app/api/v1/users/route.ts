import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { getPrisma } from "@/lib/db/prisma";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { createUserInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/users", async (): Promise<Response> => json({ users: await listUsers(getPrisma()) }));

export const POST = mutation("POST /api/v1/users", { action: "user.create", input: createUserInput, run: createUser });
