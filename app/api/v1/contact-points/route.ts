import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { mutation } from "@/lib/api/mutation";
import { listContactPoints } from "@/lib/alerts/contact-points/list-contact-points";
import { contactPointBody, createContactPoint } from "@/lib/alerts/contact-points/save-contact-point";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/contact-points", async (): Promise<Response> => json(await listContactPoints(getPrisma())));

export const POST = mutation("POST /api/v1/contact-points", { action: "contact-point.create", input: contactPointBody, run: createContactPoint });
