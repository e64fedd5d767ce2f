import type { Metadata } from "next";
import { TriageOverview } from "@/components/overview/triage-overview";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: { absolute: "Overview · Queuewatch" } };

export default async function HomePage() {
  await requirePage("read");
  return <TriageOverview />;
}
