import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/form-ui";
import { TokensAdmin } from "@/components/auth/tokens-admin";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { session, allowed } = await requirePage("tokens:manage");
  return (
    <div>
      <PageTitle title="API tokens" subtitle="For scripts, CI and other tools: each token acts with its role, and every use is in the audit log." />
      {allowed ? (
        <TokensAdmin />
      ) : (
        <NotAllowed>Only admins can manage tokens. You are signed in as {session.me?.name ?? "someone else"} ({session.me?.role ?? "no role"}).</NotAllowed>
      )}
    </div>
  );
}
