import { mutation } from "@/lib/api/mutation";
import { testContactPoint } from "@/lib/alerts/contact-points/save-contact-point";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

/** Sends one test alert now; the answer is the delivery result (also in the delivery log and the audit log). */
export const POST = mutation<typeof noInput, { contactPointId: string }>("POST /api/v1/contact-points/[contactPointId]/test", { action: "contact-point.test", input: noInput, run: testContactPoint });
