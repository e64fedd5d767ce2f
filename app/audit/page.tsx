import type { Metadata } from "next";
import { AuditLog } from "@/components/auth/audit-log";
import { NotAllowed } from "@/components/auth/form-ui";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { allowed } = await requirePage("audit:read");
  return (
    <div className="min-w-0">
      <PageTitle title="Audit log" subtitle="Every sign-in and every change, by users and API tokens, including refused and failed attempts." />
      {allowed ? <AuditLog /> : <NotAllowed>Only signed-in users can read the audit log.</NotAllowed>}
    </div>
  );
}
