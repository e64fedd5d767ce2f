import { mutation } from "@/lib/api/mutation";
import { contactPointBody, deleteContactPoint, updateContactPoint } from "@/lib/alerts/contact-points/save-contact-point";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

type Params = { contactPointId: string };

/** Secrets left out of the body (url, headers, SMTP password) keep their stored values. */
export const PUT = mutation<typeof contactPointBody, Params>("PUT /api/v1/contact-points/[contactPointId]", { action: "contact-point.update", input: contactPointBody, run: updateContactPoint });

export const DELETE = mutation<typeof noInput, Params>("DELETE /api/v1/contact-points/[contactPointId]", { action: "contact-point.delete", input: noInput, run: deleteContactPoint });
