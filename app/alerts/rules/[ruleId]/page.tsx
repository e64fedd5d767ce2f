import type { Metadata } from "next";
import { RuleEditor } from "@/components/alerts/rule-editor";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Alert rule" };

/** Pages get the segment percent-encoded ("config%3AName"); a rule id (uuid or "config:" + rule name) never holds "%" itself. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function AlertRulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const { session } = await requirePage("read");
  const ruleId = decodeSegment((await params).ruleId);
  return <RuleEditor ruleId={ruleId} copyFrom={null} canEdit={authorize(session.principal, "alerts:edit") === "ok"} />;
}
