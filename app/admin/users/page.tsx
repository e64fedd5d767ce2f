import type { Metadata } from "next";
import { NotAllowed } from "@/components/auth/form-ui";
import { UsersAdmin } from "@/components/auth/users-admin";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { session, allowed } = await requirePage("users:manage");
  return (
    <div>
      <PageTitle title="Users" subtitle="Who can sign in to Queuewatch, and what they may do." />
      {allowed ? (
        <UsersAdmin myName={session.me?.name ?? ""} />
      ) : (
        <NotAllowed>Only admins can manage users. You are signed in as {session.me?.name ?? "someone else"} ({session.me?.role ?? "no role"}).</NotAllowed>
      )}
    </div>
  );
}
