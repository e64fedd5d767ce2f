import type { Metadata } from "next";
import { AlertHistory } from "@/components/alerts/alert-history";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Alert history" };

export default async function AlertHistoryPage() {
  await requirePage("read");
  return <AlertHistory />;
}
