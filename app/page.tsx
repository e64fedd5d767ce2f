import type { Metadata } from "next";
import { TriageOverview } from "@/components/overview/triage-overview";

export const metadata: Metadata = { title: { absolute: "Overview · Queuewatch" } };

export default function HomePage() {
  return <TriageOverview />;
}
