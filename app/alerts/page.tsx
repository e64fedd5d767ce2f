import type { Metadata } from "next";
import { AlertsOverview } from "@/components/alerts/alerts-overview";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const { session } = await requirePage("read");
  return <AlertsOverview canEdit={authorize(session.principal, "alerts:edit") === "ok"} />;
}
