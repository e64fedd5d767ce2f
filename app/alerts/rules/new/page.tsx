import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/form-ui";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { RuleEditor } from "@/components/alerts/rule-editor";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "New alert rule" };

export default async function NewAlertRulePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session } = await requirePage("read");
  const { copy } = await searchParams;
  if (authorize(session.principal, "alerts:edit") !== "ok") {
    return (
      <div className="min-w-0">
        <PageTitle title="New alert rule" />
        <AlertsNav current="rules" />
        <NotAllowed>Only operators and admins can create alert rules. You are signed in as {session.me?.name ?? "a visitor"} ({session.me?.role ?? "no role"}).</NotAllowed>
      </div>
    );
  }
  return <RuleEditor ruleId={null} copyFrom={typeof copy === "string" && copy !== "" ? copy : null} canEdit />;
}
