import type { Metadata } from "next";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { RulesList } from "@/components/alerts/rules-list";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Alert rules" };

export default async function AlertRulesPage() {
  const { session } = await requirePage("read");
  return (
    <div className="min-w-0">
      <PageTitle title="Alert rules" subtitle="What Queuewatch alerts on: each rule watches one metric on the entities its matchers select, evaluated on every poll." />
      <AlertsNav current="rules" />
      <RulesList canEdit={authorize(session.principal, "alerts:edit") === "ok"} />
    </div>
  );
}
