import type { Metadata } from "next";
import { SilencesView } from "@/components/alerts/silences-view";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Silences" };

export default async function SilencesPage() {
  const { session } = await requirePage("read");
  return <SilencesView canEdit={authorize(session.principal, "alerts:edit") === "ok"} />;
}
