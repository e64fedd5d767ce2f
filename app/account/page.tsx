import type { Metadata } from "next";
import { AccountView } from "@/components/auth/account-view";
import { NotAllowed } from "@/components/auth/form-ui";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { session, allowed } = await requirePage("session");
  return (
    <div>
      <PageTitle title="Account" />
      {allowed && session.me ? <AccountView me={session.me} /> : <NotAllowed>Sign in to see your account.</NotAllowed>}
    </div>
  );
}
